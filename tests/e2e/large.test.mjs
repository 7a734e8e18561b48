// End-to-end: a busy merchant's month (issue 12). `posrecon gen` writes a week of 300,000
// terminal attempts with their acquirer statement, which gives thousands of findings and hundreds
// of terminals. Rendering every finding at once built 116,000 elements and froze the page for
// seconds; the page must now hold only what it shows: one page of findings, of terminal health,
// a bounded DOM at any finding count, and pagers that reach the later findings by mouse and by
// keyboard. It prints the long tasks (PerformanceObserver 'longtask') after the report arrived,
// and how long the page's handler of the worker's reply ran (decoding the report), so that the
// main thread's share can be read off each run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, useBrowser, openPage, generateWeek } from './harness.mjs';

const env = useBrowser('large');

/** The DOM may hold at most this many elements, whatever the finding count. */
const DOM_BOUND = 3000;

/** Terminal attempts generated; `POSRECON_E2E_ROWS=1000000` gives the 6,729 findings of issue 12. */
const ROWS = process.env.POSRECON_E2E_ROWS ?? '300000';

/** Writes the generated month into a fresh directory and returns its files' paths. */
function generateMonth() {
  const dir = generateWeek('large', ROWS, 1);
  return fs.readdirSync(dir).sort().map((name) => path.join(dir, name));
}

// Before the page's own scripts: every long task, and the time spent in the handler of each
// message from the worker (gloo-worker sets `onmessage`; `addEventListener` is covered too).
function instrument() {
  window.__longTasks = [];
  window.__workerMessages = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const timed = (fn) => function (event) {
    const start = performance.now();
    try {
      return fn.call(this, event);
    } finally {
      window.__workerMessages.push({ start, ms: performance.now() - start });
    }
  };
  const onmessage = Object.getOwnPropertyDescriptor(Worker.prototype, 'onmessage');
  Object.defineProperty(Worker.prototype, 'onmessage', {
    configurable: true,
    get() { return onmessage.get.call(this); },
    set(fn) { onmessage.set.call(this, typeof fn === 'function' ? timed(fn) : fn); },
  });
  const add = Worker.prototype.addEventListener;
  Worker.prototype.addEventListener = function (type, fn, options) {
    return add.call(this, type, type === 'message' && typeof fn === 'function' ? timed(fn) : fn, options);
  };
}

const elementCount = (page) => page.evaluate(() => document.querySelectorAll('*').length);
const rowIds = (page) => page.getByTestId('finding-row').evaluateAll((rows) => rows.map((r) => r.dataset.id));
const range = (page, pager) => page.locator(`[data-testid="${pager}"]`).first().getByTestId('page-range').innerText();
const longest = (tasks) => tasks.reduce((max, t) => Math.max(max, t.ms), 0);

