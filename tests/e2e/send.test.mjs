// End-to-end: what leaves the page (issue 14). A finding's case sheet (案件单) and chat text
// (复制微信文本), the run's chat text, the redaction choice, and the in-page view where no
// download can start (WeChat's browser, forced here with ?inapp=1).
//
// One source of truth: with the demo files and a fixed date, every export the page gives (Excel,
// CSV, HTML report, JSON, a case sheet, a finding's text, the run's text) equals, byte for byte,
// what `posrecon analyze` writes for the same files and settings: Chinese, English, and Chinese
// with a redaction option set.
//
// Needs the release build in dist/ (scripts/test.sh builds it first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ARTIFACTS, useBrowser, demoPaths, runCli, screenshot } from './harness.mjs';

const env = useBrowser('send');

// The demo week's as-of date (the README's examples use it). The page takes its date from the
// browser's clock, fixed here; the CLI gets it as --as-of.
const AS_OF = '2026-11-25';

/** What `posrecon analyze` writes for the demo files: { json, html, csv, xlsx, text, sheets }. */
function cliOutputs(lang, redact) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `posrecon-e2e-send-${lang}-`));
  const out = (name) => path.join(dir, name);
  const args = ['analyze', '--as-of', AS_OF, '--lang', lang, '--quiet',
    '--json', out('r.json'), '--html', out('r.html'), '--csv', out('r.csv'), '--xlsx', out('r.xlsx'),
    '--text', out('r.txt'), '--sheets', out('sheets')];
  if (redact) args.push('--redact', redact);
  runCli([...args, ...demoPaths()]);
  const read = (name) => fs.readFileSync(out(name));
  return {
    json: read('r.json'), html: read('r.html'), csv: read('r.csv'), xlsx: read('r.xlsx'), text: read('r.txt'),
    sheet: (id) => read(`sheets/${id}.html`),
    findingText: (id) => read(`sheets/${id}.txt`),
  };
}

/** Opens the page with the browser's clock fixed on AS_OF; records CSP complaints. */
async function openFixed(query = '') {
  const page = await env.context.newPage();
  const cspErrors = [];
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  page.on('pageerror', (e) => cspErrors.push(`page error: ${e.message}`));
  await page.clock.setFixedTime(new Date(`${AS_OF}T12:00:00`));
  await page.goto(`${env.server.origin}/${query}`);
  await page.getByTestId('dropzone').waitFor();
  return { page, cspErrors };
}

async function loadDemo(page) {
  await page.getByTestId('demo-button').click();
  await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor({ timeout: 60_000 });
  await page.getByTestId('findings-table').waitFor();
}

const idle = (page) => page.locator('[data-testid="export-bar"][data-state="idle"]').waitFor({ timeout: 30_000 });

/** Clicks `button`, waits for the download, saves it under artifacts/ and returns its name and bytes. */
async function download(page, button, prefix) {
  await idle(page);
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), button.click()]);
  const name = file.suggestedFilename();
  const saved = path.join(ARTIFACTS, `${prefix}-${name}`);
  await file.saveAs(saved);
  assert.equal(await file.failure(), null, `${name} download failed`);
  await idle(page);
  return { name, bytes: fs.readFileSync(saved), saved };
}

/** Opens the details of finding `id`; returns its detail row. */
async function openFinding(page, id) {
  const row = page.locator(`[data-testid="finding-row"][data-id="${id}"]`);
  const detail = page.locator(`#finding-detail-${id}`);
  if (!(await detail.isVisible())) await row.getByRole('button').click();
  await detail.waitFor();
  return detail;
}

/** Presses a copy button and returns the text shown in `testid`'s box (copied to the clipboard or not). */
async function copiedText(page, button, testid) {
  await idle(page);
  await button.click();
  const box = page.getByTestId(testid);
  await box.waitFor();
  await page.locator('[data-testid="copy-status"]:not([data-state="copying"])').first().waitFor();
  return box.inputValue();
}

/** The id of the demo's first finding (the one every comparison uses). */
async function firstFindingId(page) {
  return page.getByTestId('finding-row').first().getAttribute('data-id');
}

