// End-to-end: the whole chain of a payment, terminal -> acquirer -> bank, on an opened finding and
// on the check answer, and the charts (issue 13), as a merchant meets them in headless Chromium at
// 1366 px and on a 390 px phone.
//
// Needs the release build in dist/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ARTIFACTS, ROOT, useBrowser, openPage, dropFiles, filesIn } from './harness.mjs';

const env = useBrowser('chain');

/** Loads the demo and waits for its report. */
async function demo(page) {
  await page.getByTestId('demo-button').click();
  await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor({ timeout: 60_000 });
}

/** Opens the dropped 1,580.00 sale; returns its detail row. */
async function openDroppedSale(page) {
  const row = page.locator('[data-testid="finding-row"][data-kind="charged_but_failed"]')
    .filter({ has: page.locator('[data-testid="amount"]', { hasText: '1,580.00' }) });
  const id = await row.getAttribute('data-id');
  await row.getByRole('button').click();
  const detail = page.locator(`#finding-detail-${id}`);
  await detail.waitFor();
  return detail;
}

/** The steps shown in `scope`: [{ stage, mark, text }], in order. */
async function steps(scope) {
  const box = scope.getByTestId('chain-steps');
  await box.waitFor({ timeout: 30_000 });
  return box.getByTestId('chain-step').evaluateAll((items) => items.map((li) => ({
    stage: li.dataset.stage,
    mark: li.dataset.mark,
    text: li.innerText.replace(/\s+/g, ' ').trim(),
  })));
}

/** Asserts the demo's dropped sale's three steps. */
function assertDroppedSale(shown, where) {
  assert.deepEqual(shown.map((s) => [s.stage, s.mark]),
    [['terminal', 'problem'], ['acquirer', 'ok'], ['bank', 'late']], where);
  assert.match(shown[0].text, /11-09 10:05/, where);
  assert.match(shown[0].text, /交易超时/, where);
  assert.match(shown[0].text, /有问题/, `${where}: the mark is said in words, not colour alone`);
  assert.match(shown[1].text, /已结算 1,580\.00 元，清算日期 2026-11-09/, where);
  assert.match(shown[2].text, /11-12 到账，晚到 2 个工作日（应 11-10 到账）/, where);
}

test('the dropped 1,580.00 sale is followed to the bank on the finding and on the check answer', async () => {
  const { page, cspErrors } = await openPage(env);
  await page.setViewportSize({ width: 1366, height: 900 });
  await demo(page);

  const detail = await openDroppedSale(page);
  const onFinding = await steps(detail);
  assertDroppedSale(onFinding, 'opened finding');
  await detail.getByTestId('chain-steps').scrollIntoViewIfNeeded();
  await detail.screenshot({ path: path.join(ARTIFACTS, 'chain-finding-1366.png') });

  // The check form on that payment shows the same steps.
  const form = page.getByTestId('check-form');
  await form.getByTestId('check-time').fill('2026-11-09T10:05');
  await form.getByTestId('check-amount').fill('1580');
  await form.getByTestId('check-submit').click();
  const answer = page.locator('section.check[data-state="done"] [data-testid="check-result"]');
  await answer.waitFor({ timeout: 30_000 });
  const onCheck = await steps(answer);
  assertDroppedSale(onCheck, 'check answer');
  assert.deepEqual(onCheck, onFinding, 'the check shows the finding\'s steps');
  await page.locator('section.check').screenshot({ path: path.join(ARTIFACTS, 'chain-check-1366.png') });

  // Charts with their text alternative: terminal health and deposits (the demo has no incident).
  const charts = page.getByTestId('charts');
  await charts.waitFor();
  const figures = await charts.getByTestId('chart').evaluateAll((fs) => fs.map((f) => ({
    chart: f.dataset.chart,
    title: f.querySelector('svg > title')?.textContent ?? '',
    desc: f.querySelector('svg > desc')?.textContent ?? '',
    label: f.querySelector('svg')?.getAttribute('aria-label') ?? '',
    caption: f.querySelector('figcaption')?.textContent ?? '',
    styled: f.querySelectorAll('[style]').length,
    width: f.querySelector('svg').getBoundingClientRect().width,
  })));
  assert.deepEqual(figures.map((f) => f.chart), ['terminal-health', 'deposits']);
  for (const f of figures) {
    assert.ok(f.title && f.desc && f.caption && f.label === f.title, `${f.chart} has a text alternative`);
    assert.equal(f.styled, 0, `${f.chart}: no style attribute under the CSP`);
    assert.ok(f.width > 200, `${f.chart} is drawn (${f.width}px)`);
  }
  assert.match(figures[0].desc, /终端 \d+ 超时率/);
  assert.match(figures[1].desc, /11-10 应到账 [\d,.]+ 元，实际到账 0\.00 元/, 'the late payout shows as a day that got nothing');
  // The deposits' numbers are there as a table too.
  const deposits = charts.locator('[data-chart="deposits"]');
  await deposits.locator('summary').click();
  assert.match(await deposits.locator('table').innerText(), /11-12/);
  await charts.screenshot({ path: path.join(ARTIFACTS, 'chain-charts-1366.png') });

  // An empty check form says what is missing, not that files are missing.
  await form.getByTestId('check-time').fill('');
  await form.getByTestId('check-amount').fill('');
  await form.getByTestId('check-submit').click();
  const missing = await page.getByTestId('check-incomplete').innerText();
  assert.equal(missing, '请填写付款时间和金额。');

  assert.deepEqual(cspErrors, [], 'CSP violations or page errors');
  await page.close();
});

