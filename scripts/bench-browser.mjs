#!/usr/bin/env node
// Browser benchmark of issue 12: the built page (dist/) in headless Chromium, on synthetic weeks
// written by `posrecon gen`, next to the issue's browser reference points, DuckDB-Wasm and Papa
// Parse, in the same Chromium on the same files. Figures, not a test: not part of scripts/test.sh;
// BENCHMARKS.md holds the latest figures.
//
//   node scripts/bench-browser.mjs                 # 100k and 1M attempts
//   node scripts/bench-browser.mjs 10000 100000    # other sizes
//   POSRECON_BENCH_ONLY=DuckDB node scripts/bench-browser.mjs   # the contenders whose name has it
//   POSRECON_BENCH_DIST=/path/to/dist node scripts/bench-browser.mjs   # another build of the page
//
// For every size and every contender, a fresh Chromium (launched as tests/e2e/harness.mjs does)
// opens the page from a local server, waits until it has loaded (wasm, workers), then chooses the
// generated files in the page's file input and measures:
//   - time from the files being chosen (the input's `change` event) to the results painted: for
//     posrecon, the status line says done and the findings table (or "no problem found") is
//     there, found by the page's visible results (`data-testid`), not its internals;
//   - long tasks on the main thread (PerformanceObserver 'longtask', registered before the
//     files are chosen): the longest and their total, up to the results painted;
//   - for posrecon, then the language switch: from a click on the toggle to the report painted in
//     the other language, and the longest task meanwhile;
//   - peak memory, read from /proc every 100 ms: the RSS of the largest renderer process (the
//     page's, where its Web Workers run too), and the PSS of all of Chromium's processes added up
//     (Chromium's processes share many pages; PSS counts each once). Every process of that
//     Chromium names its --user-data-dir on its command line, which is how they are found.
// posrecon gets every generated file (terminal log, acquirer statement, bank statement); DuckDB-Wasm
// and Papa Parse the terminal log and the acquirer statement, read and joined on 参考号
// (scripts/bench/).
//
// Needs dist/ (built here with `trunk build --release` when missing), the release-native CLI
// (built when missing) and the npm packages @duckdb/duckdb-wasm and papaparse, installed on demand
// into ~/.cache/posrecon-bench/npm (or $POSRECON_BENCH_CACHE/npm), not into the project.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer } from '../tests/e2e/server.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIST = process.env.POSRECON_BENCH_DIST ?? path.join(ROOT, 'dist');
const BENCH = path.join(ROOT, 'scripts/bench');
const CACHE = process.env.POSRECON_BENCH_CACHE ?? path.join(os.homedir(), '.cache/posrecon-bench');
const NPM = path.join(CACHE, 'npm');
const NPM_PACKAGES = ['@duckdb/duckdb-wasm@1.32.0', 'papaparse@5.5.3'];
const WORK = path.join(process.env.TMPDIR ?? '/tmp', 'posrecon-bench');
const TARGET = process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target');
const CLI = path.join(TARGET, 'release-native/posrecon');
const TIMEOUT_MS = 20 * 60_000;
const MiB = 2 ** 20;
const ONLY = process.env.POSRECON_BENCH_ONLY ?? '';

const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(100_000, 1_000_000);
if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) {
  console.error('usage: node scripts/bench-browser.mjs [ATTEMPTS ...]');
  process.exit(2);
}

