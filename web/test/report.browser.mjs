// The team report in a real browser (Debian's chromium driven by playwright-core):
// 1. the single-file template filled like the CLI does, opened offline (file://): renders, draws
//    its charts, sorts by keyboard, makes no request at all, no CSP violation;
// 2. the demo page (web/demo/report.html, served under the strict CSP): a CSV fixture picked and
//    one dropped are scored in the Web Worker by the report wasm module with the progress bar
//    reaching 100 %, the report shows the same numbers as `tact report --format json` on the same
//    file, cancel stops a bigger file mid-way, and only same-origin page files are ever requested.
//
// Needs: web/node_modules (playwright-core, chartist), chromium; for part 2 the report module
// (tact_report.mjs/.wasm in TACT_WASM_DIR) and the native CLI (TACT_CLI, default
// $TACT_BUILD_DIR/../native/native/tact). Screenshots land in $TACT_BUILD_DIR/artifacts/.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { buildReport, fillTemplate } from '../tools/build-report.mjs';
import { startServer } from '../tools/serve.mjs';
import { BUILD_DIR, WASM_DIR, WEB_DIR } from './helpers.mjs';

const CHROMIUM = process.env.TACT_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = join(BUILD_DIR, 'artifacts');
const CLI = resolve(process.env.TACT_CLI ?? join(BUILD_DIR, '..', 'native', 'native', 'tact'));
const FIXTURE = join(WEB_DIR, 'test', 'fixtures', 'report-small.csv');
// The fixture's own headers, given in the page's mapping inputs and to the CLI's --map.
const MAP = { review: 'Commentaire', reply: 'Reponse', author: 'Client', rating: 'Etoiles' };
const MAP_ARG = Object.entries(MAP).map(([k, v]) => `${k}=${v}`).join(',');

let context;
let profile;
let tmp;
const requests = []; // every request the pages made: {url, method}
const violations = []; // CSP violations reported by the pages

function cliInsights(file, extra = []) {
  assert.ok(existsSync(CLI), `no CLI at ${CLI}: build the native preset or set TACT_CLI`);
  // Exit status 1: some rows were rejected (they are counted in the report).
  const run = spawnSync(CLI, ['report', file, '--format', 'json', ...extra], { encoding: 'utf8', maxBuffer: 256 << 20 });
  assert.ok(run.status === 0 || run.status === 1, `tact report exited with ${run.status}: ${run.stderr}`);
  return run.stdout;
}

before(async () => {
  assert.ok(existsSync(join(WEB_DIR, 'node_modules', 'playwright-core')),
    'playwright-core is not installed in web/node_modules: run scripts/setup');
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} not found: run scripts/setup (Debian chromium)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  tmp = mkdtempSync(join(tmpdir(), 'tact-report-test-'));
  const { chromium } = await import('playwright-core');
  profile = mkdtempSync(join(tmpdir(), 'tact-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'fr-FR',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await context.exposeBinding('tactReportViolation', (_source, text) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.tactReportViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
});

after(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function watch(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

describe('the single-file report, opened offline', () => {
  let page;
  let errors;
  let insights;
  const local = [];

  before(async () => {
    // The CLI's insights on the sample export when the CLI has `report`; else the sample insights.
    let json;
    try {
      json = cliInsights(join(WEB_DIR, 'report', 'sample-reviews.csv'));
    } catch {
      json = readFileSync(join(WEB_DIR, 'report', 'sample-insights.json'), 'utf8');
    }
    insights = JSON.parse(json);
    const file = join(tmp, 'report.html');
    writeFileSync(file, fillTemplate(buildReport()['report-template.html'], json));
    page = await context.newPage();
    errors = watch(page);
    await page.route('**/*', (route) => {
      const url = route.request().url();
      local.push(url);
      if (url === pathToFileURL(file).href) route.continue();
      else route.abort();
    });
    violations.length = 0;
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('#tact-report[data-ready=true]', { timeout: 20000 });
  });

  after(async () => page?.close());

  test('renders the summary with the insights’ numbers and draws every chart as SVG', async () => {
    const values = await page.$$eval('[data-key]', (els) => Object.fromEntries(els.map((e) => [e.dataset.key, e.dataset.value])));
    assert.equal(values.rows, String(insights.rows));
    assert.equal(values.scored, String(insights.scored));
    assert.equal(values.errors, String(insights.errors));
    assert.equal(values.mean, String(insights.score.mean));
    const charts = await page.$$eval('.tr-chart', (els) => els.map((e) => ({
      id: e.id, role: e.getAttribute('role'), label: e.getAttribute('aria-label'), drawn: e.dataset.drawn,
      bars: e.querySelectorAll('.ct-bar, .ct-point').length,
    })));
    assert.ok(charts.length >= 6, JSON.stringify(charts));
    for (const c of charts) {
      assert.equal(c.role, 'img', c.id);
      assert.ok(c.label.length > 20, c.id);
      assert.equal(c.drawn, 'true', c.id);
      assert.ok(c.bars > 0, c.id);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'report-template.png'), fullPage: true });
  });

  test('a table sorts from the keyboard and says so with aria-sort', async () => {
    const header = page.locator('#tr-weakest th').first();
    const button = header.locator('button');
    await button.focus();
    await page.keyboard.press('Enter');
    assert.equal(await header.getAttribute('aria-sort'), 'descending');
    const scores = await page.$$eval('#tr-weakest tbody tr td:first-child', (tds) => tds.map((td) => Number(td.textContent)));
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
    await page.keyboard.press('Space');
    assert.equal(await header.getAttribute('aria-sort'), 'ascending');
  });

  test('switches to English and back', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForSelector('#tact-report[lang=en][data-ready=true]');
    assert.match(await page.locator('h1').first().textContent(), /Team report/);
    await page.getByRole('button', { name: 'Français' }).click();
    await page.waitForSelector('#tact-report[lang=fr]');
  });

  test('made no request but the file itself, no CSP violation, no error', () => {
    assert.deepEqual(local.filter((u) => !u.startsWith('file:')), []);
    assert.equal(local.length, 1, local.join('\n'));
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
  });

  test('the empty template says how to fill it', async () => {
    const file = join(tmp, 'template.html');
    writeFileSync(file, buildReport()['report-template.html']);
    const p = await context.newPage();
    const errs = watch(p);
    await p.goto(pathToFileURL(file).href);
    await p.waitForSelector('#tact-report[data-ready=empty]');
    assert.match(await p.locator('.tr-empty').textContent(), /tact report/);
    assert.deepEqual(errs, []);
    await p.close();
  });
});

