// Every example of every built-in pack, run inside the wasm build. The wasm embeds its packs
// without examples (size); the build also compiles them with their examples into an image
// (TACT_EXAMPLES_IMAGE), which this test loads with withImage().
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { loadBuiltTact, REPO_DIR } from './helpers.mjs';

function packFiles() {
  const files = [];
  const root = join(REPO_DIR, 'core', 'packs');
  const langs = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  for (const lang of langs.sort()) {
    const dir = join(root, lang);
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
  const image = readFileSync(process.env.TACT_EXAMPLES_IMAGE ?? join(REPO_DIR, 'build', 'wasm', 'core', 'builtin_examples.tactpack'));
  const tact = (await loadBuiltTact()).withImage(image);
  const { count, failures } = tact.checkExamples();
  assert.equal(count, countExamples(files), 'every example in the pack files ran');
  assert.ok(count > 500);
  assert.deepEqual(failures, [], failures.map((f) => `${f.pack}: ${f.rule}: ${f.message}`).join('\n'));
});
