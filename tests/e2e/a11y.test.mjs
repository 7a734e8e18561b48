// End-to-end: the page passes axe-core (the accessibility rules of WCAG 2.x A/AA and best
// practice) with no serious or critical violation, in each state a merchant meets it: empty,
// after the demo, with a finding opened, and with the check form answered; at a desktop's width
// (1366) and a phone's (390). Every violation is printed (rule, impact, what to fix, where).
//
// How axe gets into the page: `page.evaluate` of axe-core's source. DevTools evaluation is not
// subject to the page's Content-Security-Policy, so the page's CSP stays exactly what a merchant
// gets (no `bypassCSP`, no test-only `<script>`): the page is checked under its real policy.
//
// Also: the skip link is the first thing Tab reaches, is visible once focused, and takes the
// keyboard to <main> (screenshots at both widths: a11y-skip-link-<width>.png).
//
// Needs the release build in dist/ (scripts/test.sh builds it first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, ARTIFACTS, useBrowser, openPage } from './harness.mjs';

const env = useBrowser('a11y');
const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Runs axe on the page as it is; returns the serious and critical violations, printing each. */
async function seriousViolations(page, label) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary, html: n.html.slice(0, 160) })),
    }));
  });
  for (const v of violations) {
    console.log(`[${label}] ${v.impact} ${v.id}: ${v.help} (${v.nodes.length} element(s))`);
    for (const n of v.nodes.slice(0, 5)) console.log(`    ${n.target}\n      ${n.html}\n      ${n.summary.replaceAll('\n', '\n      ')}`);
  }
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${label}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target).join(', ')}`);
}

/** Types a payment into 顾客说已付款？ and waits for its verdict. */
async function answerCheck(page) {
  const form = page.getByTestId('check-form');
  await form.getByTestId('check-time').fill('2026-11-09T10:05');
  await form.getByTestId('check-amount').fill('1580');
  await form.getByTestId('check-submit').click();
  await page.locator('section.check[data-state="done"] [data-testid="check-result"]').waitFor({ timeout: 30_000 });
}

for (const width of [1366, 390]) {
  test(`axe finds no serious or critical violation at ${width} px: empty, demo, a finding opened, a check answered`, async () => {
    const { page, cspErrors } = await openPage(env);
    await page.setViewportSize({ width, height: width > 700 ? 900 : 844 });
    await page.waitForLoadState('networkidle');
    const found = [];
    found.push(...await seriousViolations(page, `${width} empty`));

    await page.getByTestId('demo-button').click();
    await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('finding-row').first().waitFor();
    found.push(...await seriousViolations(page, `${width} demo`));

    const row = page.getByTestId('finding-row').first();
    const id = await row.getAttribute('data-id');
    await row.locator('button[aria-expanded]').click();
    await page.locator(`#finding-detail-${id}`).waitFor();
    found.push(...await seriousViolations(page, `${width} finding opened`));

    await answerCheck(page);
    found.push(...await seriousViolations(page, `${width} check answered`));

    assert.deepEqual(found, [], 'serious or critical accessibility violations');
    assert.deepEqual(cspErrors, [], 'CSP violations or page errors (axe ran under the real policy)');
    await page.close();
  });
}

for (const width of [1366, 390]) {
  test(`the skip link is the first Tab stop, shows when focused and jumps to the main content (${width} px)`, async () => {
    const { page } = await openPage(env);
    await page.setViewportSize({ width, height: width > 700 ? 900 : 844 });
    const link = page.getByTestId('skip-link');
    assert.equal(await link.evaluate((el) => el.getBoundingClientRect().bottom <= 0), true, 'hidden (above the screen) until focused');
    await page.keyboard.press('Tab');
    assert.equal(await link.evaluate((el) => el === document.activeElement), true, 'the first Tab stop');
    const box = await link.boundingBox();
    assert.ok(box && box.y >= 0 && box.x >= 0 && box.x + box.width <= width, `shown on screen when focused: ${JSON.stringify(box)}`);
    assert.match(await link.innerText(), /跳到主要内容/);
    const shot = path.join(ARTIFACTS, `a11y-skip-link-${width}.png`);
    await page.screenshot({ path: shot });
    console.log(`screenshot: ${shot}`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'main');
    // The next Tab goes on inside <main>: the file picker, not back to the header.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.closest('main') !== null), true, 'Tab continues in <main>');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'nothing wider than the screen');
    await page.close();
  });
}

test('the language chosen is kept over a reload, and <html lang> follows', async () => {
  const { page } = await openPage(env);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  const demo = page.getByTestId('demo-button');
  await page.getByTestId('lang-toggle').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="demo-button"]').innerText === 'Try the demo data');
  await page.reload();
  await demo.waitFor();
  assert.equal(await demo.innerText(), 'Try the demo data', 'still English after the reload');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  // The drop hint says what is read: Excel and ZIP too, not only CSV or TXT.
  assert.match(await page.locator('.dropzone-hint').innerText(), /Excel .xlsx\/.xls.*ZIP/);
  await page.getByTestId('lang-toggle').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="demo-button"]').innerText === '试用示例数据');
  await page.reload();
  await demo.waitFor();
  assert.equal(await demo.innerText(), '试用示例数据', 'Chinese again after the reload');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.match(await page.locator('.dropzone-hint').innerText(), /Excel.*\.xlsx\/\.xls.*ZIP/);
  await page.close();
});

test('the focus ring is on the file picker when its input has focus, not on the demo button', async () => {
  const { page } = await openPage(env);
  // Tab: the skip link, then the language switch, then the file picker's input.
  for (let i = 0; i < 10; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.id === 'file-input')) break;
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'file-input', 'the file input is reachable by Tab');
  const ring = (testid) => page.evaluate((sel) => getComputedStyle(document.querySelector(sel)).outlineStyle, testid);
  assert.equal(await ring('label[for="file-input"]'), 'solid', 'the picker (its label) shows the ring');
  assert.equal(await ring('[data-testid="demo-button"]'), 'none', 'the demo button does not');
  await page.locator('.dropzone').screenshot({ path: path.join(ARTIFACTS, 'a11y-file-picker-focus.png') });
  await page.close();
});
