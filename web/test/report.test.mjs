// The team report's renderer and its single-file template, without a browser:
// - the checked-in web/report/dist/ files are what web/tools/build-report.mjs makes of the sources
//   (the native build embeds the template without running node);
// - the template is self-contained: one placeholder in the right element, no URL to load, a CSP
//   that forbids every request;
// - sample-insights.json renders on a fake DOM that refuses innerHTML and friends, with the right
//   numbers, untrusted text as text, and tables that sort.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { PLACEHOLDER, buildReport, fillTemplate } from '../tools/build-report.mjs';
import { Document } from './fake-dom.mjs';
import { WEB_DIR } from './helpers.mjs';

const REPORT_DIR = join(WEB_DIR, 'report');
const sample = JSON.parse(readFileSync(join(REPORT_DIR, 'sample-insights.json'), 'utf8'));

describe('report template', () => {
  const built = buildReport();

  test('the checked-in web/report/dist files are up to date with their sources', () => {
    for (const [name, text] of Object.entries(built)) {
      const current = readFileSync(join(REPORT_DIR, 'dist', name), 'utf8');
      assert.ok(current === text,
        `web/report/dist/${name} is out of date: run node web/tools/build-report.mjs and commit it`);
    }
  });

  test('holds the placeholder exactly once, as the whole content of #tact-insights', () => {
    const html = built['report-template.html'];
    assert.equal(html.split(PLACEHOLDER).length - 1, 1);
    assert.ok(html.includes(`<script type="application/json" id="tact-insights">${PLACEHOLDER}</script>`));
  });

  test('loads nothing: no src, no href but data:, no url(), no network API, a CSP of default-src none', () => {
    const html = built['report-template.html'];
    assert.doesNotMatch(html, /\ssrc\s*=/i);
    for (const [, url] of html.matchAll(/\shref\s*=\s*"([^"]*)"/gi)) assert.match(url, /^data:/);
    assert.doesNotMatch(html, /url\(/i);
    assert.doesNotMatch(html, /\b(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts)\b/);
    assert.doesNotMatch(html, /\bimport\s*\(/);
    assert.doesNotMatch(html, /<link\s+rel="(stylesheet|preload|modulepreload|prefetch)/i);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(csp, 'a CSP meta');
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:|\*/);
    // Every inline script and style is allowed by its hash, so the CSP is the one in force.
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    assert.equal(scripts.length, 2);
  });

  test('the renderer never parses HTML', () => {
    for (const file of ['report/render.js', 'report/charts.js', 'report/page.js', 'report/worker.js', 'demo/report.js']) {
      let source;
      try {
        source = readFileSync(join(WEB_DIR, file), 'utf8');
      } catch {
        continue; // not written yet
      }
      const code = source.replace(/^\s*\/\/.*$/gm, '');
      assert.doesNotMatch(code, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser/, file);
    }
  });

  test('fillTemplate (what the CLI does) escapes every "<" of the insights', () => {
    const html = fillTemplate(built['report-template.html'], { x: '</script><script>alert(1)</script>' });
    assert.ok(!html.includes(PLACEHOLDER));
    const json = /id="tact-insights">([\s\S]*?)<\/script>/.exec(html)[1];
    assert.ok(!json.includes('<'));
    assert.deepEqual(JSON.parse(json), { x: '</script><script>alert(1)</script>' });
  });
});

async function render(insights, lang) {
  const { renderReport } = await import('../report/render.js');
  const doc = new Document();
  const root = doc.createElement('main');
  doc.documentElement.appendChild(root);
  const result = renderReport(root, insights, { lang });
  await result.charts;
  return root;
}

const byClass = (name) => (e) => (e.getAttribute('class') ?? '').split(' ').includes(name);
const text = (e) => e.textContent.replace(/\s+/g, ' ').trim();

describe('renderReport on a DOM that refuses innerHTML', () => {
  test('renders every section of the sample, in French by default', async () => {
    const root = await render(sample);
    const ids = root.findAll((e) => e.tagName === 'SECTION').map((e) => e.getAttribute('id'));
    assert.deepEqual(ids, ['tr-summary', 'tr-distribution', 'tr-criteria', 'tr-violations', 'tr-groups',
      'tr-agents', 'tr-templates', 'tr-trend', 'tr-weakest', 'tr-best']);
    assert.equal(root.getAttribute('lang'), 'fr');
    assert.match(text(root.find((e) => e.tagName === 'H1')), /Rapport d’équipe/);
    for (const s of root.findAll((e) => e.tagName === 'SECTION')) {
      assert.equal(s.getAttribute('aria-labelledby'), `${s.getAttribute('id')}-title`);
    }
  });

  test('the summary shows the insights’ numbers', async () => {
    const root = await render(sample);
    const value = (key) => root.find((e) => e.getAttribute('data-key') === key);
    assert.equal(value('rows').getAttribute('data-value'), String(sample.rows));
    assert.equal(value('scored').getAttribute('data-value'), String(sample.scored));
    assert.equal(value('errors').getAttribute('data-value'), String(sample.errors));
    assert.equal(value('mean').getAttribute('data-value'), String(sample.score.mean));
    assert.equal(text(value('rows')), '642');
    assert.equal(text(value('mean')), '58,6 / 100'); // French decimal comma
    for (const b of sample.bands) {
      const tile = root.find((e) => e.getAttribute('data-band-count') === b.band);
      assert.equal(tile.getAttribute('data-value'), String(b.count));
    }
  });

  test('tables carry every row of the insights', async () => {
    const root = await render(sample);
    const rowsOf = (id) => root.find((e) => e.getAttribute('id') === id).findAll((e) => e.tagName === 'TBODY')
      .flatMap((b) => b.children);
    assert.equal(rowsOf('tr-weakest').length, sample.weakest.length);
    assert.equal(rowsOf('tr-best').length, sample.best.length);
    assert.equal(rowsOf('tr-templates').length, sample.templates.length);
    assert.equal(rowsOf('tr-agents').length, sample.agents.length);
    assert.equal(rowsOf('tr-trend').length, sample.trend.periods.length);
    assert.equal(rowsOf('tr-criteria').length, sample.criteria.length);
    const violations = root.findAll(byClass('tr-violation'));
    assert.equal(violations.length, sample.violations.length);
    assert.equal(violations[0].findAll((e) => e.tagName === 'Q').length, sample.violations[0].examples.length);
  });

  test('text from reviews stays text: markup in a reply is not an element', async () => {
    const root = await render(sample);
    assert.equal(root.findAll((e) => e.tagName === 'SCRIPT').length, 0);
    assert.ok(text(root.find((e) => e.getAttribute('id') === 'tr-weakest')).includes('<script>alert(1)</script>'));
  });

  test('sortable tables: a button per header, aria-sort on the sorted one, rows reordered', async () => {
    const root = await render(sample);
    const section = root.find((e) => e.getAttribute('id') === 'tr-agents');
    const headers = section.findAll((e) => e.tagName === 'TH');
    const rowNames = () => section.find((e) => e.tagName === 'TBODY').children
      .map((tr) => text(tr.children[0].find(byClass('tr-agent'))));
    assert.deepEqual(rowNames(), ['Camille', 'Julien', 'Sophie', 'Mehdi', '(non signé)']);
    const meanHeader = headers[2];
    const button = meanHeader.find((e) => e.tagName === 'BUTTON');
    assert.equal(button.getAttribute('type'), 'button');
    button.dispatch('click'); // numbers: highest first
    assert.equal(meanHeader.getAttribute('aria-sort'), 'descending');
    assert.deepEqual(rowNames(), ['Camille', 'Sophie', 'Mehdi', 'Julien', '(non signé)']);
    button.dispatch('click');
    assert.equal(meanHeader.getAttribute('aria-sort'), 'ascending');
    assert.deepEqual(rowNames(), ['(non signé)', 'Julien', 'Mehdi', 'Sophie', 'Camille']);
    const nameButton = headers[0].find((e) => e.tagName === 'BUTTON');
    nameButton.dispatch('click'); // text: A to Z
    assert.equal(headers[0].getAttribute('aria-sort'), 'ascending');
    assert.equal(meanHeader.getAttribute('aria-sort'), null);
    assert.deepEqual(rowNames(), ['(non signé)', 'Camille', 'Julien', 'Mehdi', 'Sophie']);
  });

  test('English labels with lang: "en"', async () => {
    const root = await render(sample, 'en');
    assert.equal(root.getAttribute('lang'), 'en');
    assert.match(text(root.find((e) => e.tagName === 'H1')), /Team report/);
    assert.equal(text(root.find((e) => e.getAttribute('data-key') === 'mean')), '58.6 / 100');
  });

  test('without the chart library, every chart falls back to its open data table', async () => {
    const root = await render(sample);
    assert.equal(root.findAll(byClass('ct-chart')).length, 0);
    const details = root.findAll((e) => e.tagName === 'DETAILS' && byClass('tr-data')(e));
    assert.ok(details.length >= 5);
    for (const d of details) assert.ok(d.hasAttribute('open'));
  });

  test('an empty file, a file without dates or agents, and an unknown version', async () => {
    const empty = await render({ ...sample, rows: 0, scored: 0, errors: 0, error_rows: [] });
    assert.match(text(empty), /Aucune réponse notée/);
    const bare = await render({ ...sample, agents: [], templates: [], violations: [], trend: { unit: 'month', periods: [] } });
    assert.match(text(bare.find((e) => e.getAttribute('id') === 'tr-trend')), /Pas de date/);
    assert.match(text(bare.find((e) => e.getAttribute('id') === 'tr-agents')), /Aucune réponse signée/);
    const future = await render({ insights_version: 2 });
    assert.match(text(future), /insights_version/);
  });
});
