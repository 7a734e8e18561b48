// Shared set-up for the end-to-end tests: paths, the static server for dist/, Chromium launched
// the way this machine needs it (Debian's binary, no sandbox as root, no background traffic),
// a page that records every request and every CSP complaint, and the native CLI for comparisons.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const DIST = path.join(ROOT, 'dist');
export const DEMO = path.join(ROOT, 'www/demo');
export const ARTIFACTS = path.join(ROOT, 'tests/e2e/artifacts');
export const DEMO_FILES = JSON.parse(fs.readFileSync(path.join(DEMO, 'manifest.json'), 'utf8'));

/**
 * Registers before/after hooks that start the server and the browser for the calling test file.
 * Returns a live object: `env.server` and `env.context` are set once `before` has run.
 */
export function useBrowser(name) {
  const env = { server: null, context: null };
  let userDataDir;
  before(async () => {
    assert.ok(fs.existsSync(path.join(DIST, 'index.html')), 'dist/index.html missing: run trunk build --release first');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    env.server = await startServer(DIST);
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), `posrecon-e2e-${name}-`));
    env.context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1360, height: 1000 },
      locale: 'zh-CN',
      acceptDownloads: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    await env.context?.close();
    await env.server?.close();
    if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
  });
  return env;
}

/** Opens the page; records every request URL and every CSP complaint or page error. */
export async function openPage(env) {
  const page = await env.context.newPage();
  const requests = [];
  const cspErrors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  page.on('pageerror', (e) => cspErrors.push(`page error: ${e.message}`));
  await page.goto(env.server.origin + '/');
  await page.getByTestId('dropzone').waitFor();
  return { page, requests, cspErrors };
}

/** True for URLs on the page's own origin (and data:/blob: URLs, which are not network). */
export function sameOrigin(env, url) {
  return url.startsWith(env.server.origin + '/') || url.startsWith('data:') || url.startsWith('blob:');
}

/** Today in the browser's (and this machine's) local time, as YYYY-MM-DD. */
export function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Runs the native CLI and returns its stdout. cargo brings the debug build up to date first (a
 * second when it is: the test command's native tests have just built it), so a comparison never
 * runs a stale binary.
 */
let cliFresh = false;
export function runCli(args) {
  if (!cliFresh) execFileSync('cargo', ['build', '-q', '--locked', '-p', 'posrecon-cli'], { cwd: ROOT, stdio: 'inherit' });
  cliFresh = true;
  return execFileSync(path.join(ROOT, 'target/debug/posrecon'), args, { maxBuffer: 256 * 1024 * 1024 });
}

/** The demo statement files as paths. */
export function demoPaths() {
  return DEMO_FILES.map((f) => path.join(DEMO, f));
}

/** Saves a full-page screenshot under tests/e2e/artifacts/ and prints where. */
export async function screenshot(page, name) {
  const shot = path.join(ARTIFACTS, name);
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`screenshot: ${shot}`);
  return shot;
}

/** The modification time a dropped file has unless a test gives one (2026-11-16 00:00 UTC). */
export const DROPPED_AT = 1_763_251_200_000;

/**
 * Drops `files` ([{ name, data, lastModified? }], data a Buffer or Uint8Array) on the page's drop
 * zone the way a merchant's drag does: real `File`s in a `DataTransfer`, through dragenter,
 * dragover and drop. Each `File` has a fixed modification time unless given one, as a file on
 * disk keeps its own between two drags (the page tells the same file dropped again by its name,
 * size and modification time).
 */
export async function dropFiles(page, files) {
  const dataTransfer = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const f of files) {
      dt.items.add(new File([new Uint8Array(f.data)], f.name, { type: 'text/csv', lastModified: f.lastModified }));
    }
    return dt;
  }, files.map((f) => ({ name: f.name, data: [...f.data], lastModified: f.lastModified ?? DROPPED_AT })));
  const zone = page.getByTestId('dropzone');
  for (const type of ['dragenter', 'dragover', 'drop']) await zone.dispatchEvent(type, { dataTransfer });
}

/** The files of folder `dir` named in `names`, as [`dropFiles`] takes them. */
export function filesIn(dir, names) {
  return names.map((name) => ({ name, data: fs.readFileSync(path.join(dir, name)) }));
}

/**
 * Writes `posrecon gen --rows ROWS --seed SEED` into a fresh temporary folder named after `label`
 * and returns the folder (the release-native CLI when built, it is much faster; else the debug one).
 */
export function generateWeek(label, rows, seed) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `posrecon-e2e-${label}-`));
  const args = ['gen', '--rows', String(rows), '--seed', String(seed), '--out', dir];
  const fast = path.join(ROOT, 'target/release-native/posrecon');
  if (fs.existsSync(fast)) execFileSync(fast, args, { stdio: 'ignore' });
  else runCli(args);
  return dir;
}

/**
 * Opens the file cards when a report has folded them into the strip (issue 13): a no-op before
 * an analysis, or when a file needing the merchant keeps the cards open.
 */
export async function openFileCards(page) {
  const toggle = page.getByTestId('file-strip-toggle');
  if ((await toggle.count()) > 0 && (await toggle.getAttribute('aria-expanded')) === 'false') {
    await toggle.click();
  }
  await page.getByTestId('file-card').first().waitFor();
}

/**
 * A shop's own till export, invented for the mapping and case tests (issue 13): headers no
 * exporter uses, and `好了` where an acquirer writes 交易成功. 9 sales say 好了, one says 没付上
 * (the till's word for a payment that did not go through, and one the engine cannot know either).
 */
export const TILL = '收银机导出_1109.csv';
export function tillExport() {
  const rows = ['时间点,机器,钱,结果,票号'];
  for (let i = 0; i < 9; i += 1) rows.push(`2026-11-09 1${i}:05:00,A0${i % 3},${120 + i * 7}.50,好了,00031${i}`);
  rows.push('2026-11-09 19:40:00,A01,88.00,没付上,000320');
  return rows.join('\n') + '\n';
}

/** Opens a file card's column mapping panel, unless it is open. */
export async function openMappingPanel(card) {
  if (!(await card.getByTestId('mapping-panel').evaluate((d) => d.open))) await card.getByTestId('mapping-toggle').click();
}

/**
 * Maps the till export's columns by hand, as the merchant in issue 13 did, and names it a
 * terminal log; `done(page)` waits for each analysis a change starts.
 */
export async function mapTillColumns(page, card, done) {
  const mapping = { 时间点: 'time', 机器: 'terminal_id', 钱: 'amount', 结果: 'status', 票号: 'stan' };
  for (const [header, field] of Object.entries(mapping)) {
    await openMappingPanel(card);
    const select = card.locator(`select[data-testid="mapping-select"][data-header="${header}"]`);
    if ((await select.inputValue()) !== field) {
      await select.selectOption(field);
      await done(page);
    }
  }
  await card.getByTestId('role-select').selectOption('terminal_log');
  await done(page);
  await openMappingPanel(card);
}