for (const { lang, redact } of [{ lang: 'zh' }, { lang: 'en' }, { lang: 'zh', redact: 'drop-card-digits' }]) {
  test(`the page's exports equal posrecon analyze's, byte for byte (${lang}${redact ? `, --redact ${redact}` : ''})`, async () => {
    const expected = cliOutputs(lang, redact);
    const { page, cspErrors } = await openFixed();
    await loadDemo(page);
    if (lang === 'en') {
      await page.getByTestId('lang-toggle').click();
      await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor({ timeout: 60_000 });
      await page.getByText('Export Excel').waitFor();
    }
    if (redact) {
      const box = page.getByTestId(`redact-${redact}`);
      assert.equal(await box.isChecked(), false, 'nothing is left out by default');
      await box.check();
    }
    const tag = `send-${lang}${redact ? '-redacted' : ''}`;
    const report = lang === 'zh' ? '报告' : 'report';
    for (const [key, want] of [['json', expected.json], ['csv', expected.csv], ['html', expected.html], ['xlsx', expected.xlsx]]) {
      const got = await download(page, page.getByTestId(`export-${key}`), tag);
      assert.equal(got.name, `posrecon-${report}-${AS_OF}.${key}`);
      assert.ok(got.bytes.equals(want), `${key}: the page's ${got.bytes.length} bytes differ from the CLI's ${want.length} (${got.saved})`);
    }

    const id = await firstFindingId(page);
    const detail = await openFinding(page, id);
    const sheet = await download(page, detail.getByTestId('finding-sheet'), tag);
    assert.equal(sheet.name, `${id}-${lang === 'zh' ? '案件单' : 'case-sheet'}.html`);
    assert.ok(sheet.bytes.equals(expected.sheet(id)), `case sheet ${id} differs from the CLI's (${sheet.saved})`);

    const findingText = await copiedText(page, detail.getByTestId('finding-copy-text'), 'finding-text');
    assert.equal(findingText, expected.findingText(id).toString('utf8'), `${id}'s chat text`);
    const runText = await copiedText(page, page.getByTestId('copy-run-text'), 'run-text');
    assert.equal(runText, expected.text.toString('utf8'), "the run's chat text");
    assert.deepEqual(cspErrors, [], 'CSP violations or page errors');
    // The language chosen is kept for the next page (posrecon.lang.v1): the next test starts in Chinese.
    await page.evaluate(() => localStorage.removeItem('posrecon.lang.v1'));
    await page.close();
  });
}

