// End-to-end: each reading proved, and a guessed role held back until the merchant confirms it
// (issue 8). A bank statement whose running balance follows line by line shows "余额连续：5/5"; a
// bare "交易时间,交易金额" list could be a terminal log, a settlement statement or an order list, so
// its card and the summary ask for its type and none of its rows is analysed. One click on
// "确认是「…」" confirms the detected role: the notice goes and the rows are used. The same
// proofs are in the downloaded HTML report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, useBrowser, openPage, dropFiles, screenshot, openFileCards } from './harness.mjs';

const env = useBrowser('proofs');

const BANK = '银行流水_202611.csv';
const LIST = '收款记录.csv';

// Invented lines in a common bank export layout: every balance is the one before it plus the
// credit or minus the debit (56,363.34 - 8,000.00 = 48,363.34, + 1,158.08 = 49,521.42, ...).
const BANK_TEXT = [
  '交易时间,摘要,收入金额,支出金额,余额,对方户名',
  '2026-11-09 08:31:05,来账,41.84,,56363.34,示例支付有限公司',
  '2026-11-10 09:12:40,转支,,8000.00,48363.34,深圳市某商贸有限公司',
  '2026-11-11 08:29:51,来账,1158.08,,49521.42,示例支付有限公司',
  '2026-11-12 08:30:12,来账,2826.50,,52347.92,示例支付有限公司',
  '2026-11-13 10:02:33,手续费,,12.00,52335.92,',
].join('\n') + '\n';

// Times and amounts only: nothing says what kind of file it is.
const LIST_TEXT = [
  '交易时间,交易金额',
  '2026-11-12 10:05:40,128.00',
  '2026-11-12 11:31:02,56.50',
  '2026-11-12 14:12:09,1580.00',
  '2026-11-12 19:47:55,32.00',
].join('\n') + '\n';

function drop(page, files) {
  return dropFiles(page, files.map((f) => ({ name: f.name, data: Buffer.from(f.text, 'utf8') })));
}

async function done(page) {
  await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor({ timeout: 30_000 });
}

const text = async (locator) => (await locator.textContent()).trim();

