// Per-call cost of the wasm build from JavaScript: µs per Tact.score() (JSON request in,
// encodeInto, tact_score, TextDecoder, JSON.parse) at three reply lengths, p50 and p95, in Node.
//   node bench/wasm_per_call.mjs [--wasm-dir build/wasm/dist] [--json]
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

const fr = SAMPLES.find((s) => s.id === 'fr-colis');
const typical = SAMPLES.find((s) => s.id === 'fr-restaurant');
const long = (typical.reply + '\n\n').repeat(Math.ceil(10240 / typical.reply.length)).slice(0, 10240);
const CASES = [
  { name: 'short', review: fr.review, reply: 'Bonjour, désolés pour le retard !! Camille', n: 4000 },
  { name: 'typical', review: typical.review, reply: typical.reply, n: 2000 },
  { name: 'long', review: typical.review, reply: long, n: 300 },
];

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

const rows = [];
for (const c of CASES) {
  for (let i = 0; i < Math.min(200, c.n); ++i) tact.score(c.review, c.reply); // warm-up
  const times = new Float64Array(c.n);
  let findings = 0;
  for (let i = 0; i < c.n; ++i) {
    const start = performance.now();
    const report = tact.score(c.review, c.reply);
    times[i] = (performance.now() - start) * 1000;
    findings = report.findings.length;
  }
  times.sort();
  rows.push({ name: c.name, chars: c.reply.length, findings, calls: c.n,
              p50: percentile(times, 0.5), p95: percentile(times, 0.95) });
}

if (args.includes('--json')) {
  console.log(JSON.stringify({ loadMs, rows }));
} else {
  console.log(`wasm: ${wasmDir}`);
  console.log(`load (instantiate + compile built-in packs): ${loadMs.toFixed(1)} ms`);
  console.log('| reply | chars | findings | calls | p50 µs | p95 µs |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.chars} | ${r.findings} | ${r.calls} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} |`);
  }
}
