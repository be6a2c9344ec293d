// The ABI surface: every name in wasm/exports.txt exists on the module and is used by tact.js
// (tree-sitter's wasm_exports check), and no shipped JavaScript evaluates code from strings.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { GLUE, REPO_DIR, WASM, WEB_DIR, assertBuilt, createModuleFactory } from './helpers.mjs';

const exported = readFileSync(join(REPO_DIR, 'wasm', 'exports.txt'), 'utf8')
  .split('\n').map((s) => s.trim()).filter(Boolean);
const tactJs = readFileSync(join(WEB_DIR, 'src', 'tact.js'), 'utf8');

test('exports.txt names C ABI functions tact_<object>_<verb>', () => {
  assert.ok(exported.length >= 9);
  for (const name of exported) assert.match(name, /^_tact_[a-z0-9_]+$/);
});

test('every exported name exists on the module as a function', async () => {
  const module = await (await createModuleFactory())({ wasmBinary: readFileSync(WASM) });
  for (const name of exported) assert.equal(typeof module[name], 'function', name);
  assert.ok(module.HEAPU8 instanceof Uint8Array);
});

test('tact.js uses every exported name, and no other tact_ function', () => {
  for (const name of exported) assert.ok(tactJs.includes(`module.${name}(`), `tact.js never calls ${name}`);
  const used = new Set(tactJs.match(/_tact_[a-z0-9_]+/g));
  for (const name of used) assert.ok(exported.includes(name), `tact.js calls ${name}, not exported`);
});

test('no eval or new Function in the glue or in web/src', () => {
  assertBuilt();
  const files = [GLUE, ...readdirSync(join(WEB_DIR, 'src')).filter((f) => f.endsWith('.js'))
    .map((f) => join(WEB_DIR, 'src', f))];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    assert.doesNotMatch(text, /new\s+Function\s*\(/, `${file}: new Function`);
    assert.doesNotMatch(text, /(^|[^.\w$])eval\s*\(/, `${file}: eval(`);
    assert.doesNotMatch(text, /setTimeout\s*\(\s*['"`]/, `${file}: setTimeout(string)`);
  }
});

test('only tact.js touches the ABI', () => {
  for (const f of readdirSync(join(WEB_DIR, 'src')).filter((x) => x.endsWith('.js') && x !== 'tact.js')) {
    const text = readFileSync(join(WEB_DIR, 'src', f), 'utf8');
    assert.doesNotMatch(text, /_tact_|HEAPU8/, `${f} reaches into the module`);
  }
});