describe('the report page of the demo', () => {
  let server;
  const served = []; // paths the test server answered, in order
  const REPORT_MODULE = join(WASM_DIR, 'tact_report.mjs');
  const PAGE_FILES = new Set(['/demo/report.html', '/demo/report-page.css', '/demo/report.js',
    '/report/dist/report.css', '/report/dist/chartist.umd.js', '/report/render.js', '/report/charts.js',
    '/report/worker.js', '/src/tact_report.mjs', '/src/tact_report.wasm']);
  let page;
  let errors;

  before(async () => {
    assert.ok(existsSync(REPORT_MODULE) && existsSync(join(WASM_DIR, 'tact_report.wasm')),
      `no report module in ${WASM_DIR}: build the wasm preset (target tact_report_wasm) or set TACT_WASM_DIR`);
    server = await startServer({ wasmDir: WASM_DIR });
    server.server.on('request', (req) => served.push(new URL(req.url, server.url).pathname));
    await context.route('**/*', (route) => {
      const request = route.request();
      requests.push({ url: request.url(), method: request.method() });
      if (request.url().startsWith(`${server.url}/`)) route.continue();
      else route.abort();
    });
    page = await context.newPage();
    errors = watch(page);
    violations.length = 0;
    const response = await page.goto(`${server.url}/demo/report.html`);
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    await page.waitForFunction(() => window.tactReportReady === true);
  });

  after(async () => {
    await page?.close();
    await server?.close();
  });

  async function fillMapping() {
    await page.locator('#options summary').click();
    for (const [field, column] of Object.entries(MAP)) await page.fill(`#map-${field}`, column);
  }

  /** Forgets the previous run's state, so that waiting for the next one cannot see it. */
  async function resetState() {
    await page.evaluate(() => { window.tactReportState.state = 'test-reset'; });
  }

  async function waitForState(state, timeout = 60000) {
    await page.waitForFunction((s) => window.tactReportState?.state === s, state, { timeout });
  }

  test('a picked CSV: progress reaches 100 %, the report shows the CLI’s numbers', async () => {
    await fillMapping();
    const percents = [];
    await page.exposeFunction('tactSeenPercent', (p) => percents.push(p));
    await page.evaluate(() => {
      const bar = document.getElementById('progress');
      new MutationObserver(() => window.tactSeenPercent(bar.value)).observe(bar, { attributes: true });
    });
    await resetState();
    await page.setInputFiles('#file', FIXTURE);
    await waitForState('done');
    await page.waitForSelector('#report[data-ready=true]');
    const state = await page.evaluate(() => window.tactReportState);
    assert.equal(state.percent, 100);
    assert.equal(await page.locator('#progress').evaluate((e) => e.value), 100);
    assert.equal(percents.at(-1), 100, `the bar went through ${percents.join(', ')}`);
    assert.equal(state.bytes, readFileSync(FIXTURE).length);

    const cli = cliInsights(FIXTURE, ['--map', MAP_ARG]);
    assert.deepEqual(JSON.parse(state.json), JSON.parse(cli), 'the worker’s insights are the CLI’s');
    const expected = JSON.parse(cli);
    const shown = await page.$$eval('#report [data-key]', (els) => Object.fromEntries(els.map((e) => [e.dataset.key, e.dataset.value])));
    assert.deepEqual(shown, {
      rows: String(expected.rows), scored: String(expected.scored), errors: String(expected.errors),
      mean: String(expected.score.mean),
    });
    const bands = await page.$$eval('#report [data-band-count]', (els) => els.map((e) => [e.dataset.bandCount, Number(e.dataset.value)]));
    assert.deepEqual(bands, expected.bands.map((b) => [b.band, b.count]));
    const weakest = await page.$$eval('#tr-weakest tbody tr td:first-child', (tds) => tds.map((td) => Number(td.textContent)));
    assert.deepEqual(weakest, expected.weakest.map((w) => w.score));
    const agentRows = await page.locator('#tr-agents tbody tr').count();
    assert.equal(agentRows, expected.agents.length);
    await page.screenshot({ path: join(ARTIFACTS, 'report-page.png'), fullPage: true });
  });

  test('the sample export (150 rows, dates, agents, stock replies): the CLI’s insights, byte for byte', async () => {
    for (const field of Object.keys(MAP)) await page.fill(`#map-${field}`, '');
    const sample = join(WEB_DIR, 'report', 'sample-reviews.csv');
    await resetState();
    await page.setInputFiles('#file', sample);
    await waitForState('done');
    await page.waitForSelector('#report[data-ready=true]');
    const json = await page.evaluate(() => window.tactReportState.json);
    assert.equal(json, cliInsights(sample).trimEnd());
    const insights = JSON.parse(json);
    assert.ok(insights.templates.length > 0 && insights.trend.periods.length === 3 && insights.agents.length >= 4);
    assert.equal(await page.locator('#tr-templates tbody tr').count(), insights.templates.length);
    assert.equal(await page.locator('#tr-trend tbody tr').count(), insights.trend.periods.length);
  });

  test('the download button saves the insights JSON', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    assert.equal(download.suggestedFilename(), 'tact-insights.json');
    const saved = readFileSync(await download.path(), 'utf8');
    assert.equal(saved, await page.evaluate(() => window.tactReportState.json));
  });

  test('a dropped JSONL file is scored too', async () => {
    const jsonl = [
      { review: 'Colis jamais arrivé.', reply: 'Bonjour, désolés si vous avez été déçu.', rating: 1, date: '2025-11-02' },
      { review: 'Top !', reply: 'Merci beaucoup Léa pour ce retour, à bientôt ! Sophie', rating: 5, date: '2025-11-03' },
    ].map((r) => JSON.stringify(r)).join('\n');
    for (const field of Object.keys(MAP)) await page.fill(`#map-${field}`, '');
    await resetState();
    await page.evaluate((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'avis.jsonl', { type: 'application/x-ndjson' }));
      const zone = document.getElementById('drop');
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, jsonl);
    await waitForState('done');
    const state = await page.evaluate(() => window.tactReportState);
    const file = join(tmp, 'avis.jsonl');
    writeFileSync(file, jsonl);
    assert.deepEqual(JSON.parse(state.json), JSON.parse(cliInsights(file)));
    assert.equal(JSON.parse(state.json).scored, 2);
  });

  test('cancel stops a bigger file mid-way, and no report appears', async () => {
    const rows = readFileSync(FIXTURE, 'utf8').replace(/^\uFEFF/, '').split('\n');
    const header = rows.shift();
    const body = rows.join('\n').trim();
    const big = join(tmp, 'big.csv');
    const parts = [header];
    let size = 0;
    while (size < 12 << 20) { parts.push(body); size += body.length; }
    writeFileSync(big, `${parts.join('\n')}\n`);
    await resetState();
    await page.setInputFiles('#file', big);
    await page.waitForFunction(() => window.tactReportState?.state === 'running' && window.tactReportState.percent > 0,
      null, { timeout: 60000 });
    await page.click('#cancel');
    const state = await page.evaluate(() => window.tactReportState);
    assert.equal(state.state, 'cancelled');
    assert.ok(state.percent < 100, `cancelled at ${state.percent} %`);
    await page.waitForTimeout(1500);
    const later = await page.evaluate(() => window.tactReportState);
    assert.equal(later.percent, state.percent, 'no progress after cancel: the worker is gone');
    assert.equal(await page.locator('#report').evaluate((e) => e.childElementCount), 0);
    assert.match(await page.locator('#status').textContent(), /Annulé/);
    await page.screenshot({ path: join(ARTIFACTS, 'report-page-cancelled.png') });
  });

  test('a CSV without a reply column: the page says why, and shows no report', async () => {
    const file = join(tmp, 'no-reply.csv');
    writeFileSync(file, 'date;note\n2025-11-02;4\n');
    await resetState();
    await page.setInputFiles('#file', file);
    await waitForState('error');
    assert.match(await page.locator('#status').textContent(), /n’a pas pu être lu : ./);
    assert.equal(await page.locator('#status').getAttribute('data-kind'), 'error');
    assert.equal(await page.locator('#report').evaluate((e) => e.childElementCount), 0);
  });

  test('only same-origin page files were requested, all GET, and no CSP violation or error', () => {
    const foreign = requests.filter((r) => !r.url.startsWith(`${server.url}/`));
    assert.deepEqual(foreign, []);
    assert.deepEqual(requests.filter((r) => r.method !== 'GET'), []);
    const unexpected = [...new Set(served)].filter((p) => !PAGE_FILES.has(p));
    assert.deepEqual(unexpected, [], 'the server was asked for files that are not the page’s');
    assert.ok(served.includes('/src/tact_report.wasm'));
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
  });
});
