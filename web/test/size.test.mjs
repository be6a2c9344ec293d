// Size budget: wasm + JavaScript, gzip -9, at most 150 KB (goal: under 120 KB).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { constants, gzipSync } from 'node:zlib';

import { GLUE, WASM, WEB_DIR, assertBuilt } from './helpers.mjs';

const BUDGET = 150 * 1024;

test('wasm + glue + widget JavaScript fit in 150 KB gzip', (t) => {
  assertBuilt();
  const files = [WASM, GLUE, ...readdirSync(join(WEB_DIR, 'src')).filter((f) => f.endsWith('.js'))
    .map((f) => join(WEB_DIR, 'src', f))];
  let raw = 0;
  let gz = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    const zipped = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length;
    raw += bytes.length;
    gz += zipped;
    t.diagnostic(`${basename(file)}: ${bytes.length} B raw, ${zipped} B gzip`);
  }
  t.diagnostic(`total: ${raw} B raw, ${gz} B gzip (budget ${BUDGET})`);
  assert.ok(gz <= BUDGET, `${gz} B gzip is over the ${BUDGET} B budget`);
});
