// The ABI surface: every name in wasm/exports.txt is declared by wasm/tact_wasm.h (and nothing
// else is), exists on the module and is used by tact.js (tree-sitter's wasm_exports check), and
// no shipped JavaScript evaluates code from strings.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { GLUE, REPO_DIR, WASM, WEB_DIR, assertBuilt, createModuleFactory } from './helpers.mjs';

const exported = readFileSync(join(REPO_DIR, 'wasm', 'exports.txt'), 'utf8')
  .split('\n').map((s) => s.trim()).filter(Boolean);
const tactJs = readFileSync(join(WEB_DIR, 'src', 'tact.js'), 'utf8');
const header = readFileSync(join(REPO_DIR, 'wasm', 'tact_wasm.h'), 'utf8');

/** The functions a C header declares: `name(` outside comments and preprocessor lines. */
function declaredFunctions(text) {
  const code = text
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/.*$/gm, '')
    .replace(/^\s*#.*$/gm, '');
  return [...code.matchAll(/\b([A-Za-z_]\w*)\s*\(/g)].map((m) => m[1]);
}

test('exports.txt names C ABI functions tact_<object>_<verb>', () => {
  assert.ok(exported.length >= 9);
  for (const name of exported) assert.match(name, /^_tact_[a-z0-9_]+$/);
});

test('tact_wasm.h declares every exported function and nothing else', () => {
  const declared = declaredFunctions(header);
  const names = exported.map((name) => name.slice(1)); // Emscripten adds the leading underscore
  assert.equal(new Set(declared).size, declared.length, `declared twice: ${declared}`);
  assert.deepEqual([...declared].sort(), [...names].sort());
  const source = readFileSync(join(REPO_DIR, 'wasm', 'tact_wasm.cc'), 'utf8');
  assert.match(source, /^#include "tact_wasm\.h"$/m, 'tact_wasm.cc must include its header');
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