function prepare() {
  const run = (cmd, args, env = process.env) => execFileSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env });
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    console.error('[bench] dist/ missing: trunk build --release');
    // As scripts/serve.sh builds it: the pinned wasm-opt from node_modules first on PATH.
    const PATH = [path.join(ROOT, 'node_modules/.bin'), path.join(os.homedir(), '.cargo/bin'), process.env.PATH].join(':');
    run('trunk', ['build', '--release'], { ...process.env, PATH, TRUNK_SKIP_VERSION_CHECK: 'true' });
  }
  if (!fs.existsSync(CLI)) run('cargo', ['build', '--quiet', '--profile', 'release-native', '-p', 'posrecon-cli']);
  const references = CONTENDERS.some(([name]) => name !== 'posrecon (page)' && name.includes(ONLY));
  if (references && (!fs.existsSync(path.join(NPM, 'node_modules/@duckdb/duckdb-wasm')) || !fs.existsSync(path.join(NPM, 'node_modules/papaparse')))) {
    console.error(`[bench] installing ${NPM_PACKAGES.join(', ')} into ${NPM}`);
    fs.mkdirSync(NPM, { recursive: true });
    run('npm', ['install', '--prefix', NPM, '--no-audit', '--no-fund', '--loglevel=error', ...NPM_PACKAGES]);
  }
}

/** Writes the synthetic week of `n` attempts; returns its files' paths. */
function generate(n) {
  const out = path.join(WORK, `browser-${n}`);
  fs.rmSync(out, { recursive: true, force: true });
  execFileSync(CLI, ['gen', '--rows', String(n), '--seed', '1', '--out', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  return fs.readdirSync(out).sort().map((f) => path.join(out, f));
}

/** A static server on 127.0.0.1: /bench/ and /npm/ from their folders, the rest from dist/. */
function startBenchServer() {
  return startServer(DIST, [['/bench/', BENCH], ['/npm/', path.join(NPM, 'node_modules')]]);
}

/**
 * Memory of the Chromium started with `userDataDir`, in bytes, from /proc: `renderer`, the RSS of
 * its largest renderer process (the page's: its dedicated workers run in it too), and `total`, the
 * PSS of all its processes added up (pages shared between them counted once).
 */
function chromiumMemory(userDataDir) {
  const procs = new Map();
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes(userDataDir)) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      const pss = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      procs.set(pid, { cmdline, rss: rss ? Number(rss[1]) * 1024 : 0, pss: pss ? Number(pss[1]) * 1024 : 0 });
    } catch {
      // The process ended while being read.
    }
  }
  let total = 0;
  let renderer = 0;
  for (const p of procs.values()) {
    total += p.pss;
    if (p.cmdline.includes('--type=renderer')) renderer = Math.max(renderer, p.rss);
  }
  return { total, renderer };
}

/** In the page: the long-task observer, and the clock started by the file input's `change`. */
function instrument() {
  window.__bench = { longtasks: [], start: null };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longtasks.push(e.duration);
  }).observe({ type: 'longtask' });
  document.addEventListener('change', () => { window.__bench.start ??= performance.now(); }, true);
}

/**
 * In posrecon's page: resolves with the time the results were painted. Meanwhile it notes when
 * each stage the worker reports first shows in the progress bar (`view::progress_of`: reading
 * below 650, matching 650, diagnosing 820, chains 930) and when the status says done, into
 * `window.__bench.stages`, and the start of every long task into `window.__bench.longtaskAt`.
 */
