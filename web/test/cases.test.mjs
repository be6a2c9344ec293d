// The shared case files (tests/cases/{fr,en}/*.json, also read by the native tests) through the
// wasm build. Expected offsets are derived from the case text itself, never from the engine:
// begin16 = reply.indexOf(text), end16 = begin16 + text.length.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';

import { REPO_DIR, loadBuiltTact, utf8Offset } from './helpers.mjs';

const CASES_DIR = join(REPO_DIR, 'tests', 'cases');
const files = [];
for (const lang of ['fr', 'en']) {
  const dir = join(CASES_DIR, lang);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.json')) files.push({ lang, name, path: join(dir, name) });
  }
}

let tact;
before(async () => {
  tact = await loadBuiltTact();
});

test('case files exist for both languages', () => {
  for (const lang of ['fr', 'en']) {
    assert.ok(files.some((f) => f.lang === lang), `no case file in tests/cases/${lang}/`);
  }
});

for (const file of files) {
  const cases = JSON.parse(readFileSync(file.path, 'utf8'));
  describe(`${file.lang}/${file.name}`, () => {
    for (const c of cases) {
      test(c.name, () => {
        const report = tact.score(c.review ?? '', c.reply, {
          lang: c.lang ?? file.lang,
          author: c.author,
          business: c.business,
          rating: c.rating,
        });
        const expect = c.expect ?? {};
        for (const [id, status] of Object.entries(expect.criteria ?? {})) {
          const got = report.criteria.find((x) => x.id === id);
          assert.ok(got, `criterion ${id} absent from the report`);
          assert.equal(got.status, status, `criterion ${id}`);
        }
        for (const want of expect.findings ?? []) {
          const begin16 = c.reply.indexOf(want.text);
          assert.ok(begin16 >= 0, `case error: "${want.text}" is not in the reply`);
          const end16 = begin16 + want.text.length;
          const found = report.findings.find(
            (f) => f.rule === want.rule && f.field === 'reply' && f.begin16 === begin16 &&
                   f.end16 === end16);
          assert.ok(found, `expected ${want.rule} on [${begin16}, ${end16}) "${want.text}", got ` +
                           JSON.stringify(report.findings.map((f) => [f.rule, f.begin16, f.end16])));
          assert.equal(found.begin, utf8Offset(c.reply, begin16));
          assert.equal(found.end, utf8Offset(c.reply, end16));
        }
        for (const id of expect.no_findings ?? []) {
          const hit = report.findings.find((f) => f.rule === id || f.criterion === id);
          assert.equal(hit, undefined, `unexpected finding ${JSON.stringify(hit)}`);
        }
      });
    }
  });
}
