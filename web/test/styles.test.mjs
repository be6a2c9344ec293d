// The widget's styles: web/src/styles.js is what web/tools/gen-styles.mjs makes of tact.css
// (the file pages load is generated, the one people edit is tact.css), and it is CSS the widget
// can adopt without a request or an inline <style>.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { CSS_FILE, STYLES_FILE, minifyCss, stylesModule } from '../tools/gen-styles.mjs';

test('styles.js is up to date with tact.css (node web/tools/gen-styles.mjs)', () => {
  const want = stylesModule(readFileSync(CSS_FILE, 'utf8'));
  assert.equal(readFileSync(STYLES_FILE, 'utf8'), want,
    'web/src/styles.js is out of date: run node web/tools/gen-styles.mjs (or build the wasm preset)');
});

test('styles.js exports the CSS string and nothing else', async () => {
  const module = await import('../src/styles.js');
  assert.deepEqual(Object.keys(module), ['CSS']);
  assert.equal(typeof module.CSS, 'string');
  assert.ok(!module.CSS.includes('/*'), 'comments are stripped');
  // Braces balance and every class the widget's modules draw is styled.
  assert.equal(module.CSS.split('{').length, module.CSS.split('}').length);
  for (const cls of ['tact-field', 'tact-mirror', 'tact-mark', 'tact-tooltip', 'tact-panel',
    'tact-polarity', 'tact-criteria', 'tact-finding', 'tact-sr']) {
    assert.ok(module.CSS.includes(`.${cls}`), cls);
  }
});

test('the minifier keeps what CSS needs', () => {
  assert.equal(minifyCss('/* x */ .a > b ,\n .c :hover { color: red ; margin: 0 auto; }\n'),
    '.a>b,.c :hover{color:red;margin:0 auto}');
  assert.equal(minifyCss('.a li[data-x=y] .b { background: rgba(0, 0, 0, .1) !important; }'),
    '.a li[data-x=y] .b{background:rgba(0,0,0,.1) !important}');
});
