// The report page's module (dist/tact_report.mjs) gives the same insights, byte for byte, as
// `tact report --format json` on the same file, however the file is cut into chunks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_DIR, WASM_DIR } from './helpers.mjs';

const CLI = process.env.TACT_CLI ?? join(REPO_DIR, 'build', 'native', 'native', 'tact');
const CORPUS = join(REPO_DIR, '..', 'shared', 'corpus', 'fr_showroomprive_2025_trustpilot.jsonl');

async function loadReportModule() {
  const glue = join(WASM_DIR, 'tact_report.mjs');
  assert.ok(existsSync(glue), `no ${glue}: run cmake --workflow --preset wasm`);
  const create = (await import(pathToFileURL(glue).href)).default;
  return create({ wasmBinary: readFileSync(join(WASM_DIR, 'tact_report.wasm')) });
}

function cString(m, ptr) {
  let end = ptr;
  while (m.HEAPU8[end] !== 0) end++;
  return new TextDecoder().decode(m.HEAPU8.subarray(ptr, end));
}

/** Runs a report over `bytes` fed in chunks of the given sizes (cycled). */
function report(m, bytes, options, chunkSizes) {
  const opts = new TextEncoder().encode(JSON.stringify(options));
  const optsPtr = m._tact_malloc(opts.length);
  m.HEAPU8.set(opts, optsPtr);
  const h = m._tact_report_new(optsPtr, opts.length);
  m._tact_free(optsPtr);
  if (h === 0) return { error: cString(m, m._tact_report_error()) };
  let at = 0;
  let i = 0;
  let rows = 0;
  while (at < bytes.length) {
    const n = Math.min(chunkSizes[i++ % chunkSizes.length], bytes.length - at);
    const p = m._tact_malloc(n);
    m.HEAPU8.set(bytes.subarray(at, at + n), p);
    const done = m._tact_report_feed(h, p, n) >>> 0;
    m._tact_free(p);
    if (done === 0xffffffff) {
      const error = cString(m, m._tact_report_error());
      m._tact_report_free(h);
      return { error };
    }
    assert.ok(done >= rows, 'rows done never go back');
    rows = done;
    at += n;
  }
  const out = m._tact_report_finish(h);
  const json = out === 0 ? null : cString(m, out);
  m._tact_report_free(h);
  return { json, rows };
}

function cliReport(file, extra = []) {
  return execFileSync(CLI, ['report', '--format', 'json', ...extra, file], { encoding: 'utf8' });
}

const CSV = '\uFEFFid;Commentaire;star;date;client;reponse\r\n' +
  'a;Colis jamais reçu, service client injoignable.;1;2025-03-01;Sophie M.;"Bonjour Sophie,\n' +
  'nous sommes désolés pour ce colis. Je vous rembourse aujourd\'hui. Léa"\r\n' +
  'b;Super accueil, merci !;5;02/04/2025;Marc;Merci Marc pour ce retour, à bientôt ! Paul\r\n' +
  'bad;row\r\n' +
  'c;Lent.;2;2025-04-03;Zoé;Vous auriez dû venir plus tôt.\r\n';

test('CSV: the same insights as the CLI, whatever the chunks', { skip: !existsSync(CLI) && `no CLI at ${CLI}` }, async (t) => {
  const m = await loadReportModule();
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const file = join(mkdtempSync(join(tmpdir(), 'tact-insights-')), 'pairs.csv');
  const bytes = new TextEncoder().encode(CSV);
  writeFileSync(file, bytes);
  let expected;
  try {
    expected = cliReport(file);
  } catch (e) {
    expected = e.stdout;  // exit 1: a row was rejected, the report is still written
  }
  assert.match(expected, /"rows":4,"scored":3,"errors":1,"error_rows":\[\{"line":5,"error":"row has 2 fields, the header has 6"\}\]/);
  for (const sizes of [[bytes.length], [1], [3, 7], [64]]) {
    const got = report(m, bytes, {}, sizes);
    assert.equal(got.json + '\n', expected, `chunks ${sizes}`);
    assert.equal(got.rows, 4);
  }
});

test('the shared 2025 French corpus: the same insights as the CLI', { skip: (!existsSync(CORPUS) && 'no shared corpus') || (!existsSync(CLI) && `no CLI at ${CLI}`) }, async () => {
  const m = await loadReportModule();
  const bytes = readFileSync(CORPUS);
  const expected = cliReport(CORPUS);
  const got = report(m, bytes, { format: 'auto' }, [65536, 1000, 333]);
  assert.equal(got.json + '\n', expected);
  const insights = JSON.parse(got.json);
  assert.equal(insights.rows, 600);
  assert.ok(insights.templates[0].replies >= 40, 'the stock reply pasted dozens of times is found');
});

test('bad options and a CSV without a reply column are clear errors', async () => {
  const m = await loadReportModule();
  const bytes = new TextEncoder().encode('avis;note\nnul;1\n');
  assert.deepEqual(report(m, bytes, { format: 'xml' }, [100]),
                   { error: "format must be auto, jsonl or csv, not 'xml'" });
  assert.deepEqual(report(m, bytes, { map: { stars: 'note' } }, [100]).error,
                   "unknown field 'stars' in the column map (fields: reply, review, author, rating, date, id, lang, business)");
  assert.deepEqual(report(m, bytes, { lang: 'xx' }, [100]), { error: "unknown language 'xx'" });
  assert.deepEqual(report(m, bytes, {}, [100]),
                   { error: "no reply column in the CSV header (columns: 'avis', 'note'); name it with --map reply=COLUMN" });
  // No options at all (a null pointer) is the defaults.
  const h = m._tact_report_new(0, 0);
  assert.notEqual(h, 0, cString(m, m._tact_report_error()));
  m._tact_report_free(h);
  // Mapped, the same file reads.
  const mapped = report(m, new TextEncoder().encode('avis;texte\nnul;Désolés.\n'),
                        { map: { review: 'avis', reply: 'texte' } }, [5]);
  assert.equal(JSON.parse(mapped.json).scored, 1);
});
