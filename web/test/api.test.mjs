// tact.js against the real wasm build: report shape, offsets in both encodings, packs, errors,
// memory growth and disposal.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { loadTact } from '../src/tact.js';
import { REPO_DIR, WASM, createModuleFactory, loadBuiltTact, utf8Offset } from './helpers.mjs';

let tact;
before(async () => {
  tact = await loadBuiltTact();
});

function assertSpansConsistent(reply, report) {
  for (const f of report.findings) {
    if (typeof f.begin16 !== 'number') {
      assert.equal(f.begin, undefined, `${f.rule}: UTF-8 span without a UTF-16 one`);
      continue;
    }
    const text = f.field === 'reply' ? reply : null;
    if (text === null) continue;
    assert.ok(f.begin16 <= f.end16 && f.end16 <= text.length, `${f.rule}: span out of range`);
    assert.equal(f.begin, utf8Offset(text, f.begin16), `${f.rule}: begin vs begin16`);
    assert.equal(f.end, utf8Offset(text, f.end16), `${f.rule}: end vs end16`);
  }
}

describe('report', () => {
  test('has the spec fields, rubric criteria and weights summing to 100', () => {
    const report = tact.score('Colis abîmé.', 'Bonjour, merci pour votre retour.', { lang: 'fr' });
    assert.equal(typeof report.score, 'number');
    assert.ok(report.score >= 0 && report.score <= 100);
    assert.ok(['rework', 'fair', 'good', 'excellent'].includes(report.band));
    assert.equal(report.lang, 'fr');
    assert.deepEqual(
      report.criteria.map((c) => c.id),
      ['thanks', 'apology', 'understanding', 'solution', 'private_channel', 'greeting',
       'signature', 'length'],
    );
    assert.equal(report.criteria.reduce((sum, c) => sum + c.weight, 0), 100);
    assert.ok(Array.isArray(report.findings));
    assert.ok(Array.isArray(report.flags));
    assert.equal(typeof report.review.refusal, 'boolean');
  });

  test('spans after accents, emoji and line breaks index the JS string', () => {
    const reply = 'Élodie 👋🏽 — déçue ?\n\nC’est NOTRE faute, vraiment !! Désolés 😕 !!';
    const report = tact.score('', reply, { lang: 'fr' });
    const shouts = report.findings.filter((f) => f.criterion === 'shouting' && f.begin16 !== undefined);
    assert.ok(shouts.length > 0, `no shouting finding in ${JSON.stringify(report.findings)}`);
    for (const f of shouts) assert.match(reply.slice(f.begin16, f.end16), /!!|NOTRE/);
    const bang = reply.indexOf('!!');
    assert.ok(shouts.some((f) => f.begin16 === bang && f.end16 === bang + 2));
    assertSpansConsistent(reply, report);
  });

  test('options reach the core: lang forces the language, id is echoed', () => {
    const reply = 'Thank you for your feedback, we are sorry.';
    assert.equal(tact.score('', reply, { lang: 'fr' }).lang, 'fr');
    assert.equal(tact.score('', reply, { lang: 'en' }).lang, 'en');
    assert.equal(tact.score('', reply, { id: 'r-1' }).id, 'r-1');
  });

  test('business reaches the core as one string or a list, rating as a number', () => {
    // A mobile number is the customer's unless the business says it is its own.
    const reply = 'We tried 07700 900018 this morning.';
    const pii = (options) => tact.score('', reply, { lang: 'en', ...options }).findings
      .filter((f) => f.criterion === 'pii').length;
    assert.ok(pii({}) > 0, 'a number that is not the business\'s is flagged');
    assert.equal(pii({ business: '07700 900018' }), 0);
    assert.equal(pii({ business: ['Acme', '07700 900018'] }), 0);
    const review = 'Accueil adorable, repas délicieux, on reviendra !';
    const thanks = 'Merci beaucoup Julie, à très bientôt !';
    const expected = JSON.parse(tact.scoreJson({ review, reply: thanks, rating: 5 }));
    for (const rating of [5, '5']) assert.deepEqual(tact.score(review, thanks, { rating }), expected);
    assert.throws(() => tact.score(review, thanks, { rating: 6 }), /rating/);
  });

  test('a lone surrogate is scored as U+FFFD without shifting offsets', () => {
    const reply = `Bonjour \ud83d !! merci`;
    const report = tact.score('', reply, { lang: 'fr' });
    const bang = report.findings.find((f) => f.criterion === 'shouting' && f.begin16 !== undefined);
    assert.ok(bang, JSON.stringify(report.findings));
    assert.equal(bang.begin16, reply.indexOf('!!'));
  });

  test('an invalid request throws an Error carrying the core message', () => {
    assert.throws(() => tact.score('', 'Merci', { rating: 9 }), /rating/);
    const line = JSON.parse(tact.scoreJson({ id: 3, review: 'x' }));
    assert.equal(line.id, 3);
    assert.match(line.error, /reply/);
  });

  test('a 1 MB reply grows memory, is cut and flagged, and later calls still work', () => {
    const big = 'Nous sommes désolés pour ce retard. '.repeat(30000);
    assert.ok(big.length > 1_000_000);
    const report = tact.score('', big, { lang: 'fr' });
    assert.ok(report.flags.includes('truncated'), JSON.stringify(report.flags));
    const small = tact.score('', 'Merci !! ', { lang: 'fr' });
    assert.ok(small.findings.some((f) => f.criterion === 'shouting' && f.begin16 === 6));
  });
});

