// End-to-end: working the findings (issue 13) as a shop owner would: search by a card's last 4
// digits, filter by kind with the chips, sort by amount both ways, and on a 390 px phone read
// the findings as cards with nothing wider than the screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useBrowser, openPage, screenshot, ARTIFACTS } from './harness.mjs';

const env = useBrowser('findings');

async function demo(page) {
  await page.getByTestId('demo-button').click();
  await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor({ timeout: 30_000 });
  await page.getByTestId('findings-table').waitFor();
}

/** Saves the top `height` px of the findings section (the full page is too tall to look at). */
async function findingsShot(page, name, height) {
  const box = await page.locator('section.findings').boundingBox();
  const y = box.y + (await page.evaluate(() => window.scrollY));
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: Math.max(0, y - 20), width: page.viewportSize().width, height } });
  console.log(`screenshot: ${file}`);
}

const rows = (page) => page.getByTestId('finding-row');
const rowAttrs = (page, name) => rows(page).evaluateAll((els, n) => els.map((e) => e.getAttribute(n)), name);
const shownLine = async (page) => (await page.getByTestId('findings-shown').innerText()).trim();
const amounts = async (page) => (await page.getByTestId('amount').allInnerTexts()).map((t) => Number(t.replace(/,/g, '')));

/** The page's width against the screen's, and what sticks out when it is wider. */
async function widthCheck(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const wide = [];
    if (doc.scrollWidth > window.innerWidth) {
      for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (r.right > window.innerWidth + 1 && r.width > 0) wide.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.right)}`);
      }
    }
    return { scrollWidth: doc.scrollWidth, viewport: window.innerWidth, wide: wide.slice(0, 8) };
  });
}

async function assertFits(page, state) {
  const w = await widthCheck(page);
  assert.ok(w.scrollWidth <= w.viewport, `${state}: the page is ${w.scrollWidth} px wide on a ${w.viewport} px screen: ${w.wide.join(', ')}`);
}

/** The findings table is no wider than its box (the box would scroll it sideways). */
async function assertTableFits(page, state) {
  const { table, box } = await page.locator('.findings-scroll').evaluate((el) => ({
    table: Math.ceil(el.querySelector('.findings-table').getBoundingClientRect().width),
    box: el.clientWidth,
  }));
  assert.ok(table <= box, `${state}: the findings table is ${table} px wide in a ${box} px box`);
}

test('search by card, chip filters, clear, and sort by amount both ways at 1366 px', async () => {
  const { page, cspErrors } = await openPage(env);
  await page.setViewportSize({ width: 1366, height: 900 });
  await demo(page);

  const total = Number((await page.getByTestId('findings-total').innerText()).trim());
  assert.equal(await rows(page).count(), total);
  assert.equal(await shownLine(page), `显示 ${total} / ${total} 条`);
  assert.equal(await page.getByTestId('clear-filters').count(), 0, 'nothing to clear before a filter');
  // Most urgent first: the high findings lead, and no case is touched yet: every case is open but
  // the late deposit's, whose money arrived (its case closes itself as 已到账).
  assert.equal(await rows(page).first().getAttribute('class'), 'severity-high');
  const kinds = await rowAttrs(page, 'data-kind');
  const statuses = await rowAttrs(page, 'data-status');
  assert.deepEqual(statuses, kinds.map((k) => (k === 'late_deposit' ? 'arrived' : 'open')));

  // The customer's card ends in 1234: only the payments on that card are listed.
  const search = page.getByLabel('搜索问题');
  await search.fill('1234');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="finding-row"]').length === 1);
  const cards = await page.getByTestId('card-or-wallet').allInnerTexts();
  assert.deepEqual(cards.map((c) => c.trim().slice(-4)), ['1234']);
  assert.equal(await shownLine(page), `显示 1 / ${total} 条`);
  assert.match(await rows(page).first().innerText(), /1,580\.00/);

  // The amount as typed on a receipt finds the same sale.
  await search.fill('1,580.00');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="finding-row"]').length === 1);
  await search.fill('999999');
  await page.getByTestId('no-match').waitFor();
  assert.equal(await shownLine(page), `显示 0 / ${total} 条`);

  await page.getByTestId('clear-filters').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="finding-row"]').length === n, total);
  assert.equal(await search.inputValue(), '');
  assert.equal(await page.getByTestId('clear-filters').count(), 0);

  // The kind chips filter, pressed and unpressed.
  const dup = page.locator('[data-testid="kind-filter"][data-kind="duplicate_charge"]');
  const mismatch = page.locator('[data-testid="kind-filter"][data-kind="amount_mismatch"]');
  assert.equal(await dup.getAttribute('aria-pressed'), 'false');
  await dup.click();
  assert.equal(await dup.getAttribute('aria-pressed'), 'true');
  assert.deepEqual(await rowAttrs(page, 'data-kind'), ['duplicate_charge']);
  assert.equal(await shownLine(page), `显示 1 / ${total} 条`);
  await mismatch.click();
  assert.deepEqual((await rowAttrs(page, 'data-kind')).sort(), ['amount_mismatch', 'duplicate_charge']);
  await dup.click();
  assert.deepEqual(await rowAttrs(page, 'data-kind'), ['amount_mismatch']);
  await page.getByTestId('clear-filters').click();
  assert.equal(await mismatch.getAttribute('aria-pressed'), 'false');
  assert.equal(await rows(page).count(), total);

  // Sort by amount: up, down, then back to urgency.
  const header = page.locator('[data-testid="sort-header"][data-sort="amount"]');
  const th = page.locator('th', { has: header });
  const urgency = await rowAttrs(page, 'data-id');
  await header.click();
  assert.equal(await th.getAttribute('aria-sort'), 'ascending');
  const up = await amounts(page);
  assert.deepEqual(up, [...up].sort((a, b) => a - b));
  await header.click();
  assert.equal(await th.getAttribute('aria-sort'), 'descending');
  const down = await amounts(page);
  assert.deepEqual(down, [...up].sort((a, b) => b - a));
  assert.notDeepEqual(down, up);
  await header.click();
  assert.equal(await th.getAttribute('aria-sort'), null);
  assert.deepEqual(await rowAttrs(page, 'data-id'), urgency);

  // By keyboard alone: a header sorts with Enter, a chip presses with Space.
  await header.focus();
  await page.keyboard.press('Enter');
  assert.equal(await th.getAttribute('aria-sort'), 'ascending');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  assert.equal(await th.getAttribute('aria-sort'), null);
  await dup.focus();
  await page.keyboard.press('Space');
  assert.equal(await dup.getAttribute('aria-pressed'), 'true');
  assert.deepEqual(await rowAttrs(page, 'data-kind'), ['duplicate_charge']);
  await page.keyboard.press('Space');
  assert.equal(await rows(page).count(), total);

  // Terminal filter from the other filters.
  await page.getByTestId('more-filters').locator('summary').click();
  await page.getByTestId('filter-terminal').selectOption('10086603');
  const terminals = await page.locator('[data-testid="finding-row"] td.terminal').allInnerTexts();
  assert.ok(terminals.length > 0 && terminals.every((t) => t.trim() === '10086603'), terminals.join());
  await page.getByTestId('clear-filters').click();

  await rows(page).first().getByRole('button').click();
  await assertFits(page, '1366 with a finding open');
  await assertTableFits(page, '1366 with a finding open');
  await screenshot(page, 'findings-1366.png');
  await findingsShot(page, 'findings-1366-section.png', 1300);
  // English words are longer; every finding open.
  await page.getByTestId('lang-toggle').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="findings-shown"]')?.textContent.startsWith('showing'));
  await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor({ timeout: 30_000 });
  for (const row of await rows(page).all()) {
    const button = row.getByRole('button');
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  }
  await assertFits(page, '1366 in English with every finding open');
  await assertTableFits(page, '1366 in English with every finding open');
  await findingsShot(page, 'findings-1366-en-section.png', 1300);
  await page.getByTestId('lang-toggle').click();
  assert.deepEqual(cspErrors, []);
  await page.close();
});

test('on a 390 px phone the findings are cards and nothing is wider than the screen', async () => {
  const { page, cspErrors } = await openPage(env);
  await page.setViewportSize({ width: 390, height: 844 });
  await assertFits(page, 'empty page');
  await demo(page);
  await assertFits(page, 'demo loaded');

  // Cards: no table header row shown, each row laid out as a grid box within the screen.
  const first = rows(page).first();
  assert.equal(await first.evaluate((el) => getComputedStyle(el).display), 'grid');
  assert.equal(await page.locator('.findings-table thead').evaluate((el) => el.getBoundingClientRect().height <= 1), true);
  const box = await first.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 390, `card at ${box.x}+${box.width}`);

  // Every finding opened: details wrap to the screen (the records table scrolls inside).
  for (const row of await rows(page).all()) await row.getByRole('button').click();
  await assertFits(page, 'every finding open');
  await assertTableFits(page, '390 with every finding open');
  const detail = page.locator('.finding-detail .detail').first();
  const d = await detail.boundingBox();
  assert.ok(d.x >= 0 && d.x + d.width <= 390, `details at ${d.x}+${d.width}`);
  await screenshot(page, 'findings-390-open.png');
  await findingsShot(page, 'findings-390-section.png', 1700);

  // Every disclosure on the page open (filters, mapping, settings, templates).
  await page.evaluate(() => document.querySelectorAll('details').forEach((el) => { el.open = true; }));
  await page.waitForTimeout(200);
  await assertFits(page, 'every panel open');

  // Filters on the phone: the sort selector stands in for the headers.
  await page.getByTestId('findings-sort').selectOption('amount-desc');
  const down = await amounts(page);
  assert.deepEqual(down, [...down].sort((a, b) => b - a));
  await page.getByTestId('findings-search').fill('1234');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="finding-row"]').length === 1);
  await assertFits(page, 'searched');
  await page.getByTestId('findings-search').fill('no such thing');
  await page.getByTestId('no-match').waitFor();
  await assertFits(page, 'nothing matches');
  await page.getByTestId('clear-filters').click();

  // A customer's payment checked: its answer and records within the screen too.
  const form = page.getByTestId('check-form');
  await form.getByTestId('check-time').fill('2026-11-09T10:05');
  await form.getByTestId('check-amount').fill('1580');
  await form.getByTestId('check-submit').click();
  await page.locator('section.check[data-state="done"] [data-testid="check-result"]').waitFor({ timeout: 30_000 });
  await assertFits(page, 'a check answered');

  // English words are longer.
  await page.getByTestId('lang-toggle').click();
  await page.locator('[data-testid="analysis-status"][data-state="done"]').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="findings-shown"]')?.textContent.startsWith('showing'));
  await assertFits(page, 'English');
  await assertTableFits(page, '390 in English');
  await screenshot(page, 'findings-390-en.png');
  await page.getByTestId('findings-sort').selectOption('');
  await findingsShot(page, 'findings-390-en-section.png', 1500);
  assert.deepEqual(cspErrors, []);
  await page.close();
});
