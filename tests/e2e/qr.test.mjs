// End-to-end: a shop that lives on QR codes (issue 10), as its owner sees it on the page. The
// noodle shop's fortnight (tests/scenarios/qr-fortnight: the till's payment list, the WeChat Pay
// trade bill, the Alipay 业务明细 and 账务明细 in GBK, an ICBC statement in GBK) has planted QR
// 掉单, re-scans paid twice, orders marked paid that no wallet has, static-code payments, a
// missing and a short wallet payout, an Alipay outage and a handheld that loses its Wi-Fi at
// lunch. The page must show the same findings and incidents as the CLI, and a QR finding must
// say what a card finding says: when, which device, which wallet, and the order numbers the
// wallet's support line asks for. It must fit a phone and switch to English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, useBrowser, openPage, dropFiles, filesIn, runCli, today, screenshot, sameOrigin, openFileCards } from './harness.mjs';

const env = useBrowser('qr');
const CASE = path.join(ROOT, 'tests/scenarios/qr-fortnight');
const FILES = fs.readdirSync(CASE).filter((n) => n.endsWith('.csv')).sort();

async function drop(page) {
  await dropFiles(page, filesIn(CASE, FILES));
  await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor({ timeout: 60_000 });
}

function cliReport() {
  const args = ['analyze', '--as-of', today(), '--json', '-', ...FILES.map((f) => path.join(CASE, f))];
  return JSON.parse(runCli(args));
}

async function shownRowKinds(page) {
  const kinds = {};
  for (const row of await page.getByTestId('finding-row').all()) {
    const k = await row.getAttribute('data-kind');
    kinds[k] = (kinds[k] ?? 0) + 1;
  }
  return kinds;
}

test('a QR shop fortnight: the same findings and incidents as the CLI, with wallet and order numbers', async () => {
  const report = cliReport();
  const kinds = report.summary.findings_by_kind;
  for (const k of ['charged_but_failed', 'duplicate_charge', 'order_not_paid', 'unexpected_settlement',
    'missing_deposit', 'deposit_mismatch']) {
    assert.ok(kinds[k] > 0, `the CLI finds ${k}: ${JSON.stringify(kinds)}`);
  }
  const causes = report.incidents.map((i) => i.cause).sort();
  assert.deepEqual(causes, ['signal', 'wallet_system']);

  const { page, requests, cspErrors } = await openPage(env);
  await page.waitForLoadState('networkidle');
  const beforeDrop = requests.length;
  await drop(page);

  // Five files, each with its role (the GBK ones read as well as the UTF-8 ones).
  await openFileCards(page);
  const roles = await page.getByTestId('file-card').evaluateAll((els) => els.map((e) => e.dataset.role).sort());
  assert.deepEqual(roles, ['bank_statement', 'order_list', 'wallet_bill', 'wallet_bill', 'wallet_bill']);

  // The same findings as the CLI, row for row.
  assert.deepEqual(await shownRowKinds(page), kinds);

  // A QR 掉单 row: the till's time, the device, the wallet where a card finding shows the card.
  const dropped = report.findings.find((f) => f.kind === 'charged_but_failed');
  const row = page.locator(`[data-testid="finding-row"][data-id="${dropped.id}"]`);
  const wallet = dropped.records.find((r) => r.pay_method)?.pay_method;
  assert.ok(['wechat', 'alipay'].includes(wallet), `the report names the wallet: ${wallet}`);
  const walletName = wallet === 'wechat' ? '微信支付' : '支付宝';
  assert.equal((await row.getByTestId('card-or-wallet').textContent()).trim(), walletName);
  const terminal = dropped.records.find((r) => r.terminal_id)?.terminal_id;
  assert.ok(terminal && (await row.innerText()).includes(terminal), `device ${terminal} on the row`);
  assert.ok((await row.innerText()).includes(dropped.title), 'the engine\'s title on the row');

  // Its details: the till row and the bill row, with the order numbers the wallet asks for.
  await row.getByRole('button').click();
  const detail = page.locator(`#finding-detail-${dropped.id}`);
  await detail.waitFor();
  const detailText = await detail.innerText();
  for (const r of dropped.records) {
    assert.ok(detailText.includes(r.file), `${r.file} in the details`);
    for (const id of [r.order_id, r.channel_order_id].filter(Boolean)) {
      assert.ok(detailText.includes(id), `order number ${id} in the details`);
    }
  }
  assert.ok(dropped.records.some((r) => r.channel_order_id), 'the wallet\'s own number is in the report');

  // The short Alipay payout: a day's money, no device or wallet guessed from one of its rows.
  const short = report.findings.find((f) => f.kind === 'deposit_mismatch');
  const shortRow = page.locator(`[data-testid="finding-row"][data-id="${short.id}"]`);
  assert.match(await shortRow.innerText(), /50\.00/);
  assert.equal((await shortRow.getByTestId('card-or-wallet').textContent()).trim(), '');

  // The incidents: the Alipay outage (its own cause, not the shop's network) and the handheld's
  // lunch-hour Wi-Fi, with the engine's titles.
  const shown = await page.getByTestId('incident').evaluateAll((els) => els.map((e) => e.dataset.cause).sort());
  assert.deepEqual(shown, causes);
  const outage = await page.locator('[data-testid="incident"][data-cause="wallet_system"]').innerText();
  assert.ok(outage.includes(report.incidents.find((i) => i.cause === 'wallet_system').title));
  assert.match(outage, /支付宝/);

  // The till's devices are terminals in the health cards.
  const devices = await page.getByTestId('terminal-health-row').evaluateAll((els) => els.map((e) => e.dataset.terminal).sort());
  assert.deepEqual(devices, report.terminal_health.terminals.map((t) => t.terminal_id).sort());

  assert.deepEqual(requests.slice(beforeDrop), [], 'requests after the drop');
  assert.deepEqual(requests.filter((u) => !sameOrigin(env, u)), [], 'requests to other origins');
  assert.deepEqual(cspErrors, []);
  await screenshot(page, 'qr-desktop.png');
  await page.locator('section.findings').screenshot({ path: path.join(ROOT, 'tests/e2e/artifacts/qr-findings-desktop.png') });

  // A phone: the findings table scrolls inside its box, nothing pushes the page sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than a 390 px phone`);
  await screenshot(page, 'qr-phone.png');
  // The open finding's details wrap to the phone's width rather than run off inside the table.
  const detailRight = await detail.locator('.explanation').evaluate((e) => e.getBoundingClientRect().right);
  assert.ok(detailRight <= 390, `the details reach ${detailRight} px on a 390 px phone`);
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(ROOT, 'tests/e2e/artifacts/qr-finding-phone.png') });

  // English: the wallet's name and the outage's cause in English.
  await page.setViewportSize({ width: 1360, height: 1000 });
  await page.getByTestId('lang-toggle').click();
  await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor();
  await page.getByText('WeChat Pay or Alipay outage').first().waitFor();
  const rowEn = page.locator(`[data-testid="finding-row"][data-id="${dropped.id}"]`);
  assert.equal((await rowEn.getByTestId('card-or-wallet').textContent()).trim(),
    wallet === 'wechat' ? 'WeChat Pay' : 'Alipay');
  assert.deepEqual(await shownRowKinds(page), kinds);
  await screenshot(page, 'qr-english.png');
  await page.close();
});
