// Widget start-up, several wasm builds alternated in one run: `loadTact()` once the files are
// fetched, then the first score() of a French text, in headless Chromium (a fresh context each
// time, as bench/widget_speed.mjs measures it) and in Node (a fresh process each time). Usage:
//   node bench/load_speed.mjs [--rounds N] [--node-only|--chromium-only] [--js-flags F]
//                             [--lang L] DIR...
// (--js-flags: V8 flags for both, for diagnosis only, e.g. --liftoff-only; --lang: loadTact({lang}),
// the page declaring its language), where each DIR holds tact_wasm.mjs and tact_wasm.wasm, and
// tact.js when it speaks another ABI than web/src/tact.js (an older build's). Prints each build's
// samples and medians.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
let lang = '';
const dirs = [];
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--rounds') rounds = Number(args[++i]);
  else if (args[i] === '--node-only') browser = false;
  else if (args[i] === '--chromium-only') node = false;
  else if (args[i] === '--js-flags') jsFlags = args[++i];
  else if (args[i] === '--lang') lang = args[++i];
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
const [tactJs, dir, lang] = process.argv.slice(2);
const { loadTact } = await import(tactJs);
const createModule = (await import(dir + '/tact_wasm.mjs')).default;
const wasmBinary = readFileSync(new URL(dir + '/tact_wasm.wasm'));
const t0 = performance.now();
const tact = await loadTact({ createModule, wasmBinary, ...(lang ? { lang } : {}) });
const t1 = performance.now();
tact.score('Colis abîmé.', 'Merci pour votre avis.');
console.log(JSON.stringify({ load: t1 - t0, first: performance.now() - t1 }));
`);
const results = dirs.map(() => ({ node: [], chromium: [], nodeFirst: [], chromiumFirst: [] }));
// The tact.js that speaks each build's ABI.
const tactJsOf = (dir) => (existsSync(join(dir, 'tact.js')) ? join(dir, 'tact.js')
  : join(REPO, 'web', 'src', 'tact.js'));
if (node) {
  for (let r = 0; r < rounds; ++r) {
    dirs.forEach((dir, d) => {
      const out = JSON.parse(execFileSync(process.execPath, [...(jsFlags ? jsFlags.split(' ') : []),
        script, pathToFileURL(tactJsOf(dir)).href, pathToFileURL(dir).href, lang]));
      results[d].node.push(out.load);
      results[d].nodeFirst.push(out.first);
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
        const tactJs = readFileSync(tactJsOf(dirs[d]), 'utf8');
        await context.route(`${servers[d].url}/src/tact.js`, (route) => route.fulfill({
          status: 200, contentType: 'text/javascript; charset=utf-8', body: tactJs }));
        const page = await context.newPage();
        await page.goto(`${servers[d].url}/bench-blank.html`);
        const { load, first } = await page.evaluate(timeLoadTact, ['Colis abîmé.', lang]);
        results[d].chromium.push(load);
        results[d].chromiumFirst.push(first);
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
    const firsts = results[d][`${where}First`];
    console.log(`${where.padEnd(8)} loadTact() median ${median(xs).toFixed(1).padStart(6)} ms  ` +
      `[${xs.map((x) => x.toFixed(1)).join(', ')}]  ${dir}`);
    console.log(`${''.padEnd(8)} first score() median ${median(firsts).toFixed(1).padStart(6)} ms  ` +
      `[${firsts.map((x) => x.toFixed(1)).join(', ')}]`);
  }
});
