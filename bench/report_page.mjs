// The report page on a big export, in headless Chromium: time from picking the file to the
// rendered report, how often the progress bar moved, and how responsive the page stayed (the
// longest gap between two ticks of a 50 ms timer on the main thread while the worker scored).
//
//   node bench/report_page.mjs [--rows 100000 | --file FILE] [--wasm-dir build/wasm/dist]
//
// The file repeats web/report/sample-reviews.csv with shifted dates, up to --rows records.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const rows = Number(value('--rows', 100000));
const wasmDir = resolve(value('--wasm-dir', process.env.TACT_WASM_DIR ?? join(REPO, 'build', 'wasm', 'dist')));

const { startServer } = await import(join(REPO, 'web', 'tools', 'serve.mjs'));
const { chromium } = await import(join(REPO, 'web', 'node_modules', 'playwright-core', 'index.mjs'));

// Records of the sample (a record may hold line breaks inside quotes: split on CRLF + a date).
const sample = readFileSync(join(REPO, 'web', 'report', 'sample-reviews.csv'), 'utf8').replace(/^\uFEFF/, '');
const [header, ...records] = sample.split(/\r\n(?=\d{2}\/\d{2}\/\d{4};|\d{4}-\d{2}-\d{2};)/);
const out = [header];
for (let i = 0; out.length <= rows; i += 1) {
  const month = String(1 + (Math.floor(i / records.length) % 12)).padStart(2, '0');
  out.push(records[i % records.length].trimEnd().replace(/^(\d{4})-\d{2}-(\d{2})|^(\d{2})\/\d{2}\/(\d{4})/,
    (m, y, d, d2, y2) => (y ? `${y}-${month}-${d > '28' ? '28' : d}` : `${d2 > '28' ? '28' : d2}/${month}/${y2}`)));
}
// --file: an existing CSV or JSONL file instead of the generated one.
let file = value('--file', '');
let dir = '';
if (!file) {
  dir = mkdtempSync(join(tmpdir(), 'tact-report-bench-'));
  file = join(dir, `reviews-${rows}.csv`);
  writeFileSync(file, `${out.join('\r\n')}\r\n`);
}
const size = readFileSync(file).length;

const server = await startServer({ wasmDir });
const browser = await chromium.launch({
  executablePath: process.env.TACT_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}/demo/report.html`);
  await page.waitForFunction(() => window.tactReportReady === true);
  await page.evaluate(() => {
    const bar = document.getElementById('progress');
    window.tactBench = { moves: 0, maxGap: 0, last: performance.now() };
    new MutationObserver(() => { window.tactBench.moves += 1; }).observe(bar, { attributes: true });
    window.tactBench.timer = setInterval(() => {
      const now = performance.now();
      window.tactBench.maxGap = Math.max(window.tactBench.maxGap, now - window.tactBench.last);
      window.tactBench.last = now;
    }, 50);
  });
  const started = Date.now();
  await page.setInputFiles('#file', file);
  await page.waitForFunction(() => ['done', 'error'].includes(window.tactReportState?.state), null, { timeout: 600000 });
  const scored = Date.now() - started;
  await page.waitForSelector('#report[data-ready=true]', { timeout: 60000 });
  const total = Date.now() - started;
  const result = await page.evaluate(() => {
    clearInterval(window.tactBench.timer);
    const s = window.tactReportState;
    return { state: s.state, error: s.error, rows: s.rows, workerMs: s.ms, moves: window.tactBench.moves, maxGap: Math.round(window.tactBench.maxGap) };
  });
  if (result.state !== 'done') throw new Error(`the page ended in ${result.state}: ${result.error}`);
  console.log(`rows ${result.rows}, file ${(size / 1048576).toFixed(1)} MiB`);
  console.log(`worker (read + score + insights): ${(result.workerMs / 1000).toFixed(1)} s`);
  console.log(`pick to insights: ${(scored / 1000).toFixed(1)} s; to the rendered report: ${(total / 1000).toFixed(1)} s`);
  console.log(`progress bar updates: ${result.moves}; longest main-thread timer gap: ${result.maxGap} ms`);
} finally {
  await browser.close();
  await server.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
