// End-to-end: the real page in headless Chromium, driven as a merchant would use it.
//
// Needs the release build in dist/ (scripts/test.sh builds it first) and the native CLI
// (built here with cargo if missing), whose report on the same files the page must agree with.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const DEMO = path.join(ROOT, 'www/demo');
const ARTIFACTS = path.join(ROOT, 'tests/e2e/artifacts');
const DEMO_FILES = JSON.parse(fs.readFileSync(path.join(DEMO, 'manifest.json'), 'utf8'));

// The demo statements were written to contain exactly one case of each finding kind the engine
// reports today (see www/demo/README.md).
const DEMO_KINDS = {
  amount_mismatch: 1,
  charged_but_failed: 1,
  duplicate_charge: 1,
  missing_settlement: 1,
  pending_outcome: 1,
  unexpected_settlement: 1,
};

let server;
let context;
let userDataDir;

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, 'index.html')), 'dist/index.html missing: run trunk build --release first');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer(DIST);
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'posrecon-e2e-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1360, height: 1000 },
    locale: 'zh-CN',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await context?.close();
  await server?.close();
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
});

/** Opens the page and records every request and every CSP complaint. */
async function openPage() {
  const page = await context.newPage();
  const requests = [];
  const cspErrors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  page.on('pageerror', (e) => cspErrors.push(`page error: ${e.message}`));
  await page.goto(server.origin + '/');
  await page.getByTestId('dropzone').waitFor();
  return { page, requests, cspErrors };
}

async function waitForAnalysis(page) {
  await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor({ timeout: 30_000 });
}

async function shownKindCounts(page) {
  const counts = {};
  for (const el of await page.getByTestId('kind-count').all()) {
    counts[await el.getAttribute('data-kind')] = Number((await el.textContent()).trim());
  }
  return counts;
}

async function shownRowKinds(page) {
  const rows = await page.getByTestId('finding-row').all();
  const kinds = {};
  for (const row of rows) {
    const k = await row.getAttribute('data-kind');
    kinds[k] = (kinds[k] ?? 0) + 1;
  }
  return kinds;
}

/** What the native CLI says about the same files, as {kind: count}. */
function cliKindCounts() {
  const bin = path.join(ROOT, 'target/debug/posrecon');
  if (!fs.existsSync(bin)) execFileSync('cargo', ['build', '-q', '-p', 'posrecon-cli'], { cwd: ROOT, stdio: 'inherit' });
  const out = execFileSync(bin, ['analyze', '--as-of', today(), '--json', '-', ...DEMO_FILES.map((f) => path.join(DEMO, f))]);
  return JSON.parse(out).summary.findings_by_kind;
}

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function sameOrigin(url) {
  return url.startsWith(server.origin + '/') || url.startsWith('data:') || url.startsWith('blob:');
}

test('dropping the demo statements shows every finding kind, and nothing leaves the page', async () => {
  const { page, requests, cspErrors } = await openPage();

  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /default-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline|\*|https?:/, `CSP too loose: ${csp}`);

  // Let the page finish loading (wasm, worker) before counting.
  await page.waitForLoadState('networkidle');
  const beforeDrop = requests.length;

  const files = DEMO_FILES.map((name) => ({ name, data: [...fs.readFileSync(path.join(DEMO, name))] }));
  const dataTransfer = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([new Uint8Array(f.data)], f.name, { type: 'text/csv' }));
    return dt;
  }, files);
  const zone = page.getByTestId('dropzone');
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await zone.dispatchEvent(type, { dataTransfer });
  }
  await waitForAnalysis(page);
  await page.getByTestId('findings-table').waitFor();

  // One card per file, with the detected role.
  const cards = page.getByTestId('file-card');
  assert.equal(await cards.count(), DEMO_FILES.length);
  const roles = (await Promise.all((await cards.all()).map((c) => c.getAttribute('data-role')))).sort();
  assert.deepEqual(roles, ['acquirer_statement', 'terminal_log']);

  // The kinds and counts a merchant sees, in the summary and as table rows.
  assert.deepEqual(await shownKindCounts(page), DEMO_KINDS);
  assert.deepEqual(await shownRowKinds(page), DEMO_KINDS);
  // The page and the CLI run the same engine on the same files: they must agree.
  assert.deepEqual(cliKindCounts(), DEMO_KINDS);

  // Chinese first: the dropped-transaction label and an amount in yuan are on the page.
  const table = await page.getByTestId('findings-table').innerText();
  assert.match(table, /掉单/);
  assert.match(table, /1,580\.00/);

  await page.waitForTimeout(300);
  const foreign = requests.filter((u) => !sameOrigin(u));
  assert.deepEqual(foreign, [], 'requests to other origins');
  assert.deepEqual(requests.slice(beforeDrop), [], 'requests after the files were dropped');
  assert.deepEqual(cspErrors, [], 'CSP violations or page errors');

  const shot = path.join(ARTIFACTS, 'dropped-demo.png');
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`screenshot: ${shot}`);
  await page.close();
});

test('the demo button shows the same findings, and the English switch translates them', async () => {
  const { page, requests, cspErrors } = await openPage();
  await page.getByTestId('demo-button').click();
  await waitForAnalysis(page);
  await page.getByTestId('findings-table').waitFor();
  assert.deepEqual(await shownKindCounts(page), DEMO_KINDS);
  assert.deepEqual(await shownRowKinds(page), DEMO_KINDS);

  await page.getByTestId('lang-toggle').click();
  await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor();
  await page.getByText('Charged but shown as failed').first().waitFor();
  assert.deepEqual(await shownKindCounts(page), DEMO_KINDS);

  const foreign = requests.filter((u) => !sameOrigin(u));
  assert.deepEqual(foreign, [], 'requests to other origins');
  assert.deepEqual(cspErrors, [], 'CSP violations or page errors');
  const shot = path.join(ARTIFACTS, 'demo-english.png');
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`screenshot: ${shot}`);
  await page.close();
});
