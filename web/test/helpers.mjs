// Shared by the node tests: where the wasm build is, and a loaded Tact.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = resolve(WEB_DIR, '..');
export const WASM_DIR = resolve(process.env.TACT_WASM_DIR ?? join(REPO_DIR, 'build', 'wasm', 'dist'));
export const BUILD_DIR = resolve(process.env.TACT_BUILD_DIR ?? join(REPO_DIR, 'build', 'wasm'));
export const GLUE = join(WASM_DIR, 'tact_wasm.mjs');
export const WASM = join(WASM_DIR, 'tact_wasm.wasm');

/** Throws a clear message when the wasm build is missing. */
export function assertBuilt() {
  if (!existsSync(GLUE) || !existsSync(WASM)) {
    throw new Error(`no wasm build in ${WASM_DIR}: run cmake --workflow --preset wasm ` +
                    '(or set TACT_WASM_DIR)');
  }
}

export async function createModuleFactory() {
  assertBuilt();
  return (await import(pathToFileURL(GLUE).href)).default;
}

/** A Tact over the built-in packs, loaded the way a Node user would (wasmBinary). */
export async function loadBuiltTact() {
  const { loadTact } = await import('../src/tact.js');
  return loadTact({ createModule: await createModuleFactory(), wasmBinary: readFileSync(WASM) });
}

/** The UTF-8 byte offset of UTF-16 index `i` in `text`. */
export function utf8Offset(text, i) {
  return Buffer.byteLength(text.slice(0, i), 'utf8');
}

/**
 * The modules of web/src that `entry` imports, directly or not (static `from './x.js'`): what a
 * page embedding the widget loads besides the wasm and its glue (size test, bench/speed).
 */
export function moduleGraph(entry) {
  const src = join(WEB_DIR, 'src');
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    const text = readFileSync(join(src, name), 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'\.\/([\w.-]+\.js)'/gm)) visit(m[1]);
    for (const m of text.matchAll(/^import\s+'\.\/([\w.-]+\.js)'/gm)) visit(m[1]);
  };
  visit(entry);
  return [...seen];
}
