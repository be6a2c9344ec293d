// The wasm build and the native CLI give the same bytes for the bundled sample file.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { REPO_DIR, loadBuiltTact } from './helpers.mjs';

const SAMPLE = process.env.TACT_SAMPLE_JSONL ?? join(REPO_DIR, 'native', 'sample', 'reviews.jsonl');
const NATIVE = process.env.TACT_NATIVE_BIN ?? join(REPO_DIR, 'build', 'native', 'native', 'tact');

test('native/sample/reviews.jsonl scores to identical lines natively and in wasm', {
  skip: existsSync(NATIVE) ? false
    : `native CLI not built at ${NATIVE} (scripts/test builds it first; or set TACT_NATIVE_BIN)`,
}, async () => {
  assert.ok(existsSync(SAMPLE), `missing ${SAMPLE}`);
  // The CLI exits non-zero when some lines are rejected; its stdout is still complete.
  let native;
  try {
    native = execFileSync(NATIVE, ['score', SAMPLE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  } catch (error) {
    if (typeof error.stdout !== 'string' || error.stdout === '') throw error;
    native = error.stdout;
  }
  const input = readFileSync(SAMPLE, 'utf8').split('\n');
  if (input.at(-1) === '') input.pop();
  const output = native.split('\n');
  if (output.at(-1) === '') output.pop();
  assert.equal(output.length, input.length, 'one output line per input line');

  const tact = await loadBuiltTact();
  let compared = 0;
  input.forEach((line, i) => {
    const expected = output[i];
    if (line.replace(/\r$/, '').trim() === '') {
      assert.match(expected, /"error"/, `line ${i + 1}: blank input should be an error natively`);
      return;
    }
    // The CLI names the line in its error objects; ScoreJson itself does not.
    const nativeLine = expected.replace(/^\{"line":\d+,/, '{');
    assert.equal(tact.scoreJson(line), nativeLine, `line ${i + 1} differs`);
    ++compared;
  });
  assert.ok(compared > 0, 'the sample file has no request line');
});
