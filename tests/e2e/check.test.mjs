// End-to-end: "顾客说已付款？" on the real page in headless Chromium, the way a merchant at the
// counter uses it: load the demo statements, type what the customer remembers, read the verdict
// and what to tell them.
//
// Needs the release build in dist/ (scripts/test.sh builds it first) and the native CLI (built
// here with cargo if missing), whose verdict on the same files the page must agree with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, ROOT, DEMO_FILES, useBrowser, openPage, sameOrigin, today, runCli, demoPaths, screenshot, dropFiles, filesIn } from './harness.mjs';

const env = useBrowser('check');

/** What the native CLI says about the same payment: the verdict name. */
function cliVerdict(time, amount) {
  const out = runCli(['check', '--as-of', today(), '--time', time, '--amount', amount, ...demoPaths()]);
  return JSON.parse(out).verdict;
}

/** Types a payment into the form, submits it and waits for the verdict `expected`. */
async function checkPayment(page, { time, amount, card = '', terminal = '', wallet = '' }, expected) {
  const form = page.getByTestId('check-form');
  await form.getByTestId('check-time').fill(time);
  await form.getByTestId('check-amount').fill(amount);
  await form.getByTestId('check-card').fill(card);
  await form.getByTestId('check-terminal').fill(terminal);
  await form.getByTestId('check-wallet').selectOption(wallet);
  await form.getByTestId('check-submit').click();
  // The previous verdict disappears while the worker checks, so a verdict with the expected name
  // is the answer to this submission.
  const result = page.locator(`section.check[data-state="done"] [data-testid="check-result"][data-verdict="${expected}"]`);
  try {
    await result.waitFor({ timeout: 30_000 });
  } catch (e) {
    const shown = await page.locator('section.check').innerText().catch(() => '(nothing)');
    assert.fail(`expected verdict ${expected} for ${amount} at ${time} (wallet '${wallet}'); the page shows:\n${shown}`);
  }
  return result;
}

test('a customer says they paid: the demo timeout was charged, the other one was reversed', async () => {
  const { page, requests, cspErrors: problems } = await openPage(env);
  await page.waitForLoadState('networkidle');
  const loaded = requests.length;

  await page.getByTestId('demo-button').click();
  await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor({ timeout: 30_000 });
  await page.getByTestId('check-form').waitFor();
  assert.match(await page.locator('section.check h2').innerText(), /顾客说已付款？/);

  // 1,580.00 at about 10:05 on 9 November: the terminal said "交易超时", the acquirer settled it.
  const first = await checkPayment(page, { time: '2026-11-09T10:05', amount: '1580' }, 'charged_and_settled');
  const say = await page.getByTestId('check-say').innerText();
  assert.match(say, /跟顾客这样说/);
  assert.match(say, /您的付款已成功/);
  assert.match(say, /不需要再付一次/);
  assert.match(say, /1,580\.00 元/);
  const firstText = await first.innerText();
  assert.match(firstText, /309140500028/, 'the settled line with its RRN is shown');
  assert.equal(cliVerdict('2026-11-09 10:05', '1580'), 'charged_and_settled', 'page and CLI agree');

  const shot = path.join(ARTIFACTS, 'check-charged.png');
  await page.locator('section.check').screenshot({ path: shot });
  console.log(`screenshot: ${shot}`);

  // 56.00 at about 17:25 on 13 November: a timeout the statement covers without it.
  await checkPayment(page, { time: '2026-11-13T17:25', amount: '56.00' }, 'reversed_not_charged');
  const say2 = await page.getByTestId('check-say').innerText();
  assert.match(say2, /您的卡没有被扣款/);
  assert.match(say2, /几分钟到24小时内自动退回，最长1–3个工作日/);
  assert.equal(cliVerdict('2026-11-13 17:25', '56'), 'reversed_not_charged', 'page and CLI agree');

  // Nothing but the demo files was fetched after the page loaded.
  await page.waitForTimeout(300);
  const later = requests.slice(loaded).map((u) => new URL(u).pathname);
  const demoUrls = new Set(['/demo/manifest.json', ...DEMO_FILES.map((f) => `/demo/${encodeURIComponent(f)}`)]);
  assert.deepEqual(later.filter((p) => !demoUrls.has(p)), [], 'requests after load other than the demo files');
  assert.deepEqual(requests.filter((u) => !sameOrigin(env, u)), [], 'requests to other origins');
  assert.deepEqual(problems, [], 'CSP violations or page errors');

  await screenshot(page, 'check-reversed.png');
  await page.close();
});

test('a customer says they paid by QR: the wallet chosen on the page narrows the check as the CLI does', async () => {
  const { page, cspErrors: problems } = await openPage(env);
  await page.waitForLoadState('networkidle');

  // The WeChat Pay and Alipay bills and the cashier's log of 9 November, dropped onto the page.
  const dir = path.join(ROOT, 'tests/golden/qr-payments');
  const names = fs.readdirSync(dir).filter((f) => f.endsWith('.csv')).sort();
  assert.equal(names.length, 3);
  await dropFiles(page, filesIn(dir, names));
  await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor({ timeout: 30_000 });
  await page.getByTestId('check-form').waitFor();
  assert.equal(await page.getByTestId('check-wallet').inputValue(), '', '不确定 by default');

  // 45.00 at about 15:30: paid with Alipay. Asked as 微信支付 it is not found; as 支付宝 it is.
  const cli = (wallet) => {
    const args = ['check', '--as-of', today(), '--time', '2026-11-09 15:30', '--amount', '45'];
    if (wallet) args.push('--wallet', wallet);
    return JSON.parse(runCli([...args, ...names.map((n) => path.join(dir, n))])).verdict;
  };
  const wechat = cli('wechat');
  const alipay = cli('alipay');
  assert.notEqual(wechat, alipay, 'the wallet changes the CLI verdict for this payment');
  for (const [wallet, expected] of [['wechat', wechat], ['alipay', alipay], ['', cli('')]]) {
    await checkPayment(page, { time: '2026-11-09T15:30', amount: '45', wallet }, expected);
    assert.equal(await page.getByTestId('check-wallet').inputValue(), wallet);
  }
  assert.deepEqual(problems, [], 'CSP violations or page errors');
  await page.close();
});
