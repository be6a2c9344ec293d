// Per-call cost of the wasm build from JavaScript: µs per Tact.score() (JSON request in,
// encodeInto, tact_score, TextDecoder, JSON.parse) at three reply lengths, p50 and p95, in Node
// and, with --chromium, also in Debian's chromium (playwright-core from web/node_modules).
//   node bench/wasm_per_call.mjs [--wasm-dir build/wasm/dist] [--chromium] [--json]
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { loadTact } from '../web/src/tact.js';
import { SAMPLES } from '../web/demo/samples.js';

const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const argAt = args.indexOf('--wasm-dir');
const wasmDir = resolve(argAt >= 0 ? args[argAt + 1] : join(repo, 'build', 'wasm', 'dist'));

const createModule = (await import(pathToFileURL(join(wasmDir, 'tact_wasm.mjs')).href)).default;
const t0 = performance.now();
const tact = await loadTact({ createModule, wasmBinary: readFileSync(join(wasmDir, 'tact_wasm.wasm')) });
const loadMs = performance.now() - t0;
const results = { node: { loadMs, rows: [] } };

const fr = SAMPLES.find((s) => s.id === 'fr-colis');
const typical = SAMPLES.find((s) => s.id === 'fr-restaurant');
const long = (typical.reply + '\n\n').repeat(Math.ceil(10240 / typical.reply.length)).slice(0, 10240);
const CASES = [
  { name: 'short', review: fr.review, reply: 'Bonjour, désolés pour le retard !! Camille', n: 4000, batch: 20 },
  { name: 'typical', review: typical.review, reply: typical.reply, n: 2000, batch: 10 },
  { name: 'long', review: typical.review, reply: long, n: 300, batch: 2 },
];

/** Runs the cases with `tact` (a loaded Tact); `now` is performance.now. Also used in the page. */
function runCases(tact, cases) {
  const rows = [];
  for (const c of cases) {
    for (let i = 0; i < Math.min(200, c.n); ++i) tact.score(c.review, c.reply); // warm-up
    // Browsers coarsen performance.now() (100 µs in Chromium without cross-origin isolation),
    // so each sample times a batch of calls and records the mean per call.
    const samples = Math.ceil(c.n / c.batch);
    const times = new Float64Array(samples);
    let findings = 0;
    for (let i = 0; i < samples; ++i) {
      const start = performance.now();
      for (let k = 0; k < c.batch; ++k) findings = tact.score(c.review, c.reply).findings.length;
      times[i] = ((performance.now() - start) * 1000) / c.batch;
    }
    times.sort();
    const at = (p) => times[Math.min(times.length - 1, Math.floor(times.length * p))];
    rows.push({ name: c.name, chars: c.reply.length, findings, calls: samples * c.batch, batch: c.batch,
                p50: at(0.5), p95: at(0.95) });
  }
  return rows;
}

results.node.rows = runCases(tact, CASES);

if (args.includes('--chromium')) {
  const { chromium } = await import(pathToFileURL(join(repo, 'web', 'node_modules', 'playwright-core', 'index.mjs')).href);
  const { startServer } = await import('../web/tools/serve.mjs');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const server = await startServer({ wasmDir });
  const profile = mkdtempSync(join(tmpdir(), 'tact-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.TACT_CHROMIUM ?? '/usr/bin/chromium', headless: true, bypassCSP: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto(`${server.url}/demo/plain.html`);
    results.chromium = await page.evaluate(async ([cases, runSource]) => {
      const { loadTact: load } = await import('/src/tact.js');
      const t1 = performance.now();
      const inPage = await load();
      const ms = performance.now() - t1;
      // runCases is shipped as source; the bench page is served with bypassCSP.
      const run = (0, eval)(`(${runSource})`);
      return { loadMs: ms, rows: run(inPage, cases) };
    }, [CASES, runCases.toString()]);
  } finally {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

if (args.includes('--json')) {
  console.log(JSON.stringify(results));
} else {
  console.log(`wasm: ${wasmDir}`);
  for (const [where, r] of Object.entries(results)) {
    console.log(`\n${where}: load (instantiate + compile built-in packs) ${r.loadMs.toFixed(1)} ms`);
    console.log('| reply | chars | findings | calls (batch) | p50 µs | p95 µs |');
    console.log('|---|---|---|---|---|---|');
    for (const row of r.rows) {
      console.log(`| ${row.name} | ${row.chars} | ${row.findings} | ${row.calls} (${row.batch}) | ${row.p50.toFixed(1)} | ${row.p95.toFixed(1)} |`);
    }
  }
}
