// Widget start-up, several wasm builds alternated in one run: `loadTact()` once the files are
// fetched, in headless Chromium (a fresh context each time, as bench/widget_speed.mjs measures it)
// and in Node (a fresh process each time). Usage:
//   node bench/load_speed.mjs [--rounds N] [--node-only|--chromium-only] [--js-flags F] DIR...
// (--js-flags: V8 flags for both, for diagnosis only, e.g. --liftoff-only).
// where each DIR holds tact_wasm.mjs and tact_wasm.wasm. Prints each build's samples and median.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { startServer } from '../web/tools/serve.mjs';
import { timeLoadTact } from './widget_speed.mjs';

const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));
const CHROMIUM = process.env.TACT_CHROMIUM ?? '/usr/bin/chromium';

const args = process.argv.slice(2);
let rounds = 5;
let node = true;
let browser = true;
let jsFlags = '';
const dirs = [];
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--rounds') rounds = Number(args[++i]);
  else if (args[i] === '--node-only') browser = false;
  else if (args[i] === '--chromium-only') node = false;
  else if (args[i] === '--js-flags') jsFlags = args[++i];
  else dirs.push(resolve(args[i]));
}
if (dirs.length === 0) throw new Error('usage: load_speed.mjs [--rounds N] DIR...');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// Node: one fresh process per sample, loadTact() from web/src with the build's files.
const script = join(mkdtempSync(join(tmpdir(), 'tact-load-')), 'load.mjs');
writeFileSync(script, `
import { readFileSync } from 'node:fs';
const [tactJs, dir] = process.argv.slice(2);
const { loadTact } = await import(tactJs);
const createModule = (await import(dir + '/tact_wasm.mjs')).default;
const wasmBinary = readFileSync(new URL(dir + '/tact_wasm.wasm'));
const t0 = performance.now();
const tact = await loadTact({ createModule, wasmBinary });
const t1 = performance.now();
tact.score('Colis abîmé.', 'Merci pour votre avis.');
console.log(JSON.stringify({ load: t1 - t0 }));
`);
const results = dirs.map(() => ({ node: [], chromium: [] }));
if (node) {
  const tactJs = pathToFileURL(join(REPO, 'web', 'src', 'tact.js')).href;
  for (let r = 0; r < rounds; ++r) {
    dirs.forEach((dir, d) => {
      const out = execFileSync(process.execPath, [...(jsFlags ? jsFlags.split(' ') : []), script, tactJs, pathToFileURL(dir).href]);
      results[d].node.push(JSON.parse(out).load);
    });
  }
}
if (browser) {
  const { chromium } = await import(
    pathToFileURL(join(REPO, 'web', 'node_modules', 'playwright-core', 'index.mjs')).href);
  const servers = await Promise.all(dirs.map((wasmDir) => startServer({ wasmDir })));
  const b = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           ...(jsFlags ? [`--js-flags=${jsFlags}`] : [])],
  });
  try {
    for (let r = 0; r < rounds; ++r) {
      for (let d = 0; d < dirs.length; ++d) {
        const context = await b.newContext();
        await context.route(`${servers[d].url}/bench-blank.html`, (route) => route.fulfill({
          status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>b</title>' }));
        const page = await context.newPage();
        await page.goto(`${servers[d].url}/bench-blank.html`);
        const ms = (await page.evaluate(timeLoadTact, 'Colis abîmé.')).load;
        results[d].chromium.push(ms);
        await context.close();
      }
    }
  } finally {
    await b.close();
    await Promise.all(servers.map((s) => s.close()));
  }
}
dirs.forEach((dir, d) => {
  for (const where of ['node', 'chromium']) {
    const xs = results[d][where];
    if (xs.length === 0) continue;
    console.log(`${where.padEnd(8)} median ${median(xs).toFixed(1).padStart(6)} ms  ` +
      `[${xs.map((x) => x.toFixed(1)).join(', ')}]  ${dir}`);
  }
});