/** Screenshots of the page at desktop width and at a phone's 390 px, and of the cards there. */
async function shots(page, name) {
  await screenshot(page, `proofs-${name}-desktop.png`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(200); // let the layout settle at the new width
  await screenshot(page, `proofs-${name}-phone.png`);
  const cards = path.join(ARTIFACTS, `proofs-${name}-phone-cards.png`);
  await page.locator('section.files').screenshot({ path: cards });
  console.log(`screenshot: ${cards}`);
  await page.setViewportSize({ width: 1360, height: 1000 });
}

test('the balance proof shows, a guessed role waits for one click, then its rows are used', async () => {
  const { page, cspErrors } = await openPage(env);
  await drop(page, [{ name: BANK, text: BANK_TEXT }, { name: LIST, text: LIST_TEXT }]);
  await done(page);

  // The bank statement proves itself: every line's balance follows from the one before.
  const bank = page.locator(`[data-testid="file-card"][data-file="${BANK}"]`);
  assert.equal(await bank.getAttribute('data-role'), 'bank_statement');
  assert.equal(await bank.getByTestId('balance-check').getAttribute('data-state'), 'ok');
  assert.equal(await text(bank.getByTestId('balance-summary')), '余额连续：5/5 行核对一致');
  assert.equal(await bank.getByTestId('balance-break').count(), 0);
  assert.equal(await bank.getByTestId('role-doubt').count(), 0);
  assert.equal(await text(bank.getByTestId('rows-used')), '5');
  assert.equal(await text(bank.getByTestId('file-header-line')), '第 1 行');

  // The bare list: its role is a guess, so the card asks and nothing of it is analysed.
  const list = page.locator(`[data-testid="file-card"][data-file="${LIST}"]`);
  const role = await list.getAttribute('data-role');
  assert.ok(role, 'a role was detected (as a guess)');
  const doubt = list.getByTestId('role-doubt');
  assert.equal(await doubt.getAttribute('data-reason'), 'low_confidence');
  assert.match(await text(doubt), /需要确认文件类型/);
  assert.match(await text(doubt), /确认文件类型前，不据此文件报告资金问题/);
  const roleName = (await text(list.getByTestId('file-role')));
  assert.equal(await text(list.getByTestId('confirm-role')), `确认是「${roleName}」`);
  assert.equal(await list.getByTestId('confirm-role').getAttribute('data-role'), role);
  assert.equal(await text(page.getByTestId('awaiting-role')), `1 个文件需要确认类型，确认前不据此报告资金问题：${LIST}`);
  assert.equal(await text(list.getByTestId('rows-used')), '0');
  assert.equal(await text(list.getByTestId('rows-skipped')), '4');
  assert.equal(await text(page.getByTestId('attempts')), '0', 'none of its rows is analysed');
  assert.match(await text(page.getByTestId('awaiting-role-caveat')), /还有 1 个文件等待确认类型，尚未分析/,
    '"nothing wrong found" says it does not cover the file');
  assert.match(await text(list.getByTestId('skipped-reasons')), /确认文件类型前暂不分析/);
  assert.equal(await list.getByTestId('balance-check').count(), 0, 'no balance column, no balance proof');
  await list.scrollIntoViewIfNeeded();
  await shots(page, '1-doubt');

  // The same in the downloaded HTML report.
  await page.locator('[data-testid="export-bar"][data-state="idle"]').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByTestId('export-html').click(),
  ]);
  const saved = path.join(ARTIFACTS, 'proofs-report.html');
  await download.saveAs(saved);
  const html = fs.readFileSync(saved, 'utf8');
  assert.ok(html.includes('余额连续：5/5 行核对一致'), 'balance proof in the HTML report');
  assert.ok(html.includes('需要确认文件类型：证据太少'), 'role doubt in the HTML report');
  assert.ok(html.includes(`1 个文件需要确认类型，确认前不据此报告资金问题：${LIST}`), 'named in its summary');

  // In English too (the analysis reruns in the other language).
  await page.getByTestId('lang-toggle').click();
  await bank.getByTestId('balance-summary').filter({ hasText: 'Running balance follows: 5/5 lines agree' }).waitFor({ timeout: 30_000 });
  await done(page);
  assert.match(await text(list.getByTestId('role-doubt-reason')), /^Too little evidence to tell what this file is; read as /);
  assert.match(await text(list.getByTestId('confirm-role')), /^Confirm: /);
  assert.match(await text(page.getByTestId('awaiting-role')), new RegExp(`^1 file needs its type to be confirmed; .*: ${LIST}$`));
  await screenshot(page, 'proofs-1-doubt-english.png');
  await page.getByTestId('lang-toggle').click();
  await bank.getByTestId('balance-summary').filter({ hasText: '余额连续' }).waitFor({ timeout: 30_000 });
  await done(page);

  // One click confirms the detected role (the role select's own action): the notice goes at
  // once, the analysis reruns and the rows are used.
  await list.getByTestId('confirm-role').click();
  assert.equal(await list.getByTestId('role-doubt').count(), 0);
  assert.equal(await list.getByTestId('role-select').inputValue(), role);
  await list.locator('[data-testid="rows-used"]', { hasText: '4' }).waitFor({ timeout: 30_000 });
  await done(page);
  assert.equal(await text(list.getByTestId('rows-used')), '4');
  assert.equal(await text(list.getByTestId('rows-skipped')), '0');
  assert.equal(await page.getByTestId('awaiting-role').count(), 0);
  assert.equal(await page.getByTestId('awaiting-role-caveat').count(), 0);
  assert.equal(await page.getByTestId('role-doubt').count(), 0);
  assert.equal(await list.getAttribute('data-role'), role);
  assert.ok(Number(await text(page.getByTestId('attempts'))) >= 4, 'the list now counts in the analysis');
  await shots(page, '2-confirmed');

  assert.deepEqual(cspErrors, []);
});

test('a balance that does not follow is shown with the line, the one before it and both balances', async () => {
  const { page, cspErrors } = await openPage(env);
  // Line 4 states 49,511.42 where 48,363.34 + 1,158.08 = 49,521.42: line 4 breaks from line 3, and
  // line 5 (49,511.42 + 2,826.50 would be 52,337.92, it says 52,347.92) breaks from line 4.
  const broken = BANK_TEXT.replace(',1158.08,,49521.42,', ',1158.08,,49511.42,');
  assert.notEqual(broken, BANK_TEXT);
  await drop(page, [{ name: '银行流水_断.csv', text: broken }]);
  await done(page);
  await openFileCards(page);
  const card = page.locator('[data-testid="file-card"][data-file="银行流水_断.csv"]');
  assert.equal(await card.getByTestId('balance-check').getAttribute('data-state'), 'breaks');
  assert.equal(await text(card.getByTestId('balance-summary')), '余额不连续：3/5 行核对一致，第 4 行、第 5 行前后对不上');
  const breaks = await card.getByTestId('balance-break').allTextContents();
  assert.deepEqual(breaks.map((b) => b.trim()), [
    '第 4 行：按前一笔（第 3 行）应为 49,521.42 元，文件写 49,511.42 元',
    '第 5 行：按前一笔（第 4 行）应为 52,337.92 元，文件写 52,347.92 元',
  ]);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(200);
  const shot = path.join(ARTIFACTS, 'proofs-3-breaks-phone-card.png');
  await card.screenshot({ path: shot });
  console.log(`screenshot: ${shot}`);
  assert.deepEqual(cspErrors, []);
});