test('a month with thousands of findings keeps a small DOM and pages through them', async () => {
  const files = generateMonth();
  await env.context.addInitScript(instrument);
  const { page, cspErrors } = await openPage(env);
  await page.waitForLoadState('networkidle');

  await page.getByTestId('file-input').setInputFiles(files);
  await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor({ timeout: 600_000 });
  await page.getByTestId('findings-table').waitFor();
  await page.waitForTimeout(1000); // let the results' render and any follow-up task finish

  // What the page did on the main thread once the report came back.
  const { tasks, messages } = await page.evaluate(() => ({ tasks: window.__longTasks, messages: window.__workerMessages }));
  const reply = messages.reduce((max, m) => (m.ms > max.ms ? m : max), { start: 0, ms: 0 });
  const after = tasks.filter((t) => t.start + t.ms >= reply.start);
  console.log(`worker reply handler (report decoded on the main thread): ${reply.ms.toFixed(0)} ms`);
  console.log(`long tasks from the reply on: ${after.map((t) => `${t.ms.toFixed(0)} ms`).join(', ') || 'none'}; longest ${longest(after).toFixed(0)} ms`);
  console.log(`long tasks before the reply (reading and sending the files): ${longest(tasks.filter((t) => t.start + t.ms < reply.start)).toFixed(0)} ms longest`);

  // Thousands of findings, counted in full by the summary, one page of them in the table.
  const total = Number((await page.getByTestId('findings-total').innerText()).replace(/[^0-9]/g, ''));
  assert.ok(total > 1000, `expected thousands of findings, got ${total}`);
  const elements = await elementCount(page);
  const sections = await page.evaluate(() => Object.fromEntries(
    ['section.files', 'section.findings', 'section.incidents', 'section.health', 'details.mapping']
      .map((s) => [s, [...document.querySelectorAll(s)].reduce((n, el) => n + el.querySelectorAll('*').length + 1, 0)])));
  console.log(`${total} findings: ${elements} elements in the DOM (${JSON.stringify(sections)})`);
  assert.ok(elements < DOM_BOUND, `${elements} elements with ${total} findings`);
  assert.equal(await page.getByTestId('finding-row').count(), 50);
  const fmt = (n) => n.toLocaleString('en-US');
  assert.equal(await range(page, 'findings-pager'), `第 1–50 条，共 ${fmt(total)} 条`);
  const kinds = await page.getByTestId('kind-count').evaluateAll((els) => els.map((e) => Number(e.textContent.trim())));
  assert.equal(kinds.reduce((a, b) => a + b, 0), total, 'the per-kind counts still count every finding');

  // Next page by keyboard: Tab reaches the pager's button and Enter moves on.
  const first = await rowIds(page);
  const next = page.locator('[data-testid="findings-pager"][data-place="top"]').getByTestId('page-next');
  await next.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => document.querySelector('[data-testid="finding-row"]')?.dataset.id !== id, first[0]);
  const second = await rowIds(page);
  assert.equal(second.length, 50);
  assert.ok(second.every((id) => !first.includes(id)), 'page 2 shows other findings');
  assert.equal(await range(page, 'findings-pager'), `第 51–100 条，共 ${fmt(total)} 条`);

  // Further pages by mouse (the bottom pager), then one back; the DOM stays the same size.
  await page.evaluate(() => { window.__longTasks = []; });
  const bottom = page.locator('[data-testid="findings-pager"][data-place="bottom"]');
  for (let i = 0; i < 3; i += 1) await bottom.getByTestId('page-next').click();
  await bottom.getByTestId('page-prev').click();
  assert.equal(await range(page, 'findings-pager'), `第 151–200 条，共 ${fmt(total)} 条`);
  const later = await rowIds(page);
  assert.ok(later.every((id) => !first.includes(id) && !second.includes(id)), 'page 4 shows later findings');
  const paging = await page.evaluate(() => window.__longTasks);
  console.log(`long tasks while paging: longest ${longest(paging).toFixed(0)} ms`);
  // A page flip renders 50 rows (it took 621 ms at 6,729 findings while every render compared the
  // whole report with itself). Printed, not asserted: a timing is a benchmark figure, and a busy
  // CI machine would make a bound flaky; the DOM bound below is what the test holds.
  assert.ok(await elementCount(page) < DOM_BOUND);

  // A finding's details still open on a later page.
  const row = page.locator(`[data-testid="finding-row"][data-id="${later[0]}"]`);
  await row.getByRole('button').click();
  await page.locator(`#finding-detail-${later[0]}`).waitFor();
  assert.match(await page.locator(`#finding-detail-${later[0]}`).innerText(), /\S/);

  // Terminal health: hundreds of terminals, 20 cards a page.
  const healthPager = page.getByTestId('health-pager');
  const healthRange = await healthPager.getByTestId('page-range').innerText();
  const terminals = Number(healthRange.match(/共 ([\d,]+) 条/)[1].replace(/,/g, ''));
  assert.ok(terminals > 20, `${terminals} terminals`);
  assert.equal(await page.getByTestId('terminal-health-row').count(), 20);
  const firstTerminals = await page.getByTestId('terminal-health-row').evaluateAll((els) => els.map((e) => e.dataset.terminal));
  await healthPager.getByTestId('page-next').click();
  await page.waitForFunction((t) => document.querySelector('[data-testid="terminal-health-row"]')?.dataset.terminal !== t, firstTerminals[0]);
  assert.equal(await healthPager.getByTestId('page-range').innerText(), `第 21–40 条，共 ${fmt(terminals)} 条`);

  assert.deepEqual(cspErrors, [], 'CSP violations or page errors');
  // What the merchant sees at the top of the table and at the health pager, desktop and phone.
  const shoot = async (name, selector) => {
    await page.locator(selector).first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(200);
    const shot = path.join(ARTIFACTS, name);
    await page.screenshot({ path: shot });
    console.log(`screenshot: ${shot}`);
  };
  await shoot('large-desktop-findings.png', '#findings-heading');
  await shoot('large-desktop-health.png', '[data-testid="health-pager"]');
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot('large-phone-findings.png', '#findings-heading');
  await shoot('large-phone-health.png', '[data-testid="health-pager"]');
  // The pagers fit a phone: nothing in them reaches past the screen's edge.
  for (const pager of await page.locator('nav.pager').all()) {
    const right = await pager.evaluate((el) =>
      Math.max(...[el, ...el.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right)));
    assert.ok(right <= 390, `a pager reaches ${right} px on a 390 px phone`);
  }
  await page.close();
  fs.rmSync(path.dirname(files[0]), { recursive: true, force: true });
});