describe('pack images', () => {
  const imagePath = process.env.TACT_EXAMPLES_IMAGE ??
    join(REPO_DIR, 'build', 'wasm', 'core', 'builtin_examples.tactpack');

  test('withImage refuses what is not an image, and a damaged one, saying why', () => {
    assert.throws(() => tact.withImage(new TextEncoder().encode('{"lang": "fr"}')),
      (error) => error instanceof Error && /not a Tact pack image/.test(error.message));
    const damaged = new Uint8Array(readFileSync(imagePath));
    damaged[damaged.length - 7] ^= 0xff;
    assert.throws(() => tact.withImage(damaged), /damaged/);
    const future = new Uint8Array(readFileSync(imagePath));
    future[8] = 99;  // the format version
    assert.throws(() => tact.withImage(future), /format 99/);
  });

  test('withImage gives a working, independent Tact with the same verdicts', () => {
    const custom = tact.withImage(readFileSync(imagePath));
    const reply = 'Bonjour, merci pour votre avis !!';
    assert.deepEqual(custom.score('', reply, { lang: 'fr' }), tact.score('', reply, { lang: 'fr' }));
    custom.dispose();
    assert.throws(() => custom.score('', reply), /disposed/);
    assert.equal(tact.score('', reply, { lang: 'fr' }).lang, 'fr');
  });
});

/** Creates a Tact and drops it without dispose(); a separate frame so nothing keeps it. */
function dropScorer(base) {
  base.withImage(readFileSync(process.env.TACT_EXAMPLES_IMAGE ??
    join(REPO_DIR, 'build', 'wasm', 'core', 'builtin_examples.tactpack'))).score('', 'Merci !!');
}

