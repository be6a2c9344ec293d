// Size budget of issue 5: wasm + JS at most 150 KB gzip -9 (goal: under 120 KB), counting
// everything a page embedding the widget loads: the wasm, the Emscripten glue, tact.js and the
// widget's own files (attach.js, tact-reply-coach.js, strings.js).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { constants, gzipSync } from 'node:zlib';

import { GLUE, WASM, WEB_DIR, assertBuilt } from './helpers.mjs';

const BUDGET = 150 * 1024;
const WIDGET = ['attach.js', 'tact-reply-coach.js', 'strings.js'];

function measure(t, files) {
  let raw = 0;
  let gz = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    const zipped = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length;
    raw += bytes.length;
    gz += zipped;
    t.diagnostic(`${basename(file)}: ${bytes.length} B raw, ${zipped} B gzip`);
  }
  return { raw, gz };
}

test('wasm + glue + tact.js + widget fit in 150 KB gzip', (t) => {
  assertBuilt();
  const engine = measure(t, [WASM, GLUE, join(WEB_DIR, 'src', 'tact.js')]);
  const widget = measure(t, WIDGET.map((f) => join(WEB_DIR, 'src', f)));
  t.diagnostic(`engine: ${engine.raw} B raw, ${engine.gz} B gzip (budget ${BUDGET}, ` +
               `${BUDGET - engine.gz} B left)`);
  t.diagnostic(`with the widget: ${engine.gz + widget.gz} B gzip`);
  const total = engine.gz + widget.gz;
  assert.ok(total <= BUDGET, `${total} B gzip is over the ${BUDGET} B budget`);
});
