// End-to-end: the export bar. Load the demo, download each export as a merchant would, and check
// the files: JSON is the report the page shows, CSV opens in Excel, XLSX is a workbook, and the
// HTML report is a script-free document worth sending to the acquirer (screenshot saved).
//
// Needs the release build in dist/ (scripts/test.sh builds it first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, useBrowser, openPage, sameOrigin, today, screenshot } from './harness.mjs';

const env = useBrowser('export');

async function shownKindCounts(page) {
  const counts = {};
  for (const el of await page.getByTestId('kind-count').all()) {
    counts[await el.getAttribute('data-kind')] = Number((await el.textContent()).trim());
  }
  return counts;
}

/** Clicks an export button, waits for the browser's download, saves it under artifacts/. */
async function exportFile(page, key) {
  const bar = page.getByTestId('export-bar');
  await page.locator('[data-testid="export-bar"][data-state="idle"]').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByTestId(`export-${key}`).click(),
  ]);
  const name = download.suggestedFilename();
  const saved = path.join(ARTIFACTS, `export-${name}`);
  await download.saveAs(saved);
  assert.equal(await download.failure(), null, `${key} download failed`);
  await page.locator('[data-testid="export-bar"][data-state="idle"]').waitFor();
  assert.equal(await bar.getAttribute('data-state'), 'idle');
  return { name, bytes: fs.readFileSync(saved), saved };
}

test('every export downloads from the page, with no request beyond the demo files', async () => {
  const { page, requests, cspErrors } = await openPage(env);
  await page.waitForLoadState('networkidle');
  const loaded = requests.length;
  // Besides the console messages the harness records, catch violations as the page sees them.
  await page.evaluate(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });

  await page.getByTestId('demo-button').click();
  await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor({ timeout: 30_000 });
  await page.getByTestId('findings-table').waitFor();
  const shown = await shownKindCounts(page);
  assert.ok(Object.keys(shown).length > 0, 'the demo has findings');

  // The four buttons, in Chinese.
  const labels = {};
  for (const key of ['xlsx', 'csv', 'html', 'json']) {
    labels[key] = (await page.getByTestId(`export-${key}`).innerText()).trim();
  }
  assert.deepEqual(labels, { xlsx: '导出 Excel', csv: '导出 CSV', html: '导出 HTML 报告', json: '导出 JSON' });

  const asOf = today();
  const json = await exportFile(page, 'json');
  assert.equal(json.name, `posrecon-报告-${asOf}.json`);
  const report = JSON.parse(json.bytes.toString('utf8'));
  assert.equal(report.schema, 'posrecon.report/v1');
  assert.equal(report.as_of, asOf);
  assert.deepEqual(report.summary.findings_by_kind, shown, 'JSON kind counts = what the page shows');

  const csv = await exportFile(page, 'csv');
  assert.equal(csv.name, `posrecon-报告-${asOf}.csv`);
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const csvText = csv.bytes.subarray(3).toString('utf8');
  assert.ok(csvText.startsWith('编号,问题类型,严重程度,金额(元)'), csvText.slice(0, 80));
  assert.match(csvText, /掉单/);

  const xlsx = await exportFile(page, 'xlsx');
  assert.equal(xlsx.name, `posrecon-报告-${asOf}.xlsx`);
  assert.equal(xlsx.bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'a zip (xlsx) file');

  const html = await exportFile(page, 'html');
  assert.equal(html.name, `posrecon-报告-${asOf}.html`);
  const htmlText = html.bytes.toString('utf8');
  assert.match(htmlText, /掉单/);
  assert.doesNotMatch(htmlText, /<script/i);
  assert.doesNotMatch(htmlText, /https?:\/\//, 'the document refers to nothing outside itself');

  // After load: only the demo files were fetched. Downloads are blob: URLs made in the page.
  const after = requests.slice(loaded);
  const network = after.filter((u) => !u.startsWith('blob:'));
  assert.ok(network.every((u) => sameOrigin(env, u) && new URL(u).pathname.startsWith('/demo/')), `unexpected requests: ${network}`);
  assert.ok(network.some((u) => u.endsWith('/demo/manifest.json')));
  console.log(`requests after load: ${after.length} (${network.length} demo files, ${after.length - network.length} blob: downloads)`);
  assert.deepEqual(cspErrors, [], 'CSP violations or page errors');
  assert.deepEqual(await page.evaluate(() => window.cspViolations), [], 'securitypolicyviolation events');
  await screenshot(page, 'export-bar.png');

  // English labels and file names once switched.
  await page.getByTestId('lang-toggle').click();
  await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor();
  assert.equal((await page.getByTestId('export-xlsx').innerText()).trim(), 'Export Excel');
  assert.equal((await page.getByTestId('export-html').innerText()).trim(), 'Export HTML report');
  const english = await exportFile(page, 'html');
  assert.equal(english.name, `posrecon-report-${asOf}.html`);
  assert.match(english.bytes.toString('utf8'), /Charged but shown as failed/);
  assert.deepEqual(cspErrors, [], 'CSP violations or page errors');
  await page.close();

  // The HTML report as the acquirer will see it.
  const doc = await env.context.newPage();
  const docRequests = [];
  doc.on('request', (r) => docRequests.push(r.url()));
  await doc.goto('file://' + html.saved);
  assert.equal(await doc.locator('script').count(), 0);
  assert.match(await doc.locator('h1').innerText(), /掉单/);
  assert.deepEqual(docRequests.filter((u) => !u.startsWith('file://')), [], 'the document loads nothing');
  await screenshot(doc, 'export-html.png');
  await doc.close();
});