test('at 390 px the steps and the charts fit the screen', async () => {
  const { page, cspErrors } = await openPage(env);
  await page.setViewportSize({ width: 390, height: 844 });
  await demo(page);
  const form = page.getByTestId('check-form');
  await form.getByTestId('check-time').fill('2026-11-09T10:05');
  await form.getByTestId('check-amount').fill('1580');
  await form.getByTestId('check-submit').click();
  const answer = page.locator('section.check[data-state="done"] [data-testid="check-result"]');
  await answer.waitFor({ timeout: 30_000 });
  assertDroppedSale(await steps(answer), 'check answer at 390');
  const box = answer.getByTestId('chain-steps');
  await box.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(ARTIFACTS, 'chain-check-390.png') });

  const charts = page.getByTestId('charts');
  await charts.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(ARTIFACTS, 'chain-charts-390.png') });
  const overflow = await page.evaluate(() => {
    const wide = [];
    for (const sel of ['[data-testid="chain-steps"]', '[data-testid="chain-step"]', '[data-testid="charts"]', '[data-testid="chart"]', '[data-testid="chart"] svg']) {
      for (const el of document.querySelectorAll(sel)) {
        const r = el.getBoundingClientRect();
        if (r.left < 0 || r.right > window.innerWidth) wide.push(`${sel}: ${Math.round(r.left)}–${Math.round(r.right)}`);
      }
    }
    return wide;
  });
  assert.deepEqual(overflow, [], 'steps and charts within the 390 px screen');

  const detail = await openDroppedSale(page);
  assertDroppedSale(await steps(detail), 'opened finding at 390');
  await detail.getByTestId('chain-steps').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(ARTIFACTS, 'chain-finding-390.png') });
  const docWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  console.log(`document width at 390: ${docWidth}`);
  assert.deepEqual(cspErrors, [], 'CSP violations or page errors');
  await page.close();
});

test('incidents on a timeline, and without a bank statement the bank step says so', async () => {
  const { page, cspErrors } = await openPage(env);
  await page.setViewportSize({ width: 1366, height: 900 });
  const dir = path.join(ROOT, 'tests/golden/network-drop');
  await dropFiles(page, filesIn(dir, ['收单对账单_20261116-20261118.csv', '终端交易明细_20261116-20261118.csv']));
  await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor({ timeout: 60_000 });
  const timeline = page.locator('[data-testid="chart"][data-chart="incidents"]');
  await timeline.waitFor();
  assert.match(await timeline.locator('svg > title').textContent(), /事件时间线/);
  assert.ok((await timeline.locator('svg > desc').textContent()).length > 0);
  assert.equal(await page.locator('[data-chart="deposits"]').count(), 0, 'no bank statement: no deposits chart');

  const row = page.getByTestId('finding-row').first();
  const id = await row.getAttribute('data-id');
  await row.getByRole('button').click();
  const shown = await steps(page.locator(`#finding-detail-${id}`));
  assert.equal(shown[2].stage, 'bank');
  assert.equal(shown[2].mark, 'unknown');
  assert.match(shown[2].text, /银行流水未载入|没有结算/);
  await page.getByTestId('charts').screenshot({ path: path.join(ARTIFACTS, 'chain-timeline-1366.png') });
  assert.deepEqual(cspErrors, [], 'CSP violations or page errors');
  await page.close();
});

test('an approved sale the acquirer never settled: the bank step is marked a problem, as its words say', async () => {
  const { page, cspErrors } = await openPage(env);
  await page.setViewportSize({ width: 1366, height: 900 });
  await demo(page);
  // The demo's 短款: approved on the terminal, missing from the acquirer statement.
  const row = page.locator('[data-testid="finding-row"][data-kind="missing_settlement"]').first();
  const date = (await row.locator('.time .date').innerText()).trim();
  const clock = (await row.locator('.time .clock').innerText()).trim();
  const amount = (await row.getByTestId('amount').innerText()).replaceAll(',', '');
  const form = page.getByTestId('check-form');
  await form.getByTestId('check-time').fill(`${date}T${clock.slice(0, 5)}`);
  await form.getByTestId('check-amount').fill(amount);
  await form.getByTestId('check-submit').click();
  const answer = page.locator('section.check[data-state="done"] [data-testid="check-result"]');
  await answer.waitFor({ timeout: 30_000 });
  assert.equal(await answer.getAttribute('data-verdict'), 'approved_not_settled');
  const shown = await steps(answer);
  assert.deepEqual(shown.map((s) => [s.stage, s.mark]), [['terminal', 'ok'], ['acquirer', 'problem'], ['bank', 'problem']]);
  assert.match(shown[2].text, /没有结算，不会到账/);
  assert.doesNotMatch(shown[2].text, /还不能确定/, 'the mark is not "?" while the words say it will not arrive');
  await answer.getByTestId('chain-steps').screenshot({ path: path.join(ARTIFACTS, 'chain-check-unsettled-1366.png') });
  assert.deepEqual(cspErrors, [], 'CSP violations or page errors');
  await page.close();
});
