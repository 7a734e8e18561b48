// End-to-end: after the first visit the page opens and analyses the demo offline, and can be
// installed. The first visit (online) registers www/sw.js, which copies every file of the build
// into its cache once: the server sees exactly the page's own requests plus that one copy, and
// nothing else. A new build (a new sw.js version) replaces the old cache. Then the browser goes
// offline and the server is stopped: a reload still opens the page, and the demo is analysed.
//
// Needs the release build in dist/ (scripts/test.sh builds it first). Works on a copy of dist/,
// so the test can publish a "new build" by editing its sw.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { DIST, ARTIFACTS } from './harness.mjs';
import { startServer } from './server.mjs';

/** The file list and version written into sw.js by the post-build hook. */
function swList(swSource) {
  const files = JSON.parse(swSource.match(/const FILES = (\[.*?\]);/s)[1]);
  const version = JSON.parse(swSource.match(/const VERSION = ("[0-9a-f]+");/)[1]);
  return { files, version };
}

/** Multiset of strings as sorted [value, count] pairs, for exact comparison. */
function counted(list) {
  const map = new Map();
  for (const v of list) map.set(v, (map.get(v) ?? 0) + 1);
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
}

test('first visit online keeps the page; offline, a reload opens it and analyses the demo', async () => {
  assert.ok(fs.existsSync(path.join(DIST, 'index.html')), 'dist/index.html missing: run trunk build --release first');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'posrecon-e2e-offline-dist-'));
  fs.cpSync(DIST, root, { recursive: true });
  const swSource = fs.readFileSync(path.join(root, 'sw.js'), 'utf8');
  const { files, version } = swList(swSource);
  for (const f of ['/index.html', '/worker_loader.js', '/worker.js', '/worker_bg.wasm', '/favicon.svg', '/manifest.json', '/demo/manifest.json']) {
    assert.ok(files.includes(f), `sw.js keeps ${f}`);
  }
  assert.ok(files.some((f) => /^\/app-[0-9a-f]{16}_bg\.wasm$/.test(f)) && files.some((f) => /^\/styles-[0-9a-f]{16}\.css$/.test(f)), 'and the hashed app and styles');
  for (const f of files) assert.ok(fs.existsSync(path.join(root, decodeURIComponent(f))), `${f} is a file of the build`);

  const server = await startServer(root);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'posrecon-e2e-offline-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await context.newPage();
    const problems = [];
    const pageRequests = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (/Content[- ]Security[- ]Policy/i.test(m.text())) problems.push(m.text()); });
    page.on('request', (r) => pageRequests.push(r.url()));
    await page.goto(server.origin + '/');
    await page.getByTestId('dropzone').waitFor();
    // The worker is registered after load, installs (copies the build) and takes the page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    assert.deepEqual(await page.evaluate(() => caches.keys()), [`posrecon-${version}`], 'one cache, named by the build');
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);

    // Exactly: the page's own requests, plus one copy of each kept file (and sw.js itself).
    assert.deepEqual(pageRequests.filter((u) => !u.startsWith(server.origin + '/')), [], 'no request leaves the origin');
    const pagePaths = pageRequests.map((u) => new URL(u).pathname);
    assert.deepEqual(counted(server.served), counted([...pagePaths, ...files, '/sw.js']),
      'the server saw the page\'s requests, one copy of each kept file and sw.js, nothing else');

    // Installable: Chromium reads the manifest without errors.
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    assert.deepEqual(manifest.errors, [], 'the manifest parses');
    const data = JSON.parse(manifest.data);
    assert.equal(data.display, 'standalone');
    assert.equal(data.start_url, '/');
    assert.match(data.name, /掉单核对/);
    assert.ok(data.icons.some((i) => i.src === '/favicon.svg'), 'its icon is the favicon');
    const installability = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installability.installabilityErrors, [], 'Chromium finds nothing that stops an install');

    // A new build: a new sw.js (here only its version) replaces the old cache once installed.
    const next = 'f'.repeat(16);
    fs.writeFileSync(path.join(root, 'sw.js'), swSource.replace(`"${version}"`, `"${next}"`));
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await page.waitForFunction((want) => caches.keys().then((k) => k.length === 1 && k[0] === want), `posrecon-${next}`, { timeout: 30_000, polling: 200 });

    // Offline: the browser's network is cut and the server is gone.
    await context.setOffline(true);
    await server.close();
    const reloaded = await page.reload();
    assert.ok(reloaded.fromServiceWorker(), 'the page came from the service worker');
    await page.getByTestId('dropzone').waitFor({ timeout: 30_000 });
    // Proof there is no network: a file the worker does not keep cannot be fetched.
    assert.equal(await page.evaluate(() => fetch('/demo/README.md').then(() => 'fetched', () => 'failed')), 'failed', 'no network');
    await page.getByTestId('demo-button').click();
    await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor({ timeout: 60_000 });
    assert.ok(await page.getByTestId('finding-row').count() > 0, 'the demo findings are shown offline');
    assert.deepEqual(problems, [], 'CSP violations or page errors');
    const shot = path.join(ARTIFACTS, 'offline-demo.png');
    await page.screenshot({ path: shot });
    console.log(`screenshot: ${shot}`);
    await page.close();
  } finally {
    await context.close();
    await server.close().catch(() => {});
    fs.rmSync(userDataDir, { recursive: true, force: true });
    fs.rmSync(root, { recursive: true, force: true });
  }
});
