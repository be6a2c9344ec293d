// Generates web/src/styles.js from web/src/tact.css: the widget's stylesheet as a string, so a
// page that imports the widget gets its styles with the modules, without a request of its own
// or an inline <style> (attach.js adopts it as a constructable stylesheet). The wasm build runs
// this when tact.css changes; test/styles.test.mjs checks styles.js is up to date.
//
//   node web/tools/gen-styles.mjs            writes web/src/styles.js
//   node web/tools/gen-styles.mjs --check    exits 1 if it is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SRC_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');
export const CSS_FILE = join(SRC_DIR, 'tact.css');
export const STYLES_FILE = join(SRC_DIR, 'styles.js');

/**
 * Drops comments and the whitespace CSS does not need. Enough for tact.css, which keeps to
 * plain rules (no strings, no `a :hover`-style selectors where a space before ':' matters).
 */
export function minifyCss(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();
}

/** The text of styles.js for this CSS. */
export function stylesModule(css) {
  return '// Generated from tact.css by web/tools/gen-styles.mjs: edit tact.css, not this file.\n' +
    `export const CSS = ${JSON.stringify(minifyCss(css))};\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const want = stylesModule(readFileSync(CSS_FILE, 'utf8'));
  let have = null;
  try {
    have = readFileSync(STYLES_FILE, 'utf8');
  } catch {
    // missing: written below
  }
  if (process.argv.includes('--check')) {
    if (have !== want) {
      console.error('gen-styles: web/src/styles.js is out of date: node web/tools/gen-styles.mjs');
      process.exit(1);
    }
  } else {
    writeFileSync(STYLES_FILE, want); // even unchanged: the build compares mtimes
  }
}
