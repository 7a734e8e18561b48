// End-to-end: a terminal log whose headers the engine does not know is mapped by hand, saved as
// a template, applied automatically after a reload, and exported as a small JSON file that holds
// the mapping only. Nothing leaves the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, DEMO, useBrowser, openPage, dropFiles, screenshot, openFileCards, TILL, tillExport, openMappingPanel, mapTillColumns } from './harness.mjs';

const env = useBrowser('mapping');

const ACQUIRER = '收单对账单_20261108-20261114.csv';
const TERMINAL = '终端交易明细_20261109-20261115.csv';
const CUSTOM = 'till-export.csv';

/** The demo terminal log rewritten with headers no exporter uses: When,Till,Receipt,Ref,Money,Result. */
function customTerminalLog() {
  const lines = fs.readFileSync(path.join(DEMO, TERMINAL), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines.findIndex((l) => l.startsWith('交易时间,'));
  const out = ['When,Till,Receipt,Ref,Money,Result'];
  const amounts = [];
  for (const line of lines.slice(header + 1)) {
    if (!/^\d{4}-\d{2}-\d{2}/.test(line)) continue;
    // Split on commas outside quotes.
    const cells = line.match(/("([^"]*)"|[^,]*)(,|$)/g).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
    const [time, terminal, , stan, rrn, , , , amount, , text] = cells;
    amounts.push(amount);
    out.push([time, terminal, stan, rrn, `"${amount}"`, text].join(','));
  }
  return { text: out.join('\n') + '\n', amounts };
}

function drop(page, files) {
  return dropFiles(page, files.map((f) => ({ name: f.name, data: f.bytes })));
}

async function done(page) {
  await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor({ timeout: 30_000 });
}

test('a file with unknown headers is mapped by hand, saved as a template and applied after a reload', async () => {
  const { page, requests, cspErrors } = await openPage(env);
  await page.waitForLoadState('networkidle');
  const afterLoad = requests.length;

  const custom = customTerminalLog();
  const files = [
    { name: CUSTOM, bytes: Buffer.from(custom.text, 'utf8') },
    { name: ACQUIRER, bytes: fs.readFileSync(path.join(DEMO, ACQUIRER)) },
  ];
  await drop(page, files);
  await done(page);

  // Not understood: no role, no rows used, the error says so in Chinese.
  const card = page.locator(`[data-testid="file-card"][data-file="${CUSTOM}"]`);
  assert.equal(await card.getAttribute('data-role'), '');
  assert.equal((await card.getByTestId('rows-used').textContent()).trim(), '0');
  assert.match(await card.getByTestId('file-error').textContent(), /没有找到表头/);
  await card.getByTestId('mapping-toggle').click();
  // The panel's rows are mounted when it opens (a closed panel holds no selectors).
  await card.getByTestId('mapping-row').first().waitFor();
  assert.equal(await card.getByTestId('mapping-row').count(), 6);
  await screenshot(page, 'mapping-1-unknown.png');

  // Map every column by hand, then say what the file is.
  const mapping = { When: 'time', Till: 'terminal_id', Receipt: 'stan', Ref: 'rrn', Money: 'amount', Result: 'response_text' };
  for (const [header, field] of Object.entries(mapping)) {
    if (!(await card.getByTestId('mapping-panel').evaluate((d) => d.open))) await card.getByTestId('mapping-toggle').click();
    await card.locator(`select[data-testid="mapping-select"][data-header="${header}"]`).selectOption(field);
    await done(page);
  }
  await card.getByTestId('role-select').selectOption('terminal_log');
  await done(page);
  assert.equal(await card.getAttribute('data-role'), 'terminal_log');
  const used = Number((await card.getByTestId('rows-used').textContent()).trim());
  assert.equal(used, custom.amounts.length, 'every row of the log is used');
  assert.equal(await card.getByTestId('file-error').count(), 0);
  assert.match(await card.getByTestId('mapping-edited').textContent(), /列映射已修改/);
  // Findings appear together with the acquirer statement (the timed-out 1,580.00 was charged).
  await page.getByTestId('findings-table').waitFor();
  assert.ok(await page.locator('[data-testid="finding-row"][data-kind="charged_but_failed"]').count() >= 1);
  for (const [header, field] of Object.entries(mapping)) {
    assert.equal(await card.locator(`select[data-testid="mapping-select"][data-header="${header}"]`).inputValue(), field);
  }
  await screenshot(page, 'mapping-2-mapped.png');

  // Save as a template.
  if (!(await card.getByTestId('mapping-panel').evaluate((d) => d.open))) await card.getByTestId('mapping-toggle').click();
  await card.getByTestId('template-name').fill('收银机导出');
  await card.getByTestId('save-template').click();
  await done(page);
  assert.equal((await card.getByTestId('template-applied').textContent()).trim(), '已套用模板：收银机导出');
  assert.equal(await page.getByTestId('template-item').count(), 1);

  // Reload: the template is kept in localStorage and applied to the same file automatically.
  const beforeReload = requests.length;
  await page.reload();
  await page.getByTestId('dropzone').waitFor();
  await page.waitForLoadState('networkidle');
  const afterReload = requests.length;
  await drop(page, files);
  await done(page);
  await openFileCards(page);
  const again = page.locator(`[data-testid="file-card"][data-file="${CUSTOM}"]`);
  assert.equal((await again.getByTestId('template-applied').textContent()).trim(), '已套用模板：收银机导出');
  assert.equal(await again.getAttribute('data-role'), 'terminal_log');
  assert.equal(Number((await again.getByTestId('rows-used').textContent()).trim()), custom.amounts.length);
  assert.equal(await again.getByTestId('role-select').inputValue(), '', 'the role comes from the template, not an override');
  await page.getByTestId('findings-table').waitFor();
  await screenshot(page, 'mapping-3-template-applied.png');

  // Export the templates: the signature and the mapping, no statement data.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-templates').click()]);
  const saved = fs.readFileSync(await download.path(), 'utf8');
  const parsed = JSON.parse(saved);
  assert.equal(parsed.schema, 'posrecon.templates/v1');
  assert.equal(parsed.templates.length, 1);
  assert.equal(parsed.templates[0].header_signature, 'when|till|receipt|ref|money|result');
  assert.equal(parsed.templates[0].role, 'terminal_log');
  assert.deepEqual(parsed.templates[0].columns, Object.fromEntries(Object.entries(mapping).map(([h, f]) => [f, h])));
  for (const amount of custom.amounts) assert.ok(!saved.includes(amount), `amount ${amount} leaked into the templates file`);
  assert.doesNotMatch(saved, /309140500|10086602|\*{6}|2026-11/, 'no statement data in the templates file');
  assert.ok(saved.length < 1000, `templates file is small (${saved.length} bytes)`);

  // Settings panel opens and shows its inputs (kept in this browser).
  await page.getByTestId('settings-toggle').click();
  await page.getByTestId('settings-cycle').waitFor();
  await screenshot(page, 'mapping-4-templates-settings.png');

  // Nothing went anywhere after load (blob: downloads are not network).
  const network = (list) => list.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(network(requests.slice(afterLoad, beforeReload)), []);
  assert.deepEqual(network(requests.slice(afterReload)), []);
  assert.deepEqual(cspErrors, []);
});

/** The file card alone (the page's full-length shot is too tall to read the panel in). */
async function cardShot(card, name) {
  await card.screenshot({ path: path.join(ARTIFACTS, name) });
}

async function phoneFits(page, card, name) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(200);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `page is ${width}px wide on a 390px phone`);
  const box = await card.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 390, `the card fits the phone (${box.x}+${box.width})`);
  await screenshot(page, name);
  await cardShot(card, name.replace('.png', '-card.png'));
  await page.setViewportSize({ width: 1366, height: 900 });
}

