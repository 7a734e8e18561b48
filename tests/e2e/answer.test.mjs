// End-to-end: the answer first (issue 13). After an analysis the answer's heading has focus and
// is on screen, at a desktop's width and a phone's; the money is split by direction, the actions
// due first carry their dates with the overdue ones marked; the file cards fold into a strip that
// opens on demand. With only the terminal log, the checklist asks for the acquirer statement and
// the bank statement, and the timeouts say to add the statement rather than call the acquirer.
// With nothing readable, no "0 problems" is claimed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ARTIFACTS, DEMO, useBrowser, openPage, dropFiles, filesIn, screenshot } from './harness.mjs';

const env = useBrowser('answer');
const TERMINAL = '终端交易明细_20261109-20261115.csv';

async function waitForAnalysis(page) {
  await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor({ timeout: 30_000 });
}

/** Whether the answer's heading has focus, and where it is against the screen. */
async function headingPlace(page) {
  return page.evaluate(() => {
    const h = document.getElementById('answer-heading');
    const r = h.getBoundingClientRect();
    return { focused: document.activeElement === h, top: r.top, bottom: r.bottom, height: window.innerHeight };
  });
}

async function answerComesFirst(page, width, height, shot) {
  await page.setViewportSize({ width, height });
  await page.getByTestId('demo-button').click();
  await waitForAnalysis(page);
  await page.getByTestId('answer-heading').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'answer-heading');
  const place = await headingPlace(page);
  assert.ok(place.focused, `${width}: the answer's heading has focus`);
  assert.ok(place.top >= -2 && place.bottom <= place.height + 2, /* sub-pixel scrolling */ `${width}: the heading is on screen: ${JSON.stringify(place)}`);
  // The money by direction sits right under it, in the screen's first view on a desktop.
  const money = {};
  for (const id of ['money-owed-to-shop', 'money-owed-to-customers', 'money-unconfirmed']) {
    money[id] = (await page.getByTestId(id).textContent()).trim();
  }
  assert.deepEqual(money, { 'money-owed-to-shop': '1,313.33', 'money-owed-to-customers': '596.50', 'money-unconfirmed': '2,299.00' });
  // Nothing of the answer, the checklist or the file strip is wider than the screen (the whole
  // page's width is the findings' and the charts' tests' to hold).
  const wide = await page.evaluate(() => Math.max(...['summary', 'files-needed', 'file-strip']
    .flatMap((id) => [...document.querySelectorAll(`[data-testid="${id}"], [data-testid="${id}"] *`)])
    .map((e) => e.getBoundingClientRect().right - window.innerWidth)));
  assert.ok(wide <= 1, `${width}: nothing of the answer wider than the screen (${wide} px over)`);
  // What the merchant sees at that moment (the screen, not the whole page), then the whole page.
  await page.screenshot({ path: path.join(ARTIFACTS, shot.replace('.png', '-screen.png')) });
  await screenshot(page, shot);
  // The next Tab goes on from the answer, not back to the top of the page.
  await page.keyboard.press('Tab');
  const after = await page.evaluate(() => {
    const h = document.getElementById('answer-heading');
    return Boolean(h.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.ok(after, `${width}: Tab moves on from the answer`);
}

test('after the demo the answer has focus and is in view at 1366 px, with actions due and the cards folded', async () => {
  const { page, cspErrors } = await openPage(env);
  await answerComesFirst(page, 1366, 900, 'answer-desktop.png');

  // The actions due first: the engine's order, dates against the analysis date (today: every
  // demo date is long past), overdue marked in words and colour.
  const actions = page.getByTestId('action-due');
  assert.ok((await actions.count()) >= 3, 'a few actions due');
  const overdue = page.locator('[data-testid="action-due"][data-when="overdue"]');
  assert.ok((await overdue.count()) >= 1, 'an overdue action');
  assert.match(await overdue.first().innerText(), /已逾期/);
  assert.equal(await overdue.first().getByTestId('action-overdue').count(), 1);
  const ids = await actions.evaluateAll((els) => els.map((e) => e.dataset.id));
  assert.equal(new Set(ids).size, ids.length, 'each finding once');

  // Every file the demo shop needs is there.
  assert.equal(await page.getByTestId('file-needed').count(), 0);
  const loaded = await page.getByTestId('file-loaded').evaluateAll((els) => els.map((e) => e.dataset.role));
  assert.deepEqual(loaded, ['terminal_log', 'acquirer_statement', 'bank_statement']);

  // The file cards are a strip of one line each, until asked for.
  const toggle = page.getByTestId('file-strip-toggle');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByTestId('file-card').count(), 0, 'cards folded');
  const lines = page.getByTestId('file-strip-item');
  assert.equal(await lines.count(), 3);
  assert.match(await page.locator(`[data-testid="file-strip-item"][data-file="${TERMINAL}"]`).innerText(), /终端交易流水.*读取 \d+ 行.*\d+ 个问题/s);
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const roles = await page.getByTestId('file-card').evaluateAll((els) => els.map((e) => e.dataset.role).sort());
  assert.deepEqual(roles, ['acquirer_statement', 'bank_statement', 'terminal_log']);
  assert.equal(await page.getByTestId('file-format').count() >= 3, true, 'a card shows how its file was read');
  await toggle.click();
  assert.equal(await page.getByTestId('file-card').count(), 0, 'folded again');
  // Folded, the strip still clears the files: back to the empty page.
  await page.getByTestId('clear-files').click();
  await page.locator('[data-testid="analysis-status"][data-state="idle"]').waitFor();
  assert.equal(await page.getByTestId('file-strip').count(), 0);
  assert.equal(await page.getByTestId('answer-heading').count(), 0);
  assert.deepEqual(cspErrors, [], 'CSP violations or page errors');
  await page.close();
});

test('on a phone the answer has focus and is in view, and nothing of it is wider than the screen', async () => {
  const { page, cspErrors } = await openPage(env);
  await answerComesFirst(page, 390, 844, 'answer-phone.png');
  assert.deepEqual(cspErrors, [], 'CSP violations or page errors');
  await page.close();
});

test('typing in the check form keeps the caret: a rerun does not move focus to the answer', async () => {
  const { page } = await openPage(env);
  await page.getByTestId('demo-button').click();
  await waitForAnalysis(page);
  await page.getByTestId('check-amount').click();
  await page.getByTestId('check-amount').type('15');
  const runs = await page.getByTestId('analysis-status').getAttribute('data-matched-runs');
  await dropFiles(page, filesIn(DEMO, [TERMINAL]).map((f) => ({ ...f, name: 'copy-' + f.name })));
  await page.waitForFunction((runs) => {
    const s = document.querySelector('[data-testid="analysis-status"]');
    return s.dataset.state === 'done' && s.dataset.matchedRuns !== runs;
  }, runs, { timeout: 30_000 });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'check-amount');
  await page.close();
});