test('a case sheet and the run text from the page; inside WeChat the files show in the page; fits a phone', async () => {
  const { page, cspErrors } = await openFixed();
  await loadDemo(page);
  // The redaction choice says what the default keeps, in Chinese first.
  const bar = page.getByTestId('export-bar');
  assert.match(await bar.innerText(), /隐藏商户号和终端号[\s\S]*不含卡号[\s\S]*不含人名/);
  assert.match(await bar.innerText(), /卡号始终只显示前6后4/);
  for (const box of ['redact-mask-ids', 'redact-drop-card-digits', 'redact-drop-names']) {
    assert.equal(await page.getByTestId(box).isChecked(), false, `${box} is off by default`);
  }
  const id = await firstFindingId(page);
  const detail = await openFinding(page, id);
  assert.equal((await detail.getByTestId('finding-sheet').innerText()).trim(), '案件单');
  assert.equal((await detail.getByTestId('finding-copy-text').innerText()).trim(), '复制微信文本');
  // Keyboard: the buttons are reached with Tab and pressed with Enter.
  await detail.getByTestId('finding-sheet').focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'finding-copy-text');
  await page.keyboard.press('Enter');
  await page.getByTestId('finding-text').waitFor();
  const status = page.getByTestId('copy-status').first();
  await page.locator('[data-testid="copy-status"]:not([data-state="copying"])').first().waitFor();
  const state = await status.getAttribute('data-state');
  // Headless Chromium may refuse the clipboard: then the text is selected for a long press.
  if (state === 'copied') assert.equal((await status.innerText()).trim(), '已复制');
  else assert.equal(state, 'refused');
  const text = await page.getByTestId('finding-text').inputValue();
  assert.ok(text.length > 0 && [...text].length <= 500, `a chat text of ${[...text].length} characters`);
  await screenshot(page, 'send-finding-1366.png');
  await detail.getByTestId('finding-sheet').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(ARTIFACTS, 'send-finding-view-1366.png') });

  // A phone: the buttons, the text and the bar fit.
  await page.setViewportSize({ width: 390, height: 844 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page is ${width} px wide on a 390 px screen`);
  await screenshot(page, 'send-finding-390.png');
  // Close-ups of what a merchant presses on a phone: the export bar and the opened finding.
  await bar.screenshot({ path: path.join(ARTIFACTS, 'send-export-bar-390.png') });
  await detail.getByTestId('finding-sheet').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(ARTIFACTS, 'send-finding-view-390.png') });
  assert.deepEqual(cspErrors, [], 'CSP violations or page errors');
  await page.close();

  // Inside WeChat's browser (forced with ?inapp=1): no download starts; the sheet, the report and
  // a CSV show in the page, with 复制 and 长按可保存或转发, within the page's CSP.
  const inapp = await openFixed('?inapp=1');
  const p = inapp.page;
  let downloads = 0;
  p.on('download', () => downloads++);
  await p.evaluate(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await loadDemo(p);
  const inappDetail = await openFinding(p, id);
  await idle(p);
  await inappDetail.getByTestId('finding-sheet').click();
  const view = p.getByTestId('inapp-view');
  await view.waitFor();
  assert.match(await view.innerText(), /长按可保存或转发/);
  assert.match(await view.innerText(), new RegExp(`${id}-案件单\\.html`));
  const frame = p.frameLocator('[data-testid="inapp-frame"]');
  await frame.locator('body').waitFor();
  assert.equal(await p.getByTestId('inapp-frame').getAttribute('sandbox'), 'allow-same-origin', 'no script may run in the document');
  // Its own styles apply (through the CSSOM; the inline <style> would break the CSP).
  const styled = await frame.locator('body').evaluate((b) => b.ownerDocument.adoptedStyleSheets.length);
  assert.ok(styled > 0, 'the document is styled');
  await p.getByTestId('inapp-copy').waitFor();
  await p.setViewportSize({ width: 390, height: 844 });
  const inappWidth = await p.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(inappWidth <= 390, `with the sheet shown the page is ${inappWidth} px wide on a 390 px screen`);
  await screenshot(p, 'send-inapp-sheet-390.png');
  await view.scrollIntoViewIfNeeded();
  await p.screenshot({ path: path.join(ARTIFACTS, 'send-inapp-view-390.png') });
  await p.setViewportSize({ width: 1366, height: 1000 });
  await screenshot(p, 'send-inapp-sheet-1366.png');

  await p.getByTestId('export-html').click();
  await p.locator('[data-testid="inapp-view"] h2', { hasText: `posrecon-报告-${AS_OF}.html` }).waitFor();
  // The report's own <style> applies inside the frame (moved to a constructed stylesheet).
  const reportFrame = p.frameLocator('[data-testid="inapp-frame"]');
  await reportFrame.locator('h1').waitFor();
  await p.waitForFunction(() => {
    const doc = document.querySelector('[data-testid="inapp-frame"]')?.contentDocument;
    return doc && doc.adoptedStyleSheets.length > 0 && doc.adoptedStyleSheets[0].cssRules.length > 0;
  });
  assert.equal(await reportFrame.locator('style').count(), 0, 'no inline <style> for the CSP to block');
  assert.equal(await reportFrame.locator('[style]:not([data-inline-style])').count(), 0, 'no style attribute for the CSP to block');
  assert.ok(await p.evaluate(() => [...document.querySelector('[data-testid="inapp-frame"]').contentDocument
    .querySelectorAll('[data-inline-style]')].every((e) => e.style.cssText !== '')), 'inline styles applied through the CSSOM');
  await p.setViewportSize({ width: 390, height: 844 });
  await view.scrollIntoViewIfNeeded();
  await p.waitForTimeout(500); // the frame repaints after the resize; the screenshot is to be looked at
  await p.screenshot({ path: path.join(ARTIFACTS, 'send-inapp-report-390.png') });
  await p.setViewportSize({ width: 1366, height: 1000 });
  await p.getByTestId('export-csv').click();
  await p.locator('[data-testid="inapp-view"] h2', { hasText: `posrecon-报告-${AS_OF}.csv` }).waitFor();
  assert.ok((await p.getByTestId('inapp-text').inputValue()).includes(id), 'the CSV is shown as text');
  await p.getByTestId('inapp-close').click();
  await view.waitFor({ state: 'detached' });
  assert.equal(downloads, 0, 'no download was attempted inside WeChat');
  assert.deepEqual(inapp.cspErrors, [], 'CSP violations or page errors');
  assert.deepEqual(await p.evaluate(() => window.cspViolations), [], 'securitypolicyviolation events');
  await p.close();
});