function posreconDone() {
  const bands = [[930, 'chains'], [820, 'diagnosing'], [650, 'matching'], [0, 'reading']];
  window.__bench.stages = {};
  window.__bench.longtaskAt = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longtaskAt.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask' });
  const note = (name) => { window.__bench.stages[name] ??= performance.now(); };
  return new Promise((resolve) => {
    const done = () => document.querySelector('[data-testid="analysis-status"][data-state="done"], [data-testid="analysis-status"][data-state="error"]')
      && document.querySelector('[data-testid="findings-table"], [data-testid="no-findings"]');
    const check = () => {
      const bar = document.querySelector('[data-testid="analysis-progress"]');
      if (bar) {
        const value = Number(bar.getAttribute('value'));
        note(bands.find(([from]) => value >= from)[1]);
      }
      if (document.querySelector('[data-testid="analysis-status"][data-state="done"]')) note('done');
      if (!done()) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    check();
  });
}

/** Launches a fresh Chromium, runs `measure(page, origin)` and samples its memory meanwhile. */
async function withChromium(origin, measure) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'posrecon-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1360, height: 1000 },
    locale: 'zh-CN',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const peak = { total: 0, renderer: 0, sampling: false };
  const sample = () => {
    if (!peak.sampling) return;
    const now = chromiumMemory(userDataDir);
    peak.total = Math.max(peak.total, now.total);
    peak.renderer = Math.max(peak.renderer, now.renderer);
  };
  const timer = setInterval(sample, 100);
  try {
    const page = context.pages()[0] ?? await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const result = await measure(page, origin, {
      start: () => { peak.sampling = true; sample(); },
      stop: () => { sample(); peak.sampling = false; },
    });
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return { ...result, peakRenderer: peak.renderer, peakTotal: peak.total };
  } finally {
    clearInterval(timer);
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

async function longTasks(page) {
  const tasks = await page.evaluate(() => window.__bench.longtasks);
  return { longest: Math.max(0, ...tasks), total: tasks.reduce((a, b) => a + b, 0), count: tasks.length };
}

/** posrecon's page: choose every file in its file input, wait for the results. */
async function posrecon(page, origin, memory, files) {
  await page.goto(origin + '/');
  await page.getByTestId('dropzone').waitFor();
  await page.waitForLoadState('networkidle');
  await page.evaluate(instrument);
  const done = page.evaluate(posreconDone);
  memory.start();
  await page.locator('input[data-testid="file-input"]').setInputFiles(files, { timeout: TIMEOUT_MS });
  const end = await withTimeout(done);
  memory.stop();
  const start = await page.evaluate(() => window.__bench.start);
  const shown = await page.evaluate(() => {
    const counts = {};
    for (const el of document.querySelectorAll('[data-testid="kind-count"]')) counts[el.dataset.kind] = Number(el.textContent.trim());
    return { state: document.querySelector('[data-testid="analysis-status"]')?.dataset.state, counts };
  });
  if (shown.state !== 'done') throw new Error(`posrecon's page ended in state ${shown.state}`);
  const findings = Object.values(shown.counts).reduce((a, b) => a + b, 0);
  // Each stage's time, from its first sign in the page to the next one's ("painted": from the
  // status saying done to the results painted), and where each long task began.
  const { stages, longtaskAt } = await page.evaluate(() => window.__bench);
  const marks = [['chosen', start], ...Object.entries(stages).sort((a, b) => a[1] - b[1]), ['painted', end]];
  const steps = marks.slice(1).map(([name, t], i) => `${marks[i][0]} ${((t - marks[i][1]) / 1000).toFixed(2)}`);
  const at = longtaskAt.map(([t, d]) => `${d.toFixed(0)} ms at +${((t - start) / 1000).toFixed(2)} s`);
  const analysis = await longTasks(page);
  const switched = await languageSwitch(page);
  return {
    ms: end - start,
    ...analysis,
    switchMs: switched.ms,
    note: `${findings} findings shown; stages (s): ${steps.join(', ')}; long tasks: ${at.join(', ') || 'none'}; `
      + `language switch ${(switched.ms / 1000).toFixed(2)} s (its longest task ${switched.longest.toFixed(0)} ms)`,
  };
}

/**
 * The language switch after the results: from the click on the toggle to the report painted in
 * the other language (the status goes from rewording back to done), and the longest task then.
 */
async function languageSwitch(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const from = window.__bench.longtasks.length;
    const status = () => document.querySelector('[data-testid="analysis-status"]')?.dataset.state;
    const start = performance.now();
    let left = false;
    const check = () => {
      left ||= status() !== 'done';
      if (!left || status() !== 'done') return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => {
        const tasks = window.__bench.longtasks.slice(from);
        resolve({ ms: performance.now() - start, longest: Math.max(0, ...tasks) });
      }, 0));
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    document.querySelector('[data-testid="lang-toggle"]').click();
    check();
  }));
}

