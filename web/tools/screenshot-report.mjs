// A PNG of the team report for the README: the CLI's insights on web/report/sample-reviews.csv
// poured into the single-file template, opened offline in Debian's chromium (playwright-core).
//
//   node web/tools/screenshot-report.mjs                     CLI: $TACT_CLI, else build/native/native/tact
//   node web/tools/screenshot-report.mjs --insights FILE     an insights JSON instead of the CLI
//   options: --out PNG (web/report/screenshot.png) --lang fr|en --full (whole page; default: the
//            top of the report, 1280 px wide) --html FILE (also keep the filled report)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { buildReport, fillTemplate } from './build-report.mjs';

const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPO_DIR = resolve(WEB_DIR, '..');

const args = process.argv.slice(2);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};

export function cliPath() {
  return resolve(process.env.TACT_CLI ?? join(REPO_DIR, 'build', 'native', 'native', 'tact'));
}

function insightsJson() {
  const file = value('--insights');
  if (file) return readFileSync(file, 'utf8');
  const cli = cliPath();
  if (!existsSync(cli)) throw new Error(`no CLI at ${cli}: build it or set TACT_CLI (or pass --insights FILE)`);
  const run = spawnSync(cli, ['report', join(WEB_DIR, 'report', 'sample-reviews.csv'), '--format', 'json'],
    { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0 && run.status !== 1) throw new Error(`tact report exited with ${run.status}: ${run.stderr}`);
  return run.stdout;
}

const out = resolve(value('--out', join(WEB_DIR, 'report', 'screenshot.png')));
const lang = value('--lang', 'fr');
const html = fillTemplate(buildReport()['report-template.html'], insightsJson());
const dir = mkdtempSync(join(tmpdir(), 'tact-report-shot-'));
const file = join(dir, 'report.html');
writeFileSync(file, html);
if (value('--html')) writeFileSync(value('--html'), html);

const { chromium } = await import('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.TACT_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--font-render-hinting=none'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1600 }, deviceScaleFactor: 1 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${pathToFileURL(file).href}#lang=${lang}`);
  await page.waitForSelector('#tact-report[data-ready=true]', { timeout: 15000 });
  await page.screenshot({ path: out, fullPage: args.includes('--full') });
  if (errors.length) throw new Error(`the page reported errors:\n${errors.join('\n')}`);
  console.log(`screenshot-report: wrote ${out}`);
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
