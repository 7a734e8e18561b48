// End-to-end: what the merchant sees around a long analysis, on a generated month of 200,000
// attempts (`posrecon gen --rows 200000 --seed 7`): a language switch during or after a run
// never restarts it, never offers a cancel and never takes the report away; 查这笔 during a run
// or after a cancel says in words that it waits for the analysis (and then runs); file cards say
// when a cancel left them unread; a ZIP archive's card shows what was read from it; the progress
// is in sight right after the drop and moves forward through the stages; and on a phone nothing
// is wider than the screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { DEMO, useBrowser, openPage, sameOrigin, screenshot, generateWeek, openFileCards } from './harness.mjs';

const env = useBrowser('flow');
let bigDir;

before(() => {
  bigDir = generateWeek('flow', 200000, 7);
});

after(() => {
  if (bigDir) fs.rmSync(bigDir, { recursive: true, force: true });
});

function bigFiles() {
  return fs.readdirSync(bigDir).filter((f) => !f.endsWith('.zip')).map((f) => path.join(bigDir, f));
}

/** The worker's own code, which a new spare worker loads again (after a real cancel only). */
const WORKER_CODE = ['/worker_loader.js', '/worker.js', '/worker_bg.wasm'];

const status = (page) => page.getByTestId('analysis-status');
const state = (page) => status(page).getAttribute('data-state');
const checkState = (page) => page.locator('section.check').getAttribute('data-state');

async function fillCheck(page) {
  await page.getByTestId('check-time').fill('2026-11-05T12:00');
  await page.getByTestId('check-amount').fill('100.00');
  await page.getByTestId('check-submit').click();
}

test('a language switch during a run lets it finish; after a run it only re-words the report shown', async () => {
  const { page, requests, cspErrors } = await openPage(env);
  await page.waitForLoadState('networkidle');
  const workers = page.workers().map((worker) => ({ worker, closed: false }));
  for (const w of workers) w.worker.on('close', () => { w.closed = true; });
  const beforeDrop = requests.length;

  await page.getByTestId('file-input').setInputFiles(bigFiles());
  await page.getByTestId('analysis-progress').waitFor();
  await page.getByTestId('lang-toggle').click();
  await page.getByText('Analysing…').waitFor();
  assert.equal(await state(page), 'running', 'the run carries on in the new language');
  await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor({ timeout: 180_000 });
  await page.getByText('Analysis complete').waitFor();
  assert.equal(await status(page).getAttribute('data-matched-runs'), '1', 'read and matched once');
  await page.getByText('Charged but shown as failed').first().waitFor();
  assert.equal(workers.filter((w) => w.closed).length, 0, 'no worker was thrown away');

  // After the run: the report stays on screen, no run to cancel is shown, then the new words.
  await page.getByTestId('lang-toggle').click();
  const seen = new Set();
  for (let t = 0; t < 600; t++) {
    const s = await state(page);
    seen.add(s);
    assert.equal(await page.getByTestId('cancel-analysis').count(), 0, `no cancel offered (${s})`);
    assert.equal(await page.getByTestId('findings-table').count(), 1, `the report stays shown (${s})`);
    if (s === 'done' && (await status(page).innerText()).includes('分析完成')) break;
    await page.waitForTimeout(50);
  }
  assert.ok(!seen.has('running') && !seen.has('cancelled'), `states seen: ${[...seen]}`);
  await page.getByText('掉单（扣款但显示失败）').first().waitFor();
  assert.equal(await status(page).getAttribute('data-matched-runs'), '1', 'the switch read and matched nothing');

  assert.deepEqual(requests.slice(beforeDrop), [], 'no request once the files are in');
  assert.deepEqual(requests.filter((u) => !sameOrigin(env, u)), [], 'requests to other origins');
  assert.deepEqual(cspErrors, [], 'CSP violations or page errors');
  await page.close();
});