test('with only the terminal log, the checklist asks for the statement and the bank, and the timeouts say to add the statement', async () => {
  const { page, cspErrors } = await openPage(env);
  await dropFiles(page, filesIn(DEMO, [TERMINAL]));
  await waitForAnalysis(page);
  const needed = await page.getByTestId('file-needed').evaluateAll((els) => els.map((e) => e.dataset.role));
  assert.deepEqual(needed, ['acquirer_statement', 'bank_statement']);
  const statement = page.locator('[data-testid="file-needed"][data-role="acquirer_statement"]');
  const text = await statement.innerText();
  assert.match(text, /4 条结果待定的问题/, 'the four timeouts wait for it');
  assert.match(text, /商户服务平台/, 'where to download it');
  assert.match(await page.locator('[data-testid="file-needed"][data-role="bank_statement"]').innerText(), /网银/);

  // The four timeouts are overdue and due first: each says to add the acquirer statement.
  const actions = page.locator('[data-testid="action-due"]');
  assert.equal(await actions.count(), 4);
  for (const action of await actions.all()) {
    assert.match(await action.innerText(), /补充载入收单机构对账单/);
  }
  assert.doesNotMatch(await page.locator('main').innerText(), /请立即处理：联系收单机构/);
  await screenshot(page, 'answer-terminal-only.png');
  assert.deepEqual(cspErrors, [], 'CSP violations or page errors');
  await page.close();
});

test('with every file unreadable, the answer says nothing could be read instead of "0 problems"', async () => {
  const { page } = await openPage(env);
  await dropFiles(page, [
    { name: 'broken.xlsx', data: Buffer.from('PK\x03\x04 this is not a workbook') },
    { name: 'empty.csv', data: Buffer.alloc(0) },
  ]);
  await waitForAnalysis(page);
  await page.getByTestId('nothing-read').waitFor();
  assert.match(await page.getByTestId('nothing-read').innerText(), /没有读到任何文件的内容/);
  assert.equal(await page.getByTestId('findings-total').count(), 0, 'no "0 problems" figure');
  assert.equal(await page.getByTestId('money-owed-to-shop').count(), 0, 'no 0.00 tiles');
  // The cards stay open: they say what is wrong with each file.
  assert.equal(await page.getByTestId('file-strip').count(), 0);
  assert.equal(await page.getByTestId('file-card').count(), 2);
  await screenshot(page, 'answer-nothing-read.png');
  await page.close();
});
