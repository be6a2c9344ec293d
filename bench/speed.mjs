// bench/speed: issue 11's benchmark, in one run on one input file.
//
//   bench/speed [--quick] [--no-install] [--runs N] [--tact BIN] [--parse-only BIN]
//               [--wasm-dir DIR] [--no-widget]
//
// Input: the shared French corpora (../shared/corpus, read at run time, never copied into the
// repo) repeated to at least 30 MB in a temporary directory; native/sample/reviews.jsonl when
// ../shared is absent. --quick: the input once (no repetition), one run per row, a few widget
// samples: a smoke test of the whole command (bench/CMakeLists.txt runs it under ctest).
// --no-install: do not `npm ci` bench/ for the sentiment row (it is skipped, and says so).
// Rows: best of --runs (3) wall times; peak RSS is the largest of the runs (/usr/bin/time).
import { spawnSync } from 'node:child_process';
import {
  closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync,
} from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { measureWidget, widgetMissing } from './widget_speed.mjs';

const BENCH = resolve(fileURLToPath(new URL('.', import.meta.url)));
const REPO = resolve(BENCH, '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const quick = flag('--quick');
const runs = Number(value('--runs', quick ? 1 : 3));
const tact = resolve(value('--tact', join(REPO, 'build', 'native', 'native', 'tact')));
const parseOnly = resolve(value('--parse-only', join(REPO, 'build', 'native', 'bench', 'tact_json_parse_only')));
const wasmDir = resolve(value('--wasm-dir', join(REPO, 'build', 'wasm', 'dist')));
const TIME = '/usr/bin/time';
const MIN_BYTES = 30e6;

for (const [what, path] of [['tact', tact], ['the parse-only baseline', parseOnly]]) {
  if (!existsSync(path)) {
    console.error(`bench/speed: ${what} is not built (${path}): run cmake --workflow --preset native`);
    process.exit(2);
  }
}

// --- the input -------------------------------------------------------------------------------
const corpusDir = join(REPO, '..', 'shared', 'corpus');
const corpora = ['fr_showroomprive_trustpilot.jsonl', 'fr_showroomprive_2025_trustpilot.jsonl']
  .map((f) => join(corpusDir, f)).filter((f) => existsSync(f));
const sources = corpora.length > 0 ? corpora : [join(REPO, 'native', 'sample', 'reviews.jsonl')];
const sourceName = corpora.length > 0 ? 'the shared French corpora' : 'native/sample/reviews.jsonl';
const tmp = mkdtempSync(join(tmpdir(), 'tact-speed-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
const input = join(tmp, 'in.jsonl');
let copies = 0;
{
  const chunks = sources.map((f) => {
    const text = readFileSync(f);
    return text.at(-1) === 10 ? text : Buffer.concat([text, Buffer.from('\n')]);
  });
  const once = Buffer.concat(chunks);
  const fd = openSync(input, 'w');
  let written = 0;
  do {
    writeSync(fd, once);
    written += once.length;
    ++copies;
  } while (!quick && written < MIN_BYTES);
  closeSync(fd);
}
const bytes = statSync(input).size;
const pairs = readFileSync(input, 'latin1').split('\n').filter((l) => l.length > 0).length;

// --- native rows -----------------------------------------------------------------------------
/** Runs argv `runs` times under /usr/bin/time: best wall time, largest peak RSS, the stdouts. */
function timed(argv, { stdout = 'pipe' } = {}) {
  let best = Infinity;
  let rssKb = 0;
  const outs = [];
  const rssFile = join(tmp, 'rss');
  const haveTime = existsSync(TIME);
  for (let i = 0; i < runs; ++i) {
    const full = haveTime ? [TIME, '-f', '%M', '-o', rssFile, ...argv] : argv;
    const sink = stdout === 'null' ? openSync('/dev/null', 'w') : 'pipe';
    const t0 = process.hrtime.bigint();
    const r = spawnSync(full[0], full.slice(1), { stdio: ['ignore', sink, 'pipe'], maxBuffer: 1 << 20 });
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (sink !== 'pipe') closeSync(sink);
    if (r.status !== 0) {
      throw new Error(`${argv.join(' ')} exited with ${r.status}: ${String(r.stderr).slice(0, 500)}`);
    }
    best = Math.min(best, s);
    if (haveTime) rssKb = Math.max(rssKb, Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)));
    outs.push(String(r.stdout ?? ''));
  }
  return { seconds: best, rssKb: haveTime ? rssKb : NaN, outs };
}

/** The best of `runs` of a program that times itself and prints "items bytes seconds". */
function selfTimed(argv) {
  const r = timed(argv);
  const [items, , seconds] = r.outs.map((o) => o.trim().split(/\s+/).map(Number))
    .reduce((best, x) => (x[2] < best[2] ? x : best));
  return { items, seconds, rssKb: r.rssKb };
}

const rows = [];
const tactRow = (threads) => {
  const r = timed([tact, 'score', '--threads', String(threads), input], { stdout: 'null' });
  return { name: `\`tact score --threads ${threads}\``, pairsPerS: pairs / r.seconds,
           mbPerS: bytes / 1e6 / r.seconds, rssKb: r.rssKb, seconds: r.seconds };
};
const t1 = tactRow(1);
const t2 = tactRow(2);
rows.push(t1, t2);

const po = selfTimed([parseOnly, input]);
const parse = { name: 'Boost.JSON parse only (`tact_json_parse_only`)', pairsPerS: po.items / po.seconds,
                mbPerS: bytes / 1e6 / po.seconds, rssKb: po.rssKb, seconds: po.seconds };
rows.push(parse);

let sentiment = null;
let sentimentNote = '';
const sentimentDir = join(BENCH, 'node_modules', 'sentiment');
if (!existsSync(sentimentDir) && !flag('--no-install')) {
  console.error('bench/speed: installing bench/node_modules (npm ci, the sentiment baseline)...');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'],
                      { cwd: BENCH, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) sentimentNote = 'sentiment row skipped: `npm ci` in bench/ failed';
}
if (existsSync(sentimentDir)) {
  const version = JSON.parse(readFileSync(join(sentimentDir, 'package.json'), 'utf8')).version;
  const s = selfTimed([process.execPath, join(BENCH, 'sentiment_speed.mjs'), input]);
  sentiment = { name: `npm \`sentiment\` ${version} (review + reply, JSON.parse)`,
                pairsPerS: s.items / s.seconds, mbPerS: bytes / 1e6 / s.seconds, rssKb: s.rssKb,
                seconds: s.seconds };
  rows.push(sentiment);
} else if (!sentimentNote) {
  sentimentNote = 'sentiment row skipped: bench/node_modules is missing (--no-install)';
}

// --- widget rows -----------------------------------------------------------------------------
let widget = null;
let widgetNote = flag('--no-widget') ? 'widget rows skipped (--no-widget)' : widgetMissing(wasmDir);
if (!widgetNote) {
  try {
    widget = await measureWidget({ wasmDir, quick });
  } catch (error) {
    widgetNote = `widget rows failed: ${error.message.split('\n')[0]}`;
  }
}

// --- the table -------------------------------------------------------------------------------
const git = (a) => spawnSync('git', a, { cwd: REPO, encoding: 'utf8' }).stdout.trim();
const dirty = git(['status', '--porcelain', '--untracked-files=no']) ? ' + changes' : '';
const int = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');
const fix = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const ms = (x) => (x >= 10 ? x.toFixed(1) : x.toFixed(2));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const verdict = (x, target) => (Number.isFinite(x) ? (x >= target ? 'met' : 'not met') : '—');

const out = [];
out.push(`bench/speed${quick ? ' --quick' : ''}: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ` +
         `commit ${git(['rev-parse', '--short', 'HEAD'])}${dirty}, ${cpus().length} × ${cpus()[0]?.model.trim()}, ` +
         `load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
out.push(`input: ${sourceName} ×${copies}: ${int(pairs)} pairs, ${fix(bytes / 1e6)} MB; ` +
         `best of ${runs} run${runs > 1 ? 's' : ''}, peak RSS the largest`);
out.push('');
out.push('| native | pairs/s | MB/s | peak RSS | time |');
out.push('|---|---|---|---|---|');
for (const r of rows) {
  out.push(`| ${r.name} | ${int(r.pairsPerS)} | ${fix(r.mbPerS, 1)} | ${fix(r.rssKb / 1024, 1)} MB | ${fix(r.seconds, 3)} s |`);
}
if (sentimentNote) out.push(`| ${sentimentNote} | | | | |`);
out.push('');
const r1 = sentiment ? t1.pairsPerS / sentiment.pairsPerS : NaN;
const r2 = t1.mbPerS / parse.mbPerS;
const r3 = t2.pairsPerS / t1.pairsPerS;
out.push('| ratio | value | target | |');
out.push('|---|---|---|---|');
out.push(`| Tact 1 thread ÷ sentiment, pairs/s | ${fix(r1)} | ≥ 3 | ${verdict(r1, 3)} |`);
out.push(`| Tact 1 thread ÷ parse only, MB/s | ${fix(r2, 3)} | ≥ 0.25 | ${verdict(r2, 0.25)} |`);
out.push(`| Tact 2 threads ÷ 1 thread | ${fix(r3)} | ≥ 1.8 | ${verdict(r3, 1.8)} |`);
out.push('');
if (widget) {
  const n = widget.coldNavMs.length;
  const range = (xs) => (xs.length > 1 ? ` (${ms(Math.min(...xs))}–${ms(Math.max(...xs))})` : '');
  out.push(`| widget, headless Chromium ${widget.chromium} | p50 | p95 | p99 | target |`);
  out.push('|---|---|---|---|---|');
  out.push(`| cold start: navigation to the first score (/demo/, fresh context), median of ${n} | ` +
           `${ms(median(widget.coldNavMs))} ms${range(widget.coldNavMs)} | | | |`);
  out.push(`| cold start: \`loadTact()\` once the files are fetched, median of ${n} | ` +
           `${ms(median(widget.loadMs))} ms${range(widget.loadMs)} | | | < 30 ms |`);
  out.push(`| first \`score()\` after \`loadTact()\`, median of ${n} | ${ms(median(widget.firstScoreMs))} ms | | | |`);
  for (const row of widget.rows) {
    out.push(`| \`score()\`, ${int(row.chars)}-char reply, 500-char review (${int(row.calls)} calls, ` +
             `${row.findings} findings) | ${ms(row.p50)} ms | ${ms(row.p95)} ms | ${ms(row.p99)} ms | ` +
             `${row.chars === 2000 ? 'p99 < 1 ms' : ''} |`);
  }
  out.push(`| gzip -9 of what a page embedding the widget loads (wasm, glue, web/src modules) | ` +
           `${int(widget.gzipBytes)} B | | | ≤ 100 KB |`);
  if (!widget.isolated) out.push('(the page was not cross-origin isolated: timers are coarsened to 100 µs)');
} else {
  out.push(`widget: ${widgetNote}`);
}
console.log(out.join('\n'));
// A widget run that failed (not one that could not start) is an error, for the smoke test.
if (widgetNote?.startsWith('widget rows failed')) process.exit(1);
