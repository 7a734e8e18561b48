// The case sheets of issue 14 in a real browser: every sheet of the demo week (written by
// `posrecon analyze --sheets`, Chinese and English) fits a 390 px phone without sideways
// scrolling, fits the desktop, and prints to exactly ONE A4 page. Screenshots of one sheet at
// both widths and its PDF are saved under tests/e2e/artifacts/ to be looked at.
// Needs no built page: the sheets are files, opened from disk.
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
const sheets = {};

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  for (const lang of ['zh', 'en']) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `posrecon-sheets-${lang}-`));
    runCli(['analyze', '--as-of', AS_OF, '--lang', lang, '--quiet', '--sheets', dir,
      ...DEMO_FILES.map((f) => path.join(DEMO, f))]);
    sheets[lang] = fs.readdirSync(dir).filter((f) => f.endsWith('.html')).sort()
      .map((f) => path.join(dir, f));
  }
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'posrecon-e2e-sheet-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await context?.close();
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
});

/** Pages in a PDF: page objects (`/Type /Page`, not `/Pages`). */
function pdfPages(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
}

async function open(file, width, height) {
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.setViewportSize({ width, height });
  await page.goto('file://' + file);
  return { page, requests };
}

async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test('every demo case sheet fits a phone and the desktop and prints to one A4 page', async () => {
  for (const lang of ['zh', 'en']) {
    assert.ok(sheets[lang].length >= 9, `${lang}: ${sheets[lang].length} sheets`);
    for (const file of sheets[lang]) {
      const name = `${lang}/${path.basename(file)}`;
      for (const [width, height] of [[390, 844], [1366, 900]]) {
        const { page, requests } = await open(file, width, height);
        assert.ok(await overflow(page) <= 0, `${name} at ${width}px is wider than the screen`);
        assert.deepEqual(requests.filter((u) => !u.startsWith('file://')), [], `${name} fetched something`);
        assert.equal(await page.locator('script').count(), 0, `${name} has a script`);
        if (width === 1366) {
          const pdf = await page.pdf({ format: 'A4', printBackground: true });
          assert.equal(pdfPages(pdf), 1, `${name} prints to ${pdfPages(pdf)} pages`);
        }
        await page.close();
      }
    }
  }
});

test('a double charge sheet at 390 px and at desktop, and its PDF, are saved to look at', async () => {
  for (const lang of ['zh', 'en']) {
    const file = sheets[lang].find((f) => path.basename(f) === 'F0002.html');
    for (const [width, height, label] of [[390, 844, 'phone'], [1366, 900, 'desktop']]) {
      const { page } = await open(file, width, height);
      // The two charges of the double charge are both there, each with its 参考号.
      const text = await page.textContent('body');
      for (const rrn of ['309140500133', '309140500140']) assert.ok(text.includes(rrn), rrn);
      const shot = path.join(ARTIFACTS, `sheet-F0002-${lang}-${label}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      console.log(`screenshot: ${shot}`);
      if (label === 'desktop') {
        const pdfPath = path.join(ARTIFACTS, `sheet-F0002-${lang}.pdf`);
        await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
        console.log(`pdf: ${pdfPath}`);
      }
      await page.close();
    }
  }
});

test('hostile statement text leaves a sheet one inert page that fits a phone', async () => {
  // The demo week with the dropped 1,580.00 sale's 应答信息 replaced by markup, a right-to-left
  // override and a 100,000-character run.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'posrecon-hostile-'));
  const hostile = '\u202e<script>alert(1)</script>"><img src=x onerror=alert(2)>=HYPERLINK("x")' + 'X'.repeat(100000);
  for (const name of DEMO_FILES) {
    // Only the terminal log (UTF-8) is changed; the others are copied byte for byte (GBK).
    if (!name.startsWith('终端交易明细')) {
      fs.copyFileSync(path.join(DEMO, name), path.join(dir, name));
      continue;
    }
    const text = fs.readFileSync(path.join(DEMO, name), 'utf8')
      .replace('"1,580.00",,交易超时', `"1,580.00",,"交易超时${hostile.replaceAll('"', '""')}"`);
    assert.ok(text.includes('onerror'), 'the tampered line is in the file');
    fs.writeFileSync(path.join(dir, name), text);
  }
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'posrecon-hostile-sheets-'));
  runCli(['analyze', '--as-of', AS_OF, '--quiet', '--sheets', out, ...DEMO_FILES.map((f) => path.join(dir, f))]);
  // The sheet of the finding that rests on the tampered line.
  const id = fs.readdirSync(out).filter((f) => f.endsWith('.html'))
    .find((f) => fs.readFileSync(path.join(out, f), 'utf8').includes('onerror'));
  assert.ok(id, 'no sheet shows the tampered line');
  const file = path.join(out, id);
  const text = fs.readFileSync(file.replace(/\.html$/, '.txt'), 'utf8');
  assert.ok([...text].length <= 500, `chat text is ${[...text].length} characters`);
  assert.ok(!text.includes('\u202e'), 'a right-to-left override reached the chat text');
  for (const [width, height] of [[390, 844], [1366, 900]]) {
    const { page, requests } = await open(file, width, height);
    let dialogs = 0;
    page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
    assert.ok(await overflow(page) <= 0, `wider than the screen at ${width}px`);
    assert.equal(await page.locator('script, img').count(), 0, 'markup from the file became elements');
    assert.ok((await page.textContent('body')).includes('<script>alert(1)</script>'), 'shown as text');
    assert.deepEqual(requests.filter((u) => !u.startsWith('file://')), [], 'fetched something');
    if (width === 1366) {
      assert.equal(pdfPages(await page.pdf({ format: 'A4', printBackground: true })), 1);
    } else {
      await page.screenshot({ path: path.join(ARTIFACTS, 'sheet-hostile-phone.png'), fullPage: true });
    }
    assert.equal(dialogs, 0, 'a script ran');
    await page.close();
  }
});
