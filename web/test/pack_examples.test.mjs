// Every example of every built-in pack, run inside the wasm build (tact_scorer_check_examples).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadBuiltTact } from './helpers.mjs';

test('every built-in pack example behaves as written in wasm', async () => {
  const tact = await loadBuiltTact();
  const { count, failures } = tact.checkExamples();
  assert.ok(count > 0, 'no pack example ran: are the built-in packs embedded?');
  assert.deepEqual(failures, [], failures.map((f) => `${f.pack}: ${f.rule}: ${f.message}`).join('\n'));
});
