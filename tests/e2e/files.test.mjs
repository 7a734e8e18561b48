// End-to-end: two different files with the same name. A chain's two terminals both export
// `终端交易明细_….csv`; the merchant drops one, then the other. The second must be kept beside the
// first (under a numbered name, said in a notice), never silently take its place: that lost one
// terminal's findings. The page's figures must equal the CLI's on both files. The same file
// dropped again still replaces itself (one card).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO, useBrowser, openPage, runCli, dropFiles, openFileCards, today, screenshot } from './harness.mjs';

const env = useBrowser('files');
const LOG = '终端交易明细_20261109-20261115.csv';
const ACQ = '收单对账单_20261108-20261114.csv';
const dirs = [];

after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** The demo terminal log cut in two by 终端号: each part with the log's preamble and header. */
function splitLog() {
  const lines = fs.readFileSync(path.join(DEMO, LOG), 'utf8').split('\n');
  const header = lines.findIndex((l) => l.startsWith('交易时间,'));
  const head = lines.slice(0, header + 1);
  const rows = lines.slice(header + 1).filter((l) => /^\d{4}-/.test(l));
  const parts = ['10086602', '10086603'].map((terminal) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'posrecon-e2e-files-'));
    dirs.push(dir);
    const mine = rows.filter((l) => l.split(',')[1] === terminal);
    assert.ok(mine.length > 5, `the demo log has rows of terminal ${terminal}`);
    fs.writeFileSync(path.join(dir, LOG), [...head, ...mine, ''].join('\n'));
    return path.join(dir, LOG);
  });
  return parts;
}

const done = (page) => page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor({ timeout: 30_000 });
const asFile = (p, name = path.basename(p)) => ({ name, data: fs.readFileSync(p) });

test('a second file of a loaded file\'s name is kept beside it, said, and analysed with it', async () => {
  const [first, second] = splitLog();
  const expected = JSON.parse(runCli(['analyze', '--quiet', '--as-of', today(), '--json', '-',
    path.join(DEMO, ACQ), first, second]).toString());
  const alone = JSON.parse(runCli(['analyze', '--quiet', '--as-of', today(), '--json', '-',
    path.join(DEMO, ACQ), first]).toString());
  assert.notEqual(expected.summary.attempts, alone.summary.attempts, 'the second terminal adds attempts');

  const { page, cspErrors } = await openPage(env);
  await dropFiles(page, [asFile(path.join(DEMO, ACQ)), asFile(first)]);
  await done(page);
  assert.equal(await page.getByTestId('attempts').innerText(), String(alone.summary.attempts));

  // Another file: exported later (its own modification time), for the other terminal.
  await dropFiles(page, [{ ...asFile(second), lastModified: 1_763_337_600_000 }]);
  const notice = page.getByTestId('notice');
  await notice.waitFor();
  assert.match(await notice.innerText(), /同名/);
  assert.match(await notice.innerText(), /终端交易明细_20261109-20261115 \(2\)\.csv/);
  await done(page);
  assert.equal(await page.getByTestId('attempts').innerText(), String(expected.summary.attempts));
  assert.equal(await page.getByTestId('findings-total').innerText(), String(expected.findings.length));
  await openFileCards(page);
  const cards = await page.getByTestId('file-card').evaluateAll((cards) => cards.map((c) => c.dataset.file).sort());
  assert.deepEqual(cards, [ACQ, LOG, '终端交易明细_20261109-20261115 (2).csv'].sort());
  await screenshot(page, 'files-same-name.png');

  // The first file dropped again (the same name, size and modification time) is the same file:
  // it takes its own place, no third card, nothing to say.
  await page.getByTestId('notice').getByRole('button').click();
  await dropFiles(page, [asFile(first)]);
  await done(page);
  await page.getByTestId('file-card').first().waitFor();
  const after = await page.getByTestId('file-card').evaluateAll((cards) => cards.map((c) => c.dataset.file).sort());
  assert.deepEqual(after, cards, 'the same three files');
  assert.equal(await page.getByTestId('notice').count(), 0, 'no notice for the same file');
  assert.equal(await page.getByTestId('attempts').innerText(), String(expected.summary.attempts));
  assert.deepEqual(cspErrors, [], 'CSP violations or page errors');
  await page.close();
});
