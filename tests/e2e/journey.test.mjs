// End-to-end: the merchant's week in one journey (issue 13's test list), as a person would do it.
// Demo → the answer is in view and has focus → search by a card's last 4 finds the dropped sale →
// search by an amount finds the missing payout → open it → mark the case 已联系银行 with a note →
// reload: the case is in 待跟进 with its status and note → next week's bank statement, where the
// payout arrived, is loaded → the case closes itself and says so. At 1366 and at 390 px (the
// phone: no horizontal scroll at any step).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, DEMO, useBrowser, openPage, sameOrigin, screenshot } from './harness.mjs';

const env = useBrowser('journey');

const TERMINAL = path.join(DEMO, '终端交易明细_20261109-20261115.csv');
const ACQUIRER = path.join(DEMO, '收单对账单_20261108-20261114.csv');
/** Next week's bank statement: the demo's 11-11 payout (1,187.47) credited on 11-12. */
const BANK_LATER = path.join(ROOT, 'tests/e2e/fixtures/cases/银行流水_20261101-20261130.csv');

const done = (page) =>
  page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor({ timeout: 60_000 });

async function fitsScreen(page, step) {
  const { doc, view } = await page.evaluate(() => ({
    doc: document.documentElement.scrollWidth,
    view: window.innerWidth,
  }));
  assert.ok(doc <= view, `${step}: the page is ${doc} px wide on a ${view} px screen`);
}

/** The 待跟进 item of the case whose text names `amount`. */
const openCaseOf = (page, amount) =>
  page.locator('[data-testid="open-case"]').filter({ hasText: amount });

for (const [width, height] of [[1366, 900], [390, 844]]) {
  test(`a week's journey at ${width} px: answer, search, mark, reload, the money arrives`, async () => {
    const { page, requests, cspErrors } = await openPage(env);
    await page.setViewportSize({ width, height });
    // A first visit: no case log from an earlier test in this browser.
    await page.evaluate(() => new Promise((resolve) => {
      const del = indexedDB.deleteDatabase('posrecon');
      del.onsuccess = del.onerror = del.onblocked = () => resolve();
    }));
    await page.reload();
    await page.getByTestId('dropzone').waitFor();
    await page.getByTestId('demo-button').click();
    await done(page);

    // The answer first: focused and in view.
    await page.waitForFunction(() => document.activeElement?.id === 'answer-heading');
    const inView = await page.evaluate(() => {
      const r = document.getElementById('answer-heading').getBoundingClientRect();
      return r.top >= -1 && r.bottom <= window.innerHeight + 1;
    });
    assert.ok(inView, 'the answer heading is in the viewport');
    await fitsScreen(page, 'the answer');

    // Search by the card's last 4: the dropped 1,580.00 sale, and nothing else of the week.
    const search = page.getByTestId('findings-search');
    await search.fill('1234');
    const rows = page.getByTestId('finding-row');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="finding-row"]').length === 1);
    assert.match(await rows.first().textContent(), /1,580\.00/);
    assert.equal(await rows.first().getAttribute('data-kind'), 'charged_but_failed');
    await fitsScreen(page, 'search by card');

    // Search by an amount: the 11-11 payout that never reached the bank.
    await search.fill('1187.47');
    const payout = page.locator('[data-testid="finding-row"][data-kind="missing_deposit"]');
    await payout.waitFor();
    assert.equal(await rows.count(), 1);
    assert.equal(await payout.getAttribute('data-status'), 'open');
    await payout.locator('button[aria-expanded]').click();
    // Its chain: the bank step says the money has not arrived.
    await page.getByTestId('chain-steps').first().waitFor();
    await page.getByTestId('case-status').selectOption('contacted');
    await page.getByTestId('case-note').fill('已打收单机构客服电话，工单 J42');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="finding-row"][data-kind="missing_deposit"]')
        ?.getAttribute('data-status') === 'contacted');
    await fitsScreen(page, 'the opened finding');
    await screenshot(page, `journey-${width}-marked.png`);

    // Reload: no files, the case is still to follow, with its status and note.
    await page.reload();
    const item = openCaseOf(page, '1,187.47');
    await item.waitFor();
    assert.equal(await item.getAttribute('data-status'), 'contacted');
    assert.match(await item.textContent(), /工单 J42/);
    await fitsScreen(page, '待跟进 after a reload');

    // Next week's files: the payout arrived on 11-12; the case closes itself and says so.
    await page.getByTestId('file-input').setInputFiles([TERMINAL, ACQUIRER, BANK_LATER]);
    await done(page);
    const closed = page.locator('[data-testid="auto-closed-case"]').filter({ hasText: '1,187.47' });
    await closed.waitFor();
    assert.match(await closed.textContent(), /11-12 到账，已自动关闭/);
    assert.equal(await openCaseOf(page, '1,187.47').count(), 0, 'no longer in 待跟进');
    await fitsScreen(page, 'after the money arrived');
    await screenshot(page, `journey-${width}-closed.png`);

    assert.deepEqual(cspErrors, [], 'no CSP violation');
    assert.deepEqual(requests.filter((u) => !sameOrigin(env, u)), [], 'no request left the origin');
  });
}

test('a case closed in the case log leaves 先处理这几件, which says how many it left out', async () => {
  const { page } = await openPage(env);
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.evaluate(() => new Promise((resolve) => {
    const del = indexedDB.deleteDatabase('posrecon');
    del.onsuccess = del.onerror = del.onblocked = () => resolve();
  }));
  await page.reload();
  await page.getByTestId('demo-button').click();
  await done(page);
  const first = page.getByTestId('action-due').first();
  const id = await first.getAttribute('data-id');
  const due = await page.getByTestId('action-due').count();
  assert.equal(await page.getByTestId('actions-closed').count(), 0);

  const row = page.locator(`[data-testid="finding-row"][data-id="${id}"]`);
  await row.locator('button[aria-expanded]').click();
  await page.getByTestId('case-status').selectOption('resolved');
  await page.waitForFunction((i) =>
    !document.querySelector(`[data-testid="action-due"][data-id="${i}"]`), id);
  assert.equal(await page.getByTestId('action-due').count(), due - 1);
  assert.match(await page.getByTestId('actions-closed').textContent(), /另有 1 件/);
});
