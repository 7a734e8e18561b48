// End-to-end: statement text is untrusted (issue 14's safety test, the browser half). The demo week
// with a hostile terminal log (a script tag, an attribute break-out with an image, formulas, a
// right-to-left override and a 100,000-character cell, in the merchant's name, in 应答信息 and in the
// file's name) goes through `posrecon analyze`; the owner's report and the case sheet that carries
// the long cell are opened in Chromium at a phone's width and a desktop's: nothing runs (no dialog,
// no page error, no image element), and nothing is wider than the screen. The same files dropped on
// the page give the same: the page shows the text, inert, within the screen.
// `crates/posrecon-cli/tests/safety.rs` checks every export's bytes.
//
// Needs the release build in dist/ (scripts/test.sh builds it first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ARTIFACTS, DEMO, DEMO_FILES, useBrowser, openPage, runCli, dropFiles } from './harness.mjs';

const env = useBrowser('safety');

const IMG = '"><img src=x onerror=alert(1)>';
const HOSTILE = [
  "<script>alert('x')</script>",
  IMG,
  '=HYPERLINK("http://example.invalid","点我")',
  '@SUM(1+1)',
  '\t=1+2',
  '\r=3+4',
  '\u202E00.0001\u202C',
  `长${'很'.repeat(99_999)}`,
];

/** The demo week with the hostile terminal log, written into a fresh folder; returns the paths. */
function hostileWeek() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'posrecon-e2e-safety-'));
  const files = [];
  for (const name of DEMO_FILES) {
    const bytes = fs.readFileSync(path.join(DEMO, name));
    if (!name.startsWith('终端交易明细')) {
      fs.writeFileSync(path.join(dir, name), bytes);
      files.push(path.join(dir, name));
      continue;
    }
    let text = bytes.toString('utf8').replace('商户名称：示例便利店', "商户名称：示例便利店<script>alert('x')</script>\u202E店");
    text = text.replace(/[\r\n]+$/, '') + '\r\n';
    HOSTILE.forEach((evil, i) => {
      const two = String(i).padStart(2, '0');
      text += `2026-11-12 21:${String(10 + i).padStart(2, '0')}:00,10086602,000012,0019${two},3091499999${two},90${String(i).padStart(4, '0')},622848******1234,消费,${7 + i}.${String(i + 1).padStart(2, '0')},00,"${evil.replaceAll('"', '""')}"\r\n`;
    });
    const file = path.join(dir, `终端交易明细${IMG}.csv`);
    fs.writeFileSync(file, text);
    files.push(file);
  }
  return { dir, files };
}

/** Opens a local HTML file; returns the page and what ran in it. */
async function openDocument(file, width) {
  const page = await env.context.newPage();
  const ran = [];
  page.on('dialog', async (d) => { ran.push(`dialog: ${d.message()}`); await d.dismiss(); });
  page.on('pageerror', (e) => ran.push(`page error: ${e.message}`));
  await page.setViewportSize({ width, height: 844 });
  await page.goto(pathToFileURL(file).href);
  await page.waitForLoadState('load');
  return { page, ran };
}

async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test('the owner report and the case sheets stay inert and within a phone screen', async () => {
  const { dir, files } = hostileWeek();
  const out = path.join(dir, 'out');
  fs.mkdirSync(out);
  runCli(['analyze', '--quiet', '--as-of', '2026-11-25', '--json', path.join(out, 'report.json'),
    '--html', path.join(out, 'report.html'), '--sheets', path.join(out, 'sheets'), ...files]);
  const report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8'));
  const long = report.findings.find((f) => f.records.some((r) => (r.response_text ?? '').length > 90_000));
  assert.ok(long, 'the 100,000-character cell reached a finding');

  for (const [doc, name] of [[path.join(out, 'report.html'), 'report'], [path.join(out, 'sheets', `${long.id}.html`), 'sheet']]) {
    for (const width of [390, 1366]) {
      const { page, ran } = await openDocument(doc, width);
      assert.deepEqual(ran, [], `${name} at ${width}: nothing runs`);
      assert.equal(await page.locator('img').count(), 0, `${name}: no image element from a file`);
      assert.equal(await page.locator('script').count(), 0, `${name}: no script element`);
      assert.ok((await page.textContent('body')).includes("<script>alert('x')</script>"), `${name}: the planted text is shown as text`);
      assert.ok(await overflow(page) <= 0, `${name} at ${width}: nothing wider than the screen`);
      // The viewport only: the 100,000-character cell makes the document very tall.
      if (width === 390) await page.screenshot({ path: path.join(ARTIFACTS, `safety-${name}-390.png`) });
      await page.close();
    }
  }
});

test('the page shows hostile text inert and within a phone screen', async () => {
  const { files } = hostileWeek();
  const { page, cspErrors } = await openPage(env);
  const ran = [];
  page.on('dialog', async (d) => { ran.push(d.message()); await d.dismiss(); });
  await page.setViewportSize({ width: 390, height: 844 });
  await dropFiles(page, files.map((f) => ({ name: path.basename(f), data: fs.readFileSync(f) })));
  await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor({ timeout: 60_000 });
  await page.getByTestId('findings-table').waitFor();
  assert.deepEqual(ran, [], 'no dialog opened');
  assert.deepEqual(cspErrors, [], 'no page error, no CSP complaint');
  assert.equal(await page.locator('img[src="x"]').count(), 0, 'no image element from a file');
  assert.ok(await overflow(page) <= 0, 'nothing wider than the screen');
  await page.screenshot({ path: path.join(ARTIFACTS, 'safety-page-390.png') });
  await page.close();
});
