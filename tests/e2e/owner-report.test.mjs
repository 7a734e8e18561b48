// End-to-end: the owner's HTML report of the demo week (issue 14), as `posrecon analyze --html`
// writes it, opened in headless Chromium the way the owner would: on a desktop, on a 390 px
// phone (nothing wider than the screen), and printed to A4 (fewer pages than the 20 of the old
// report; the page count is printed). Screenshots of page 1 at desktop and phone width, the
// printed page 1 and the PDF are saved under tests/e2e/artifacts/ to be looked at.
//
// Needs no page build: the report is one self-contained file from the native CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ARTIFACTS, DEMO, DEMO_FILES, runCli } from './harness.mjs';

const AS_OF = '2026-11-25';
let context;
let userDataDir;

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'posrecon-e2e-owner-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1366, height: 1000 },
    locale: 'zh-CN',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await context?.close();
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
});

/** Writes the demo week's report in `lang` with the CLI; returns its path. */
function writeReport(lang) {
  const out = path.join(ARTIFACTS, `owner-report.${lang}.html`);
  runCli(['analyze', '--as-of', AS_OF, '--lang', lang, '--quiet', '--html', out,
    ...DEMO_FILES.map((name) => path.join(DEMO, name))]);
  return out;
}

/** Opens a file and records every request beyond the file itself. */
async function open(file) {
  const page = await context.newPage();
  const url = 'file://' + file;
  const requests = [];
  page.on('request', (r) => { if (r.url() !== url) requests.push(r.url()); });
  await page.goto(url);
  await page.waitForLoadState('load');
  return { page, requests };
}

/** Pages of a PDF Chromium printed: its page objects. */
function pdfPages(bytes) {
  return (bytes.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) || []).length;
}

test('the owner report: page 1 is the answer, no script, nothing fetched', async () => {
  const { page, requests } = await open(writeReport('zh'));
  const scripts = await page.evaluate(() => document.querySelectorAll('script').length);
  assert.equal(scripts, 0);
  const front = await page.locator('section.front').innerText();
  for (const text of ['商户号 898440358120014', '应收未收', '1,313.33', '应退顾客', '596.50', '待确认', '2,299.00', '先处理这几件', '已逾期']) {
    assert.ok(front.includes(text), `page 1 lacks ${text}`);
  }
  // The charts are drawn (the terminal grid of the demo's two terminals over seven days; the
  // deposits of six days, two bars each, under a two-box legend).
  assert.equal(await page.locator('section.period svg.chart rect').count(), 14);
  assert.equal(await page.locator('section.deposits svg.chart rect').count(), 2 + 2 * 6);
  assert.match(await page.locator('section.deposits svg.chart desc').textContent(), /11-10 应到账 2,032\.76 元，实际到账 0\.00 元/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'owner-report-desktop.png') });
  assert.deepEqual(requests, [], 'the report fetched something');
  await page.close();
});

test('on a 390 px phone nothing is wider than the screen', async () => {
  for (const lang of ['zh', 'en']) {
    const { page } = await open(writeReport(lang));
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${lang}: the report is ${overflow}px wider than the phone`);
    // Nothing sticks out of the document either (a wide element inside a scrolling box is fine).
    const wide = await page.evaluate(() => [...document.querySelectorAll('body *')]
      .filter((el) => !el.closest('.scroll') && el.getBoundingClientRect().right > window.innerWidth + 1)
      .map((el) => `${el.tagName}.${el.className}`).slice(0, 5));
    assert.deepEqual(wide, [], `${lang}: elements wider than the phone`);
    if (lang === 'zh') await page.screenshot({ path: path.join(ARTIFACTS, 'owner-report-phone.png') });
    await page.close();
  }
});

test('printed to A4 it takes fewer pages than the old 20, page 1 alone', async () => {
  const { page } = await open(writeReport('zh'));
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  fs.writeFileSync(path.join(ARTIFACTS, 'owner-report.zh.pdf'), pdf);
  const pages = pdfPages(pdf);
  console.log(`owner report (demo week, zh): ${pages} A4 pages`);
  // 11 when written; the old report took 20.
  assert.ok(pages >= 2 && pages <= 12, `${pages} pages`);
  // Page 1 as printed (print styles, A4's width less the margins): the whole answer fits on it.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 711, height: 1047 });
  const front = await page.evaluate(() => document.querySelector('section.front').getBoundingClientRect().height);
  assert.ok(front <= 1047, `page 1's answer is ${front}px, taller than an A4 page`);
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: path.join(ARTIFACTS, 'owner-report-print-page1.png') });
  await page.close();
});