test('查这笔 waits in words during a run and after a cancel, and runs once the files are analysed', async () => {
  const { page, requests, cspErrors } = await openPage(env);
  await page.waitForLoadState('networkidle');

  // During the first run: the form says it waits, then the verdict comes.
  await page.getByTestId('file-input').setInputFiles(bigFiles());
  await page.getByTestId('analysis-progress').waitFor();
  await fillCheck(page);
  assert.equal(await checkState(page), 'waiting');
  assert.match(await page.getByTestId('check-waiting').innerText(), /分析完成后自动查询/);
  await page.getByTestId('check-result').waitFor({ timeout: 180_000 });
  assert.equal(await checkState(page), 'done');

  // Cancel a run: the cards say the files were not read; the check says to analyse first and
  // does nothing unseen.
  await page.getByTestId('clear-files').click();
  await page.locator('[data-testid="analysis-status"][data-state="idle"]').waitFor();
  await page.getByTestId('file-input').setInputFiles(bigFiles());
  await page.getByTestId('cancel-analysis').click();
  await page.locator('[data-testid="analysis-status"][data-state="cancelled"]').waitFor({ timeout: 1_000 });
  const roles = await page.getByTestId('file-role').allInnerTexts();
  assert.ok(roles.length === 4 && roles.every((r) => r.includes('未读取')), `cards after a cancel: ${roles}`);
  const afterCancel = requests.length;
  await fillCheck(page);
  assert.equal(await checkState(page), 'waiting');
  assert.match(await page.getByTestId('check-waiting').innerText(), /要先分析文件/);
  await page.waitForTimeout(2_000);
  assert.equal(await checkState(page), 'waiting', 'nothing runs unasked');
  assert.equal(await state(page), 'cancelled');
  await page.getByTestId('check-rerun').click();
  assert.equal(await state(page), 'running');
  await page.getByTestId('check-result').waitFor({ timeout: 180_000 });
  assert.equal(await state(page), 'done');
  const after = requests.slice(afterCancel).map((u) => new URL(u).pathname);
  assert.deepEqual(after.filter((p) => !WORKER_CODE.includes(p)), [], 'only the new spare worker’s code');
  assert.deepEqual(cspErrors, [], 'CSP violations or page errors');
  await page.close();
});

test('a ZIP archive dropped alone is read: its card shows its member', async () => {
  const zip = path.join(bigDir, 'statements.zip');
  const member = fs.readdirSync(DEMO).find((f) => f.startsWith('银行'));
  assert.ok(member, 'a demo bank statement');
  execFileSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], "w"); z.write(sys.argv[2], sys.argv[3]); z.close()',
    zip, path.join(DEMO, member), member]);
  const { page, cspErrors } = await openPage(env);
  await page.getByTestId('file-input').setInputFiles([zip]);
  await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor({ timeout: 30_000 });
  await openFileCards(page);
  const card = page.locator('[data-testid="file-card"][data-file="statements.zip"]');
  assert.equal(await card.getAttribute('data-role'), 'bank_statement');
  assert.doesNotMatch(await card.innerText(), /识别中/);
  assert.deepEqual(cspErrors, [], 'CSP violations or page errors');
  await page.close();
});

test('on a phone the progress is in sight after the drop, moves forward, and nothing is wider than the screen', async () => {
  const { page, cspErrors } = await openPage(env);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForLoadState('networkidle');
  await page.getByTestId('file-input').setInputFiles(bigFiles());
  const bar = page.getByTestId('analysis-progress');
  await bar.waitFor();
  const box = await status(page).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, height: window.innerHeight };
  });
  assert.ok(box.top >= 0 && box.bottom <= box.height, `status in sight after the drop: ${JSON.stringify(box)}`);
  await screenshot(page, 'phone-progress.png');
  const values = [];
  while ((await state(page)) === 'running') {
    const v = await bar.getAttribute('value').catch(() => null);
    if (v !== null && values.at(-1) !== Number(v)) values.push(Number(v));
    await page.waitForTimeout(100);
  }
  assert.equal(await state(page), 'done');
  assert.ok(values.length >= 3, `the bar moved in steps: ${values}`);
  assert.deepEqual(values, [...values].sort((a, b) => a - b), 'never backwards');
  await page.getByTestId('cardholder-declines').waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  await screenshot(page, 'phone-done.png');
  assert.ok(width <= 390, `the page is ${width} px wide on a 390 px screen`);
  // In English too (longer words: the templates panel's two buttons once made it 465 px).
  await page.getByTestId('lang-toggle').click();
  await page.getByText('Analysis complete').waitFor({ timeout: 60_000 });
  const widthEn = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(widthEn <= 390, `the English page is ${widthEn} px wide on a 390 px screen`);
  assert.deepEqual(cspErrors, [], 'CSP violations or page errors');
  await page.close();
});
