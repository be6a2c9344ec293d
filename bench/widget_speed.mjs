// The widget rows of bench/speed: the wasm build in headless Chromium (Debian's chromium driven
// by web/'s playwright-core, pages served by web/tools/serve.mjs). Measures cold start (a fresh
// browser context navigating to the demo, up to its first `tact-score` event; and loadTact()
// alone once the files are fetched), Tact.score() per call at three reply lengths, and the gzip
// size of what a page embedding the widget loads (as web/test/size.test.mjs counts it).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { constants, gzipSync } from 'node:zlib';

import { SAMPLES } from '../web/demo/samples.js';
import { moduleGraph } from '../web/test/helpers.mjs';
import { startServer } from '../web/tools/serve.mjs';

const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));
const CHROMIUM = process.env.TACT_CHROMIUM ?? '/usr/bin/chromium';
const BLANK = '/bench-blank.html';

/** gzip -9 bytes of the wasm, its glue and every module of web/src the widget imports. */
export function pageGzipBytes(wasmDir) {
  const files = [join(wasmDir, 'tact_wasm.wasm'), join(wasmDir, 'tact_wasm.mjs'),
    ...moduleGraph('tact-reply-coach.js').map((f) => join(REPO, 'web', 'src', f))];
  let gz = 0;
  for (const f of files) gz += gzipSync(readFileSync(f), { level: constants.Z_BEST_COMPRESSION }).length;
  return gz;
}

/** Why the widget rows cannot run, or null. */
export function widgetMissing(wasmDir) {
  if (!existsSync(join(wasmDir, 'tact_wasm.wasm'))) {
    return `no wasm build in ${wasmDir}: the widget rows need cmake --workflow --preset wasm`;
  }
  if (!existsSync(join(REPO, 'web', 'node_modules', 'playwright-core'))) {
    return 'web/node_modules has no playwright-core: run scripts/setup';
  }
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} not found: run scripts/setup`;
  return null;
}

/** A text of exactly `n` UTF-16 units made of `base` repeated (the samples are all BMP). */
/**
 * loadTact() once the files are fetched, then a first score, timed inside a page served from web/
 * (also bench/load_speed.mjs). Handed to page.evaluate, so it closes over nothing.
 */
export async function timeLoadTact([review, lang]) {
  const { loadTact } = await import('/src/tact.js');
  const createModule = (await import('/src/tact_wasm.mjs')).default;
  const wasmBinary = await (await fetch('/src/tact_wasm.wasm')).arrayBuffer();
  const t0 = performance.now();
  const tact = await loadTact({ createModule, wasmBinary, ...(lang ? { lang } : {}) });
  const t1 = performance.now();
  tact.score(review, 'Merci pour votre avis.');
  return { load: t1 - t0, first: performance.now() - t1 };
}

function sized(base, n) {
  return (base + '\n\n').repeat(Math.ceil(n / (base.length + 2))).slice(0, n);
}

/**
 * Runs the widget measurements. `quick` keeps each to a few samples (smoke test).
 * Resolves to {chromium, coldNavMs[], loadMs[], firstScoreMs[], isolated, rows[], gzipBytes}.
 */
export async function measureWidget({ wasmDir, quick = false }) {
  const { chromium } = await import(
    pathToFileURL(join(REPO, 'web', 'node_modules', 'playwright-core', 'index.mjs')).href);
  // COOP + COEP make the page cross-origin isolated: performance.now() then ticks in 5 µs, not
  // the 100 µs it is coarsened to otherwise, fine enough to time one score() call.
  const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp' };
  const server = await startServer({ wasmDir, headers: isolation });
  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const result = { chromium: browser.version(), coldNavMs: [], loadMs: [], firstScoreMs: [] };
  // A page that loads nothing, for the measurements that import the modules themselves.
  const blank = async (context) => {
    await context.route(`${server.url}${BLANK}`, (route) => route.fulfill({
      status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>bench</title>',
      headers: isolation,
    }));
    const page = await context.newPage();
    await page.goto(`${server.url}${BLANK}`);
    return page;
  };
  try {
    const runs = quick ? 1 : 5;
    for (let i = 0; i < runs; ++i) {
      // A fresh context each time: empty HTTP and code caches, as on a first visit.
      const context = await browser.newContext();
      await context.addInitScript(() => {
        document.addEventListener('tact-score', () => {
          if (window.tactBenchFirstScore === undefined) window.tactBenchFirstScore = performance.now();
        }, true);
      });
      const page = await context.newPage();
      await page.goto(`${server.url}/demo/`);
      await page.waitForFunction(() => window.tactBenchFirstScore !== undefined, null, { timeout: 30000 });
      result.coldNavMs.push(await page.evaluate(() => window.tactBenchFirstScore));
      await context.close();
    }
    for (let i = 0; i < runs; ++i) {
      const context = await browser.newContext();
      const page = await blank(context);
      const r = await page.evaluate(timeLoadTact, [SAMPLES[0].review]);
      result.loadMs.push(r.load);
      result.firstScoreMs.push(r.first);
      await context.close();
    }
    const typical = SAMPLES.find((s) => s.id === 'fr-restaurant') ?? SAMPLES[0];
    const review = sized(SAMPLES.map((s) => s.review).join(' '), 500);
    const cases = [
      { chars: 200, calls: quick ? 20 : 2000 },
      { chars: 2000, calls: quick ? 10 : 600 },
      { chars: 20000, calls: quick ? 3 : 80 },
    ].map((c) => ({ ...c, reply: sized(typical.reply, c.chars) }));
    const context = await browser.newContext();
    const page = await blank(context);
    const measured = await page.evaluate(async ([rev, list]) => {
      const { loadTact } = await import('/src/tact.js');
      const tact = await loadTact();
      const rows = [];
      for (const c of list) {
        for (let i = 0; i < Math.min(20, c.calls); ++i) tact.score(rev, c.reply); // warm-up
        const times = new Float64Array(c.calls);
        let findings = 0;
        const budget = performance.now() + 20000; // a slow machine still ends
        let n = 0;
        for (; n < c.calls && performance.now() < budget; ++n) {
          const t = performance.now();
          findings = tact.score(rev, c.reply).findings.length;
          times[n] = performance.now() - t;
        }
        const sorted = times.subarray(0, n).sort();
        const at = (p) => sorted[Math.min(n - 1, Math.floor(n * p))];
        rows.push({ chars: c.reply.length, calls: n, findings, p50: at(0.5), p95: at(0.95), p99: at(0.99) });
      }
      return { isolated: self.crossOriginIsolated, rows };
    }, [review, cases]);
    await context.close();
    Object.assign(result, measured);
  } finally {
    await browser.close();
    await server.close();
  }
  result.gzipBytes = pageGzipBytes(wasmDir);
  return result;
}
