// Every example of every built-in pack, run inside the wasm build. The wasm embeds its packs
// without examples (size), so the pack files are loaded with withPacks(): they replace the
// built-in packs of the same identity, rules and all, and carry their examples.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { loadBuiltTact, REPO_DIR } from './helpers.mjs';

function packFiles() {
  const files = [];
  for (const lang of ['fr', 'en']) {
    const dir = join(REPO_DIR, 'core', 'packs', lang);
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith('.json')) files.push({ name: `${lang}/${name}`, json: readFileSync(join(dir, name), 'utf8') });
    }
  }
  return files;
}

function countExamples(files) {
  let n = 0;
  for (const { json } of files) {
    for (const rule of JSON.parse(json).rules ?? []) {
      n += (rule.examples?.match?.length ?? 0) + (rule.examples?.nomatch?.length ?? 0);
    }
  }
  return n;
}

test('the embedded packs carry no examples in the wasm build', async () => {
  const tact = await loadBuiltTact();
  assert.equal(tact.checkExamples().count, 0);
});

test('every pack example behaves as written in wasm', async () => {
  const files = packFiles();
  const tact = (await loadBuiltTact()).withPacks(files);
  const { count, failures } = tact.checkExamples();
  assert.equal(count, countExamples(files), 'every example in the pack files ran');
  assert.ok(count > 500);
  assert.deepEqual(failures, [], failures.map((f) => `${f.pack}: ${f.rule}: ${f.message}`).join('\n'));
});