test('a till\'s own status words: preview, warning, value mapping 好了 → success, saved with the template', async () => {
  const { page, requests, cspErrors } = await openPage(env);
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.waitForLoadState('networkidle');
  const afterLoad = requests.length;
  await drop(page, [{ name: TILL, bytes: Buffer.from(tillExport(), 'utf8') }]);
  await done(page);
  const card = page.locator(`[data-testid="file-card"][data-file="${TILL}"]`);
  await openMappingPanel(card);
  await card.getByTestId('mapping-row').first().waitFor();

  // Map the columns correctly, as the merchant in the issue did.
  await mapTillColumns(page, card, done);

  // The preview shows what the engine made of it: every row 结果待定, and says so before the
  // merchant trusts the money, on the card and in the preview.
  const preview = card.getByTestId('mapping-preview');
  await preview.waitFor();
  assert.equal(await card.getByTestId('mapping-counts').getAttribute('data-unknown'), '10');
  assert.equal(await preview.getByTestId('preview-row').count(), 5);
  assert.equal(await preview.getByTestId('preview-row').first().getAttribute('data-outcome'), 'unknown');
  assert.match(await preview.getByTestId('preview-row').first().textContent(), /^第 2 行.*120\.50.*好了/);
  assert.match(await card.getByTestId('mapping-counts').textContent(), /^读取 10 行：/);
  const warnings = card.getByTestId('mapping-warning');
  assert.equal(await warnings.count(), 2);
  for (const place of ['card', 'preview']) {
    assert.equal(
      (await card.locator(`[data-testid="mapping-warning"][data-place="${place}"]`).textContent()).trim(),
      '10 行中 10 行结果待定：请检查状态列的取值对应',
    );
  }
  const good = card.locator('[data-testid="value-row"][data-value="好了"]');
  assert.equal(await good.getAttribute('data-read-as'), 'unknown');
  assert.equal(await good.locator('td.num').textContent(), '9');
  const pendingBefore = Number((await page.locator('[data-testid="kind-count"][data-kind="pending_outcome"]').textContent()).trim());
  assert.equal(pendingBefore, 10, 'all ten rows counted as 结果待定');
  await card.scrollIntoViewIfNeeded();
  await preview.scrollIntoViewIfNeeded();
  await screenshot(page, 'mapping-5-values-unmapped-1366.png');
  await cardShot(card, 'mapping-5-values-unmapped-1366-card.png');
  await phoneFits(page, card, 'mapping-6-values-unmapped-390.png');

  // 好了 means success: the preview, the counts and the findings change, the warning goes.
  await openMappingPanel(card);
  await card.locator('select[data-testid="value-select"][data-value="好了"]').selectOption('approved');
  await done(page);
  await openMappingPanel(card);
  await preview.waitFor();
  assert.equal(await card.getByTestId('mapping-counts').getAttribute('data-approved'), '9');
  assert.equal(await card.getByTestId('mapping-counts').getAttribute('data-unknown'), '1');
  assert.equal(await preview.getByTestId('preview-row').first().getAttribute('data-outcome'), 'approved');
  assert.equal(await card.getByTestId('mapping-warning').count(), 0);
  assert.equal(await good.getAttribute('data-mapped'), 'true');
  assert.equal(await card.locator('select[data-testid="value-select"][data-value="好了"]').inputValue(), 'approved');
  const pendingAfter = Number((await page.locator('[data-testid="kind-count"][data-kind="pending_outcome"]').textContent()).trim());
  assert.equal(pendingAfter, 1, 'only the 没付上 payment is left to confirm');
  // 没付上: the merchant knows it took no money.
  await card.locator('select[data-testid="value-select"][data-value="没付上"]').selectOption('declined');
  await done(page);
  await openMappingPanel(card);
  assert.equal(await card.getByTestId('mapping-counts').getAttribute('data-unknown'), '0');
  await preview.scrollIntoViewIfNeeded();
  await screenshot(page, 'mapping-7-values-mapped-1366.png');
  await cardShot(card, 'mapping-7-values-mapped-1366-card.png');
  await phoneFits(page, card, 'mapping-8-values-mapped-390.png');

  // Saved with the template, exported with it, applied again after a reload.
  await openMappingPanel(card);
  await card.getByTestId('template-name').fill('收银机（好了）');
  await card.getByTestId('save-template').click();
  await done(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-templates').click()]);
  const saved = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(saved.schema, 'posrecon.templates/v1');
  const template = saved.templates.find((t) => t.name === '收银机（好了）');
  assert.deepEqual(template.status_values, { 好了: 'approved', 没付上: 'declined' });
  await page.reload();
  await page.getByTestId('dropzone').waitFor();
  await drop(page, [{ name: TILL, bytes: Buffer.from(tillExport(), 'utf8') }]);
  await done(page);
  await openFileCards(page);
  const again = page.locator(`[data-testid="file-card"][data-file="${TILL}"]`);
  assert.equal((await again.getByTestId('template-applied').textContent()).trim(), '已套用模板：收银机（好了）');
  assert.equal(await page.locator('[data-testid="kind-count"][data-kind="pending_outcome"]').count() === 0
    || (await page.locator('[data-testid="kind-count"][data-kind="pending_outcome"]').textContent()).trim() === '0', true);
  assert.equal(await again.getByTestId('mapping-warning').count(), 0);

  const network = (list) => list.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:') && !u.startsWith(env.server.origin));
  assert.deepEqual(network(requests.slice(afterLoad)), []);
  assert.deepEqual(cspErrors, []);
});