/** A reference page under scripts/bench/: choose the two statements, run its `runBench`. */
async function reference(pageName, page, origin, memory, files) {
  const two = files.filter((f) => /终端|收单/.test(path.basename(f)));
  await page.goto(`${origin}/bench/${pageName}`);
  await page.evaluate(() => window.benchReady);
  await page.evaluate(instrument);
  await page.locator('#files').setInputFiles(two, { timeout: TIMEOUT_MS });
  memory.start();
  const result = await withTimeout(page.evaluate(() => window.runBench()));
  memory.stop();
  return { ms: result.ms, ...(await longTasks(page)), note: `rows ${JSON.stringify(result.rows)}, matched ${result.matched}` };
}

function withTimeout(promise) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('timed out')), TIMEOUT_MS); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const CONTENDERS = [
  ['posrecon (page)', posrecon],
  ['DuckDB-Wasm', (...a) => reference('duckdb.html', ...a)],
  ['Papa Parse + Map', (...a) => reference('papaparse.html', ...a)],
];

async function main() {
  prepare();
  const server = await startBenchServer();
  const rows = [];
  try {
    for (const n of sizes) {
      const files = generate(n);
      const bytes = files.reduce((s, f) => s + fs.statSync(f).size, 0);
      const twoBytes = files.filter((f) => /终端|收单/.test(path.basename(f))).reduce((s, f) => s + fs.statSync(f).size, 0);
      console.log(`\n== ${n} attempts: ${files.length} files, ${(bytes / MiB).toFixed(1)} MiB (terminal log + acquirer statement ${(twoBytes / MiB).toFixed(1)} MiB)`);
      for (const [name, measure] of CONTENDERS.filter(([name]) => name.includes(ONLY))) {
        try {
          const r = await withChromium(server.origin, (page, origin, memory) => measure(page, origin, memory, files));
          console.log(`${name}: ${(r.ms / 1000).toFixed(2)} s; long tasks: longest ${r.longest.toFixed(0)} ms, total ${r.total.toFixed(0)} ms (${r.count}); `
            + `peak renderer RSS ${(r.peakRenderer / MiB).toFixed(0)} MiB, browser PSS ${(r.peakTotal / MiB).toFixed(0)} MiB; ${r.note}`);
          rows.push({ n, name, input: name.startsWith('posrecon') ? bytes : twoBytes, ...r });
        } catch (e) {
          console.log(`${name}: failed: ${e.message}`);
          rows.push({ n, name, failed: e.message });
        }
      }
    }
  } finally {
    await server.close();
  }

  console.log('\nTime from the files chosen to the results painted; long tasks on the main thread; peak RSS of the page\'s renderer process (page + workers) and PSS of the whole browser, from /proc.');
  console.log(`${'attempts'.padStart(9)} ${'contender'.padEnd(17)} ${'input MiB'.padStart(9)} ${'time s'.padStart(7)} ${'longest task ms'.padStart(15)} ${'long tasks ms'.padStart(13)} ${'renderer RSS MiB'.padStart(16)} ${'browser PSS MiB'.padStart(15)} ${'switch s'.padStart(8)}`);
  for (const r of rows) {
    if (r.failed) {
      console.log(`${String(r.n).padStart(9)} ${r.name.padEnd(17)} failed: ${r.failed}`);
      continue;
    }
    console.log(`${String(r.n).padStart(9)} ${r.name.padEnd(17)} ${(r.input / MiB).toFixed(1).padStart(9)} ${(r.ms / 1000).toFixed(2).padStart(7)} `
      + `${r.longest.toFixed(0).padStart(15)} ${r.total.toFixed(0).padStart(13)} ${(r.peakRenderer / MiB).toFixed(0).padStart(16)} ${(r.peakTotal / MiB).toFixed(0).padStart(15)}`
      + `${r.switchMs === undefined ? '' : ` ${(r.switchMs / 1000).toFixed(2).padStart(8)}`}`);
  }
  if (rows.some((r) => r.failed)) process.exitCode = 1;
}

await main();
