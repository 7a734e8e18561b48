// End-to-end: terminal health and the cardholder-decline profile (issue 9) as a merchant sees
// them. The three-terminal café's fortnight (tests/golden/three-terminal-cafe) has one terminal
// whose drop rate is far above the others' and a handful of declines that are the card's
// business. The page must show one health card per terminal with the same numbers as the CLI's
// report, the engine's note on the failing terminal, and the decline profile as a profile (not an
// incident), and it must fit a phone's width.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, useBrowser, openPage, dropFiles, filesIn, runCli, today, screenshot } from './harness.mjs';

const env = useBrowser('health');
const CASE = path.join(ROOT, 'tests/golden/three-terminal-cafe');
const FILES = fs.readdirSync(CASE).filter((n) => n !== 'case.json' && n !== 'expected.json').sort();

async function drop(page) {
  await dropFiles(page, filesIn(CASE, FILES));
  await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor({ timeout: 30_000 });
}

function cliReport() {
  const args = ['analyze', '--as-of', today(), '--json', '-', ...FILES.map((f) => path.join(CASE, f))];
  return JSON.parse(runCli(args));
}

test('terminal health shows each terminal with the report numbers, and declines as a profile', async () => {
  const report = cliReport();
  const health = report.terminal_health;
  assert.ok(health && health.terminals.length === 3, 'the CLI reports health for 3 terminals');
  const flagged = health.terminals.filter((t) => t.note).map((t) => t.terminal_id);
  assert.deepEqual(flagged, ['10086602'], 'the CLI flags the failing terminal');

  const { page, cspErrors } = await openPage(env);
  await drop(page);
  const rows = page.getByTestId('terminal-health-row');
  assert.equal(await rows.count(), 3);
  for (const t of health.terminals) {
    const row = page.locator(`[data-testid="terminal-health-row"][data-terminal="${t.terminal_id}"]`);
    const text = await row.innerText();
    // Attempts and dropped counts as the engine computed them, the drop rate with two decimals.
    assert.match(text, new RegExp(`交易\\s*${t.attempts}\\b`), `${t.terminal_id}: ${text}`);
    assert.match(text, new RegExp(`超时/未知\\s*${t.dropped}\\b`), `${t.terminal_id}: ${text}`);
    const rate = `${(t.drop_rate * 100).toFixed(2)}%`;
    assert.equal((await row.getByTestId('drop-rate').textContent()).trim(), rate);
    assert.equal(await row.getByTestId('health-note').count(), t.note ? 1 : 0, t.terminal_id);
  }
  const note = await page.locator('[data-terminal="10086602"] [data-testid="health-note"]').textContent();
  assert.equal(note.trim(), health.terminals.find((t) => t.terminal_id === '10086602').note.title);

  // Declines that are the card's business: a profile with the engine's count, not an incident.
  const declines = report.cardholder_declines;
  assert.ok(declines && declines.declines > 0);
  const profile = await page.getByTestId('cardholder-declines').innerText();
  assert.match(profile, new RegExp(`${declines.declines} 笔`));
  for (const code of Object.keys(declines.response_codes)) assert.ok(profile.includes(code), code);
  const causes = await page.locator('[data-testid="incident"]').evaluateAll((els) => els.map((e) => e.dataset.cause));
  assert.ok(!causes.includes('cardholder'), `declines shown as an incident: ${causes}`);

  await page.getByTestId('terminal-health').scrollIntoViewIfNeeded();
  await screenshot(page, 'health-desktop.png');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(200);
  // The health cards themselves fit the phone: nothing in them reaches past the screen's edge.
  const right = await page.locator('section.health').evaluate((el) =>
    Math.max(...[el, ...el.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right)));
  assert.ok(right <= 390, `terminal health reaches ${right} px on a 390 px phone`);
  await page.getByTestId('terminal-health').screenshot({ path: path.join(ROOT, 'tests/e2e/artifacts/health-phone.png') });

  // English switch: the same cards, in English.
  await page.getByTestId('lang-toggle').click();
  await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor();
  await page.getByText('Terminal health').first().waitFor();
  assert.equal(await page.getByTestId('terminal-health-row').count(), 3);
  assert.deepEqual(cspErrors, []);
  await page.close();
});