describe('lifecycle', () => {
  test('dispose is idempotent and later calls throw', async () => {
    const own = await loadBuiltTact();
    own.dispose();
    own.dispose();
    assert.throws(() => own.score('', 'Merci'), /disposed/);
    assert.throws(() => own.withImage(new Uint8Array(8)), /disposed/);
  });

  test('a Tact dropped without dispose() has its scorer freed by the FinalizationRegistry', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc');
    const createModule = await createModuleFactory();
    const freed = [];
    const spying = async (settings) => {
      const module = await createModule(settings);
      // The glue's lazy export stub replaces itself on first call: keep the spy in front.
      let free = module._tact_scorer_free;
      const spy = (handle) => {
        freed.push(handle);
        return free(handle);
      };
      Object.defineProperty(module, '_tact_scorer_free', {
        get: () => spy,
        set: (f) => {
          free = f;
        },
      });
      return module;
    };
    const base = await loadTact({ createModule: spying, wasmBinary: readFileSync(WASM) });
    dropScorer(base);
    for (let i = 0; i < 50 && freed.length === 0; ++i) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.equal(freed.length, 1, 'the dropped scorer was not freed');
    assert.equal(base.score('', 'Merci !!', { lang: 'fr' }).lang, 'fr');
    base.dispose();
    assert.equal(freed.length, 2);
  });

  test('after the module runs out of memory, restart() gives every Tact a working scorer again', async () => {
    const base = await loadBuiltTact();
    const custom = base.withImage(readFileSync(process.env.TACT_EXAMPLES_IMAGE ??
      join(REPO_DIR, 'build', 'wasm', 'core', 'builtin_examples.tactpack')));
    const reply = 'Bonjour Sophie, merci pour votre avis !! Désolés pour le retard. Camille';
    const want = base.score('Colis en retard', reply, { lang: 'fr' });
    // The module's memory cannot grow: a 64 MB pack image does not fit, and the module aborts.
    const grow = WebAssembly.Memory.prototype.grow;
    WebAssembly.Memory.prototype.grow = () => {
      throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
    };
    try {
      assert.throws(() => base.withImage(new Uint8Array(64 << 20)), (error) =>
        error.code === 'TACT_MODULE_FAILED' && error.cause instanceof WebAssembly.RuntimeError &&
        /the WebAssembly module failed \(Aborted/.test(error.message));
    } finally {
      WebAssembly.Memory.prototype.grow = grow;
    }
    // Every Tact of that module says so, and is not called into again, until restart().
    assert.equal(base.failed, true);
    assert.equal(custom.failed, true);
    assert.throws(() => custom.score('', reply), { code: 'TACT_MODULE_FAILED' });
    assert.throws(() => base.scoreJson({ reply }), { code: 'TACT_MODULE_FAILED' });
    custom.dispose(); // a failed module is not called to free anything
    await base.restart();
    assert.equal(base.failed, false);
    assert.deepEqual(base.score('Colis en retard', reply, { lang: 'fr' }), want);
    // A new Tact over an image, in the new module.
    const second = base.withImage(readFileSync(process.env.TACT_EXAMPLES_IMAGE ??
      join(REPO_DIR, 'build', 'wasm', 'core', 'builtin_examples.tactpack')));
    assert.deepEqual(second.score('Colis en retard', reply, { lang: 'fr' }), want);
    assert.ok(second.checkExamples().count > 0);
    await base.restart(); // nothing failed: resolves at once
    base.dispose();
    second.dispose();
  });

  test('a Tact made before the failure works after restart(), rebuilt from its image', async () => {
    const base = await loadBuiltTact();
    const custom = base.withImage(readFileSync(process.env.TACT_EXAMPLES_IMAGE ??
      join(REPO_DIR, 'build', 'wasm', 'core', 'builtin_examples.tactpack')));
    const examples = custom.checkExamples().count;
    const grow = WebAssembly.Memory.prototype.grow;
    WebAssembly.Memory.prototype.grow = () => {
      throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
    };
    try {
      assert.throws(() => custom.withImage(new Uint8Array(64 << 20)), { code: 'TACT_MODULE_FAILED' });
    } finally {
      WebAssembly.Memory.prototype.grow = grow;
    }
    await custom.restart();
    assert.equal(custom.checkExamples().count, examples);
    assert.equal(base.score('', 'Merci !!', { lang: 'fr' }).lang, 'fr');
    base.dispose();
    custom.dispose();
  });

  test('each language loads when first needed, or up front with loadTact({lang}): same reports',
    async () => {
      const requests = [
        { review: 'Colis abîmé, livraison en retard.', reply: 'Désolés, nous vous rappelons. Julie' },
        { review: 'Late parcel.', reply: 'Sorry Bob, please email us at help@example.com. Kelly' },
        { review: '', reply: 'Merci !' },
        { review: 'Great!', reply: 'Thanks a lot', lang: 'en' },
      ];
      const expected = requests.map((r) => tact.scoreJson(r));
      const factory = await createModuleFactory();
      const wasmBinary = readFileSync(WASM);
      for (const order of [[0, 1, 2, 3], [3, 2, 1, 0], [1, 0, 3, 2]]) {
        for (const lang of [undefined, 'fr', 'en', 'auto']) {
          const fresh = await loadTact({ createModule: factory, wasmBinary, lang });
          for (const i of order) assert.equal(fresh.scoreJson(requests[i]), expected[i], `${lang} ${i}`);
          fresh.dispose();
        }
      }
      const fresh = await loadTact({ createModule: factory, wasmBinary });
      fresh.preload('fr');
      fresh.preload('fr'); // loaded once; a second call is a no-op
      assert.throws(() => fresh.preload('de'), /^Error: tact: unknown language 'de' \(loaded: auto, en, fr\)$/);
      assert.equal(fresh.scoreJson(requests[1]), expected[1]);
      await assert.rejects(loadTact({ createModule: factory, wasmBinary, lang: 'xx' }),
        /unknown language 'xx'/);
      fresh.dispose();
    });

  test('loadTact refuses a module with another ABI version', async () => {
    const createModule = await createModuleFactory();
    const wrong = async (settings) => {
      const module = await createModule(settings);
      module._tact_abi_version = () => 999;
      return module;
    };
    await assert.rejects(loadTact({ createModule: wrong, wasmBinary: readFileSync(WASM) }), /ABI 999/);
  });
});
