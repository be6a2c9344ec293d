// The widget in a real browser: Debian's chromium driven by playwright-core, pages served by
// web/tools/serve.mjs (strict CSP: script-src 'self' 'wasm-unsafe-eval', no inline anything,
// Trusted Types required with no policy allowed).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { startServer } from '../tools/serve.mjs';
import { BUILD_DIR, REPO_DIR, WASM_DIR, WEB_DIR, assertBuilt } from './helpers.mjs';

const CHROMIUM = process.env.TACT_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = join(BUILD_DIR, 'artifacts');

let server;
let context;
let profile;
const requests = []; // every request the pages made, in order
const violations = []; // CSP violations reported by the pages

before(async () => {
  assertBuilt();
  assert.ok(existsSync(join(WEB_DIR, 'node_modules', 'playwright-core')),
    'playwright-core is not installed in web/node_modules: run scripts/setup');
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} not found: run scripts/setup (Debian chromium)`);
  const { chromium } = await import('playwright-core');
  server = await startServer({ wasmDir: WASM_DIR });
  profile = mkdtempSync(join(tmpdir(), 'tact-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url.startsWith(`${server.url}/`)) route.continue();
    else route.abort();
  });
  await context.exposeBinding('tactReportViolation', (_source, text) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.tactReportViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function openPage(path, readyFlag) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const response = await page.goto(`${server.url}${path}`);
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-security-policy'],
    /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  await page.waitForFunction((flag) => window[flag] !== undefined, readyFlag);
  assert.equal(await page.evaluate((flag) => window[flag], readyFlag), true);
  return { page, errors };
}

/** Sets the textarea's text, fires input, and resolves with the next tact-score detail. */
function setReplyAndScore(page, selector, text) {
  return page.evaluate(([sel, value]) => new Promise((resolve, reject) => {
    const textarea = document.querySelector(sel);
    setTimeout(() => reject(new Error('no tact-score event within 10 s')), 10000);
    textarea.addEventListener('tact-score', (e) => resolve({
      score: e.detail.report.score,
      findings: e.detail.report.findings,
      criteria: e.detail.report.criteria,
      ms: e.detail.ms,
    }), { once: true });
    textarea.value = value;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  }), [selector, text]);
}

/**
 * The highlight of finding `i` (its <mark>s' client rects) and an independent layout of the
 * characters [b, e): a clone of the textarea's box and font placed over it, measured with a
 * Range on its text.
 */
function highlightGeometry(page, i, b, e) {
  return page.evaluate(([index, begin, end]) => {
    const textarea = document.querySelector('#reply');
    const marks = [...document.querySelectorAll('.tact-mirror mark')]
      .filter((m) => m.dataset.findings.split(' ').includes(String(index)));
    const rect = (r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    const got = marks.flatMap((m) => [...m.getClientRects()]).map(rect);
    const cs = getComputedStyle(textarea);
    const box = textarea.getBoundingClientRect();
    const clone = document.createElement('div');
    for (const p of ['boxSizing', 'fontFamily', 'fontSize', 'fontWeight', 'lineHeight',
      'letterSpacing', 'wordSpacing', 'paddingTop', 'paddingRight', 'paddingBottom',
      'paddingLeft', 'borderTopWidth', 'borderRightWidth', 'borderBottomWidth',
      'borderLeftWidth', 'textIndent', 'tabSize']) clone.style[p] = cs[p];
    Object.assign(clone.style, {
      position: 'fixed', left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`,
      height: `${box.height}px`, borderStyle: 'solid', borderColor: 'transparent',
      whiteSpace: 'pre-wrap', overflowWrap: 'break-word', visibility: 'hidden', margin: '0',
    });
    const scrollbar = textarea.offsetWidth - textarea.clientWidth -
      parseFloat(cs.borderLeftWidth) - parseFloat(cs.borderRightWidth);
    clone.style.paddingRight = `${parseFloat(cs.paddingRight) + scrollbar}px`;
    const node = document.createTextNode(textarea.value);
    clone.append(node);
    document.body.append(clone);
    const range = document.createRange();
    range.setStart(node, begin);
    range.setEnd(node, end);
    const want = [...range.getClientRects()].map(rect);
    clone.remove();
    return { text: marks.map((m) => m.textContent).join(''), got, want, box: rect(box) };
  }, [i, b, e]);
}

function assertSameRects(geometry, what = '') {
  // A Range gives one rect per line box, a <mark> per fragment: compare the union per line.
  const lines = (rects) => {
    const byTop = new Map();
    for (const r of rects) {
      if (r.right - r.left < 0.01) continue;
      const key = Math.round(r.top);
      const u = byTop.get(key);
      byTop.set(key, u ? { left: Math.min(u.left, r.left), top: Math.min(u.top, r.top),
        right: Math.max(u.right, r.right), bottom: Math.max(u.bottom, r.bottom) } : { ...r });
    }
    return [...byTop.values()].sort((a, b) => a.top - b.top);
  };
  const got = lines(geometry.got);
  const want = lines(geometry.want);
  assert.equal(got.length, want.length, `${what}: ${got.length} highlighted lines, ${want.length} text lines`);
  got.forEach((r, k) => {
    for (const side of ['left', 'top', 'right', 'bottom']) {
      assert.ok(Math.abs(r[side] - want[k][side]) <= 0.5,
        `${what} ${side}: highlight ${r[side]} vs characters ${want[k][side]}`);
    }
    assert.ok(r.left >= geometry.box.left && r.right <= geometry.box.right);
    assert.ok(r.top >= geometry.box.top && r.bottom <= geometry.box.bottom);
  });
}

describe('demo page', { timeout: 120000 }, () => {
  let page;
  let errors;
  let requestsAfterLoad;

  before(async () => {
    ({ page, errors } = await openPage('/demo/', 'tactDemoReady'));
    requestsAfterLoad = requests.length;
  });

  test('loads under the strict CSP with no violation and no error', async () => {
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
    assert.ok(requests.every((url) => url.startsWith(server.url)), requests.join('\n'));
    assert.ok(requests.some((url) => url.endsWith('/src/tact_wasm.wasm')));
    const score = await page.textContent('.tact-score');
    assert.match(score, /^\d+$/);
  });

  test('typing a reply updates the score, the checklist and the live region', async () => {
    await page.selectOption('#sample', '');
    await page.waitForFunction(() => document.querySelector('#reply').value === '');
    const empty = await page.evaluate(() => document.querySelector('tact-reply-coach').report);
    await page.evaluate(() => {
      window.tactTyped = new Promise((resolve, reject) => {
        setTimeout(() => reject(new Error('no report with a shouting finding within 20 s')), 20000);
        document.querySelector('#reply').addEventListener('tact-score', function onScore(e) {
          if (e.detail.report.findings.some((f) => f.criterion === 'shouting')) {
            this.removeEventListener('tact-score', onScore);
            resolve(e.detail.report);
          }
        });
      });
    });
    await page.click('#reply');
    await page.keyboard.type(
      'Bonjour Élodie, merci pour votre retour. Nous sommes désolés pour le colis abîmé et ' +
      'nous allons vous rembourser sous 48 heures. Écrivez-nous en message privé si besoin, ' +
      'nous restons à votre écoute !!\nCamille, service client', { delay: 2 });
    const report = await page.evaluate(() => window.tactTyped);
    assert.notDeepEqual(report.criteria, empty.criteria, 'the checklist did not change');
    assert.equal(await page.textContent('.tact-score'), String(report.score));
    for (const c of report.criteria) {
      const status = await page.getAttribute(`.tact-criteria li[data-criterion="${c.id}"]`, 'data-status');
      assert.equal(status, c.status, c.id);
    }
    const live = await page.textContent('.tact-panel [role=status]');
    assert.match(live, new RegExp(`Score ${report.score} sur 100`));
    const time = await page.textContent('#timing');
    assert.match(time, /Score calculé en [\d.,]+ ms/);
  });

  test('a highlight covers exactly the expected characters after accents, emoji and a line break', async () => {
    const reply = 'Élodie, désolée 😕👍🏽 pour l’attente…\nÇa arrive, voilà !! Bonne journée';
    const report = await setReplyAndScore(page, '#reply', reply);
    const begin16 = reply.indexOf('!!');
    const index = report.findings.findIndex((f) => f.begin16 === begin16 && f.end16 === begin16 + 2);
    assert.ok(index >= 0, `no finding on "!!": ${JSON.stringify(report.findings)}`);
    const geometry = await highlightGeometry(page, index, begin16, begin16 + 2);
    assert.equal(geometry.text, '!!');
    assertSameRects(geometry);
    // The characters are on the second line: below the first line's box.
    assert.ok(geometry.got[0].top > geometry.box.top + 20);
  });

  test('every highlight matches its characters at a width with fractional pixels', async () => {
    await page.setViewportSize({ width: 1100, height: 900 });
    try {
      const reply = 'Hello,\n\nWe are sorry if you feel the room was noisy, but as clearly stated on ' +
        'our website the bar is open until 1am. You should have asked for a quiet room when ' +
        'booking. Obviously we cannot please everyone!!\n\nManagement';
      const report = await setReplyAndScore(page, '#reply', reply);
      const width = await page.evaluate(() => document.querySelector('#reply').getBoundingClientRect().width);
      assert.notEqual(width, Math.round(width), 'pick a viewport giving a fractional textarea width');
      const spanned = report.findings
        .map((f, i) => ({ f, i }))
        .filter(({ f }) => f.field === 'reply' && typeof f.begin16 === 'number');
      assert.ok(spanned.length >= 2, JSON.stringify(report.findings));
      for (const { f, i } of spanned) {
        const geometry = await highlightGeometry(page, i, f.begin16, f.end16);
        assert.equal(geometry.text, reply.slice(f.begin16, f.end16), f.rule);
        assertSameRects(geometry, f.rule);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  test('a finding opens by keyboard and "apply" rewrites its span', async () => {
    const reply = 'Bonjour, c’est noté !! Merci pour votre message.';
    const report = await setReplyAndScore(page, '#reply', reply);
    const index = report.findings.findIndex((f) => f.field === 'reply' &&
      typeof f.begin16 === 'number' && f.suggestion);
    assert.ok(index >= 0, `no finding with a suggestion: ${JSON.stringify(report.findings)}`);
    const f = report.findings[index];
    await page.focus(`.tact-finding[data-finding="${index}"]`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.tact-tooltip:not([hidden])');
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('tact-apply')), true);
    assert.match(await page.textContent('.tact-tooltip'), new RegExp(f.message.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await page.keyboard.press('Escape');
    await page.waitForSelector('.tact-tooltip[hidden]', { state: 'attached' });
    assert.equal(await page.evaluate(() => document.activeElement.dataset.finding), String(index));
    await page.keyboard.press('Enter');
    await page.waitForSelector('.tact-tooltip:not([hidden])');
    // The listener must be in place before the key is sent (separate protocol messages).
    await page.evaluate(() => {
      window.tactRescored = new Promise((resolve, reject) => {
        setTimeout(() => reject(new Error('no tact-score event within 10 s')), 10000);
        document.querySelector('#reply').addEventListener('tact-score', () => resolve(), { once: true });
      });
    });
    await page.keyboard.press('Enter');
    await page.evaluate(() => window.tactRescored);
    const value = await page.inputValue('#reply');
    assert.equal(value, reply.slice(0, f.begin16) + f.suggestion + reply.slice(f.end16));
    assert.notEqual(value, reply);
  });

  test('the UI speaks English when asked', async () => {
    await page.selectOption('#ui-lang', 'en');
    await page.waitForFunction(() => document.querySelector('.tact-panel h3').textContent === 'Reply coach');
    const band = await page.textContent('.tact-band');
    assert.ok(['Needs rework', 'Fair', 'Good', 'Excellent'].includes(band), band);
    await page.selectOption('#ui-lang', 'fr');
    await page.waitForFunction(() => document.querySelector('.tact-panel h3').textContent === 'Coach de réponse');
  });

  test('stays responsive with a pasted 100 KB reply', async () => {
    const unit = 'Nous sommes désolés pour ce retard de livraison 😕, merci de votre patience !! ';
    const big = unit.repeat(Math.ceil(100 * 1024 / unit.length));
    const pasted = await page.evaluate((text) => new Promise((resolve, reject) => {
      const textarea = document.querySelector('#reply');
      setTimeout(() => reject(new Error('no tact-score event within 10 s')), 10000);
      textarea.addEventListener('tact-score', (e) => resolve({
        scoreMs: e.detail.ms,
        marks: document.querySelectorAll('.tact-mirror mark').length,
      }), { once: true });
      textarea.value = text;
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    }), big);
    // A real keystroke at the end of the text: from keydown until the frame after `input`.
    await page.focus('#reply');
    await page.evaluate(() => {
      const textarea = document.querySelector('#reply');
      textarea.setSelectionRange(textarea.value.length, textarea.value.length);
      window.tactKeystroke = new Promise((resolve) => {
        let t0 = 0;
        textarea.addEventListener('keydown', () => { t0 = performance.now(); }, { once: true });
        textarea.addEventListener('input', () => requestAnimationFrame(() =>
          setTimeout(() => resolve(performance.now() - t0))), { once: true });
      });
    });
    await page.keyboard.press('x');
    const timing = { ...pasted, keystrokeMs: await page.evaluate(() => window.tactKeystroke) };
    assert.ok(big.length >= 100 * 1024);
    assert.ok(timing.marks > 0, 'no highlight drawn on the long reply');
    assert.ok(timing.scoreMs < 500, `scoring 100 KB took ${timing.scoreMs} ms`);
    assert.ok(timing.keystrokeMs < 100, `a keystroke after the paste took ${timing.keystrokeMs} ms`);
    console.log(`100 KB reply: scored in ${timing.scoreMs.toFixed(1)} ms, ${timing.marks} highlights, ` +
                `next keystroke handled in ${timing.keystrokeMs.toFixed(1)} ms`);
  });

  test('a 5-star positive review: the polarity line, and no apology, fix or private channel asked for', async () => {
    await page.evaluate(() => {
      document.querySelector('#review').value = 'Accueil adorable, repas délicieux, on reviendra !';
      document.querySelector('#author').value = 'Julie D.';
      const coach = document.querySelector('#coach');
      coach.setAttribute('author', 'Julie D.');
      coach.setAttribute('rating', '5');
    });
    try {
      const report = await setReplyAndScore(page, '#reply',
        'Bonjour Julie, merci beaucoup pour ce très joli message ! Toute l’équipe est ravie que ' +
        'l’accueil et le repas vous aient plu. À très bientôt !\nCamille, La Table d’Élise');
      const review = await page.evaluate(() => document.querySelector('tact-reply-coach').report.review);
      assert.equal(review.polarity, 'positive', `review: ${JSON.stringify(review)}`);
      assert.equal(await page.isVisible('.tact-polarity'), true);
      assert.equal(await page.textContent('.tact-polarity'), 'Avis positif : pas besoin de vous excuser');
      for (const id of ['apology', 'solution', 'private_channel']) {
        assert.equal(report.criteria.find((c) => c.id === id)?.status, 'skipped', id);
        const item = await page.$eval(`.tact-criteria li[data-criterion="${id}"]`, (li) => ({
          status: li.dataset.status, text: li.textContent, hints: li.querySelectorAll('.tact-hint').length,
        }));
        assert.equal(item.status, 'skipped', id);
        assert.match(item.text, /pas nécessaire/, id);
        assert.doesNotMatch(item.text, /manquant/, id);
        assert.equal(item.hints, 0, `${id} is offered as a thing to fix`);
      }
      const listed = await page.$$eval('.tact-findings .tact-finding', (b) => b.map((x) => x.textContent));
      for (const text of listed) assert.doesNotMatch(text, /S’excuser|solution concrète|Poursuivre en privé/);
      await page.screenshot({ path: join(ARTIFACTS, 'demo-positive.png'), fullPage: true });
    } finally {
      await page.evaluate(() => document.querySelector('#coach').removeAttribute('rating'));
    }
  });

  test('no review: no polarity line', async () => {
    await page.evaluate(() => {
      document.querySelector('#review').value = '';
    });
    await setReplyAndScore(page, '#reply', 'Merci pour votre message !');
    const review = await page.evaluate(() => document.querySelector('tact-reply-coach').report.review);
    assert.equal(review.polarity, undefined);
    assert.equal(await page.isVisible('.tact-polarity'), false);
  });

  test('a reply in a language no pack reads: the panel says not to rely on the score', async () => {
    const notices = () => page.$$eval('.tact-notice', (n) => n.filter((x) => x.offsetParent !== null)
      .map((x) => x.textContent));
    const foreign = /(langue que le correcteur ne lit pas|language the checker does not read)/;
    await setReplyAndScore(page, '#reply', 'Hallo Peter, es tut uns sehr leid, dass Ihre Bestellung '
      + 'zu spät angekommen ist. Wir melden uns morgen per E-Mail bei Ihnen. Viele Grüße, Anna');
    assert.ok((await notices()).some((t) => foreign.test(t)), JSON.stringify(await notices()));
    await setReplyAndScore(page, '#reply', 'Bonjour Peter, toutes nos excuses pour ce retard : '
      + 'votre colis part demain matin. Anna');
    assert.ok(!(await notices()).some((t) => foreign.test(t)), JSON.stringify(await notices()));
  });

  test('made no network request after the page loaded', async () => {
    await page.selectOption('#sample', 'fr-colis');
    await page.waitForTimeout(200);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'demo.png'), fullPage: true });
    assert.deepEqual(requests.slice(requestsAfterLoad), []);
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
  });
});

describe('attachTact on a plain textarea', () => {
  test('the rating option reaches the core and the panel names the polarity in English', async () => {
    const { page, errors } = await openPage('/demo/plain.html', 'tactPlainReady');
    const negative = await page.evaluate(() => window.tactCoach.report.review);
    assert.equal(negative.polarity, 'negative', JSON.stringify(negative));
    assert.equal(await page.textContent('#coach-panel .tact-polarity'), 'Negative review');
    const positive = await page.evaluate(() => {
      document.getElementById('review').textContent =
        'Lovely welcome, delicious food, we will definitely come back!';
      document.getElementById('answer').value = 'Hi Dana, thank you so much for your kind words! ' +
        'The whole team is delighted you enjoyed your evening. See you soon, Jess';
      window.tactCoach.update({ rating: 5 });
      return window.tactCoach.report;
    });
    assert.equal(positive.review.polarity, 'positive', JSON.stringify(positive.review));
    assert.equal(await page.textContent('#coach-panel .tact-polarity'), 'Positive review: no apology needed');
    for (const id of ['apology', 'solution', 'private_channel']) {
      assert.equal(await page.getAttribute(`#coach-panel li[data-criterion="${id}"]`, 'data-status'), 'skipped');
      assert.equal(await page.$$eval(`#coach-panel li[data-criterion="${id}"] .tact-hint`, (h) => h.length), 0);
      assert.match(await page.textContent(`#coach-panel li[data-criterion="${id}"]`), /not needed/);
    }
    // An out-of-range rating is the page's mistake: the widget scores without it instead of failing.
    await page.evaluate(() => window.tactCoach.update({ rating: 7 }));
    assert.match(await page.textContent('#coach-panel .tact-score'), /^\d+$/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('adds the coach to a page-owned textarea that stays in its form', async () => {
    const { page, errors } = await openPage('/demo/plain.html', 'tactPlainReady');
    const report = await setReplyAndScore(page, '#answer',
      'Hi Dana, thank you for your feedback and sorry for the late delivery!! Jess');
    assert.equal(await page.textContent('#coach-panel .tact-score'), String(report.score));
    assert.equal(await page.textContent('#coach-panel h3'), 'Reply coach');
    const inForm = await page.evaluate(() => {
      const form = document.getElementById('form');
      return form.elements.answer === document.getElementById('answer') &&
        new FormData(form).get('answer').startsWith('Hi Dana');
    });
    assert.equal(inForm, true);
    const marks = await page.$$eval('.tact-mirror mark', (m) => m.map((x) => x.textContent));
    const spanned = report.findings.filter((f) => typeof f.begin16 === 'number');
    assert.ok(spanned.length > 0 && marks.length > 0);
    // A missing criterion's hint inserts its example sentence at the caret.
    const hint = report.findings.find((f) => typeof f.begin16 !== 'number' && f.suggestion &&
      report.criteria.some((c) => c.id === f.criterion && c.status !== 'met'));
    assert.ok(hint, `no missing-criterion hint with an example: ${JSON.stringify(report.findings)}`);
    const before = await page.inputValue('#answer');
    await page.evaluate(() => {
      const t = document.getElementById('answer');
      t.setSelectionRange(t.value.length, t.value.length);
      window.tactInserted = new Promise((resolve) =>
        t.addEventListener('tact-score', () => resolve(), { once: true }));
    });
    await page.click(`#coach-panel li[data-criterion="${hint.criterion}"] .tact-insert`);
    await page.evaluate(() => window.tactInserted);
    assert.equal(await page.inputValue('#answer'), `${before} ${hint.suggestion}`);
    await page.screenshot({ path: join(ARTIFACTS, 'plain.png'), fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe('strict CSP with Trusted Types', () => {
  test('the widget scores and shows its panel under require-trusted-types-for \'script\'', async () => {
    const before = violations.length;
    const { page, errors } = await openPage('/demo/plain.html', 'tactPlainReady');
    const csp = (await page.evaluate(() => fetch(location.href).then((r) =>
      r.headers.get('content-security-policy'))));
    assert.match(csp, /require-trusted-types-for 'script'/);
    assert.match(csp, /trusted-types 'none'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
    const report = await setReplyAndScore(page, '#answer',
      'Hi Dana, thank you and sorry for the late delivery!! We are refunding you today. Jess');
    assert.equal(await page.textContent('#coach-panel .tact-score'), String(report.score));
    assert.ok(await page.isVisible('#coach-panel .tact-criteria li'));
    assert.ok(await page.$$eval('.tact-mirror mark', (m) => m.length) > 0);
    // Open a finding's tooltip: more of the widget's DOM, still no violation.
    await page.click('#coach-panel .tact-finding');
    await page.waitForSelector('.tact-tooltip:not([hidden])');
    assert.deepEqual(violations.slice(before), []);
    assert.deepEqual(errors, []);
    // The policy is enforced in this page: a string written as markup is refused and reported.
    const refused = await page.evaluate(() => {
      try {
        document.createElement('div').innerHTML = '<b>x</b>';
        return false;
      } catch (error) {
        return error instanceof TypeError;
      }
    });
    assert.equal(refused, true);
    for (let i = 0; i < 50 && violations.length === before; ++i) await page.waitForTimeout(20);
    assert.deepEqual(violations.splice(before).map((v) => v.split(' ')[0]), ['require-trusted-types-for']);
    await page.close();
  });
});

// Text that would be markup or script if it ever reached innerHTML, a URL or an event handler.
// Each calls alert() (a dialog) or fetches /pwned… (a request) if it runs.
const PAYLOADS = [
  '<img src=/pwned-img onerror=alert(1)>',
  '<script>alert(2)</script>',
  '"><svg onload=alert(3)>',
  "'><iframe src=javascript:alert(4)></iframe>",
  'javascript:alert(5)',
  '<a href="javascript:alert(6)">x</a>',
  '<style>@import "/pwned-css";</style>',
  '<math><mtext><img src=/pwned-math onerror=alert(7)></mtext></math>',
  '&lt;b&gt;&amp; {text} $& $1',
];

/** A pack image (built-in packs, French shouting replaced) whose messages are the payloads. */
function payloadImage() {
  const packc = join(BUILD_DIR, 'host', 'core', 'tact_packc');
  assert.ok(existsSync(packc), `${packc} is missing: cmake --workflow --preset wasm builds it`);
  const dir = mkdtempSync(join(tmpdir(), 'tact-payload-pack-'));
  try {
    const packsDir = join(REPO_DIR, 'core', 'packs');
    const files = readdirSync(packsDir, { recursive: true })
      .filter((f) => f.endsWith('.json')).map((f) => join(packsDir, f));
    const custom = join(dir, 'shouting.json');
    const pack = JSON.parse(readFileSync(join(packsDir, 'fr', 'shouting.json'), 'utf8'));
    for (const rule of pack.rules) {
      rule.message = `Message ${PAYLOADS.join(' ')}`;
      rule.suggestion = PAYLOADS[0];
    }
    writeFileSync(custom, JSON.stringify(pack));
    const out = join(dir, 'payload.tactpack');
    const run = spawnSync(packc, ['--base', packsDir, '--out', out, ...files, custom], { encoding: 'utf8' });
    assert.equal(run.status, 0, `tact_packc failed: ${run.stderr}`);
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('text never becomes markup', () => {
  test('payloads in the review, the author, the reply and a custom pack stay text', async () => {
    const image = payloadImage();
    const { page, errors } = await openPage('/demo/', 'tactDemoReady');
    const dialogs = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      dialog.dismiss().catch(() => {});
    });
    const requestsBefore = requests.length;
    const violationsBefore = violations.length;
    // Every element added from now on, with its attributes.
    await page.evaluate(() => {
      window.tactAdded = [];
      new MutationObserver((records) => {
        for (const r of records) {
          for (const node of r.addedNodes) {
            if (node.nodeType !== Node.ELEMENT_NODE) continue;
            for (const e of [node, ...node.querySelectorAll('*')]) {
              window.tactAdded.push({ tag: e.localName, attrs: e.getAttributeNames() });
            }
          }
        }
      }).observe(document, { childList: true, subtree: true });
    });
    const all = PAYLOADS.join('\n');
    await page.fill('#review', `Colis abîmé. ${all}`);
    await page.fill('#author', PAYLOADS[0]);
    await page.click('#reply');
    await page.fill('#reply', '');
    await page.keyboard.type(`${PAYLOADS[0]} ${PAYLOADS[2]}`);
    const typed = await setReplyAndScore(page, '#reply', `Bonjour, ${all} MERCI BEAUCOUP VRAIMENT !!`);
    assert.ok(typed.findings.length > 0);
    // The custom pack: its message and suggestion reach the findings list, the tooltip and,
    // through "Replace", the reply itself.
    await page.evaluate(async (bytes) => {
      const coach = document.querySelector('#coach');
      const rescored = new Promise((resolve) =>
        coach.addEventListener('tact-score', resolve, { once: true }));
      coach.image = Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0));
      await rescored;
    }, image.toString('base64'));
    const report = await page.evaluate(() => document.querySelector('#coach').report);
    const index = report.findings.findIndex((f) => f.rule === 'fr.shouting.punctuation');
    assert.ok(index >= 0, JSON.stringify(report.findings.map((f) => f.rule)));
    assert.ok(report.findings[index].message.includes(PAYLOADS[1]));
    await page.click(`.tact-finding[data-finding="${index}"]`);
    await page.waitForSelector('.tact-tooltip:not([hidden])');
    const tooltip = await page.textContent('.tact-tooltip');
    for (const p of PAYLOADS) assert.ok(tooltip.includes(p), `the tooltip lost ${p}`);
    await page.evaluate(() => {
      window.tactApplied = new Promise((resolve) =>
        document.querySelector('#reply').addEventListener('tact-score', resolve, { once: true }));
    });
    await page.click('.tact-tooltip .tact-apply');
    await page.evaluate(() => window.tactApplied);
    assert.ok((await page.inputValue('#reply')).includes(PAYLOADS[0]));
    await page.waitForTimeout(300);

    // Everything shows as the very characters typed...
    const shown = await page.evaluate(() => ({
      mirror: document.querySelector('.tact-mirror').textContent,
      panel: document.querySelector('.tact-panel').textContent,
    }));
    for (const p of PAYLOADS) {
      assert.ok(shown.mirror.includes(p), `the highlights lost ${p}`);
      assert.ok(shown.panel.includes(p), `the panel lost ${p}`);
    }
    // ...and nothing else happened: no element but the widget's own, no handler or URL
    // attribute, no dialog, no request, no violation, no error.
    const added = await page.evaluate(() => window.tactAdded);
    const tags = new Set(['div', 'span', 'mark', 'p', 'ul', 'li', 'button', 'strong', 'br', 'h3', 'section']);
    const attrs = /^(class|id|role|type|hidden|disabled|tabindex|aria-[a-z]+|data-[a-z]+)$/;
    for (const { tag, attrs: names } of added) {
      assert.ok(tags.has(tag), `a <${tag}> was added`);
      for (const name of names) assert.match(name, attrs, `<${tag} ${name}> was added`);
    }
    assert.ok(added.some((e) => e.tag === 'mark'));
    assert.equal(await page.$$eval('img, script:not([src]), svg, iframe, math, style, a[href^="javascript"]',
      (e) => e.length), 0);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(requests.slice(requestsBefore), []);
    assert.deepEqual(violations.slice(violationsBefore), []);
    assert.deepEqual(errors, []);
    await page.screenshot({ path: join(ARTIFACTS, 'payloads.png'), fullPage: true });
    await page.close();
  });
});

describe('a pasted 1 MB reply', () => {
  test('never blocks the page for more than 100 ms at a time, and the panel says it was cut', async () => {
    const { page, errors } = await openPage('/demo/plain.html', 'tactPlainReady');
    const unit = 'Nous sommes désolés pour ce retard de livraison 😕, merci de votre patience !! ';
    const big = unit.repeat(Math.ceil((1 << 20) / unit.length));
    const result = await page.evaluate(async (text) => {
      const longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) longTasks.push({ start: e.startTime, ms: e.duration });
      }).observe({ type: 'longtask' });
      const textarea = document.getElementById('answer');
      const scored = new Promise((resolve) =>
        textarea.addEventListener('tact-score', (e) => resolve(e.detail), { once: true }));
      // The paste, as the browser does it: the textarea takes the text and lays it out (its own
      // cost, with or without Tact), then fires `input`. Everything after is the widget's.
      const t0 = performance.now();
      textarea.value = text;
      void textarea.scrollHeight;
      const pasteMs = performance.now() - t0;
      const after = performance.now();
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
      const detail = await scored;
      // Let the browser draw the result, and any task it queued, before looking.
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      await new Promise((resolve) => setTimeout(resolve, 500));
      return {
        pasteMs,
        scoreMs: detail.ms,
        checked: detail.checked,
        flags: detail.report.flags,
        marks: document.querySelectorAll('.tact-mirror mark').length,
        notices: [...document.querySelectorAll('#coach-panel .tact-notice')].map((n) => n.textContent),
        longTasks: longTasks.filter((t) => t.start >= after),
      };
    }, big);
    assert.ok(big.length > 1_000_000);
    assert.equal(result.checked, 8192);
    assert.ok(result.marks > 0, 'no highlight drawn');
    assert.deepEqual(result.notices, ['Very long reply: only its first 8,192 characters are checked.']);
    assert.ok(result.scoreMs < 100, `one scoring took ${result.scoreMs} ms`);
    assert.deepEqual(result.longTasks.filter((t) => t.ms > 100), [],
      `tasks over 100 ms after the paste: ${JSON.stringify(result)}`);
    // The highlights reach the end of the checked part (the mirror holds only that part).
    const report = await page.evaluate(() => window.tactCoach.report);
    let last = -1;
    report.findings.forEach((f, i) => {
      if (typeof f.begin16 === 'number' && f.field === 'reply' && f.end16 > f.begin16) last = i;
    });
    assert.ok(report.findings[last].end16 > 8000, JSON.stringify(report.findings[last]));
    const marked = await page.evaluate((i) => [...document.querySelectorAll('.tact-mirror mark')]
      .filter((m) => m.dataset.findings.split(' ').includes(String(i)))
      .map((m) => m.textContent).join(''), last);
    assert.equal(marked, big.slice(report.findings[last].begin16, report.findings[last].end16));
    console.log(`1 MB reply: the paste itself ${result.pasteMs.toFixed(0)} ms (the browser), ` +
                `scoring ${result.scoreMs.toFixed(1)} ms, long tasks after it: ` +
                `${JSON.stringify(result.longTasks.map((t) => Math.round(t.ms)))}`);
    assert.deepEqual(errors, []);
    await page.close();
  });
});

/** Each line equals its string or matches its RegExp, and there are as many. */
function assertLines(lines, want) {
  assert.equal(lines.length, want.length, JSON.stringify(lines));
  want.forEach((w, i) => (w instanceof RegExp ? assert.match(lines[i], w) : assert.equal(lines[i], w)));
}

describe('recovery', () => {
  test('a refused custom pack image leaves the built-in packs, and the panel says why', async () => {
    const { page, errors } = await openPage('/demo/plain.html', 'tactPlainReady');
    const before = await page.evaluate(() => window.tactCoach.report);
    await page.evaluate(() => window.tactCoach.update({ image: new TextEncoder().encode('{"lang": "fr"}') }));
    assertLines(await page.$$eval('#coach-panel .tact-notice', (n) => n.map((x) => x.textContent)),
      [/^Custom rules refused \(not a Tact pack image.*\): the built-in rules are used\.$/]);
    assert.deepEqual(await page.evaluate(() => window.tactCoach.report), before);
    await page.evaluate(() => window.tactCoach.update({ image: null }));
    assert.equal(await page.isVisible('#coach-panel .tact-notices'), false);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('after the module runs out of memory it restarts, scores again and the panel says so', async () => {
    const { page, errors } = await openPage('/demo/plain.html', 'tactPlainReady');
    const before = await page.evaluate(() => window.tactCoach.report);
    // The module's memory cannot grow while a 64 MB custom pack image is handed to it: it
    // aborts (out of memory). Growth works again right after, for the restart.
    const failing = await page.evaluate(() => {
      const grow = WebAssembly.Memory.prototype.grow;
      WebAssembly.Memory.prototype.grow = () => {
        throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
      };
      try {
        window.tactRecovered = new Promise((resolve) => document.getElementById('answer')
          .addEventListener('tact-score', (e) => resolve(e.detail.report), { once: true }));
        window.tactCoach.update({ image: new Uint8Array(64 << 20) });
      } finally {
        WebAssembly.Memory.prototype.grow = grow;
      }
      return document.querySelector('#coach-panel .tact-loading').textContent;
    });
    assert.match(failing, /^The checker ran into an error \(Aborted\(\)\); restarting…$/);
    const recovered = await page.evaluate(() => window.tactRecovered);
    assert.deepEqual(recovered, before);
    assert.deepEqual(await page.$$eval('#coach-panel .tact-notice', (n) => n.map((x) => x.textContent)), [
      'The checker ran into an error (Aborted()) and restarted.',
      'Custom rules refused (Aborted()): the built-in rules are used.',
    ]);
    assert.equal(await page.textContent('#coach-panel .tact-score'), String(before.score));
    // Typing goes on: a new report, and the restart note gives way.
    const typed = await setReplyAndScore(page, '#answer', 'Hi Dana, sorry!! Jess');
    assert.equal(await page.textContent('#coach-panel .tact-score'), String(typed.score));
    assert.deepEqual(await page.$$eval('#coach-panel .tact-notice', (n) => n.map((x) => x.textContent)),
      ['Custom rules refused (Aborted()): the built-in rules are used.']);
    await page.evaluate(() => window.tactCoach.update({ image: null }));
    assert.equal(await page.isVisible('#coach-panel .tact-notices'), false);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a scoring that runs out of memory: restart, then the same reply is scored', async () => {
    const { page, errors } = await openPage('/demo/plain.html', 'tactPlainReady');
    const result = await page.evaluate(async () => {
      const textarea = document.getElementById('answer');
      // 2 M code units each of review and reply: a 16 MB input arena, more than the module's
      // memory, which cannot grow while they are scored.
      window.tactCoach.update({ maxLength: 1 << 21 });
      document.getElementById('review').textContent = 'Late delivery, no answer. '.repeat(80000);
      textarea.value = 'Hi Dana, sorry for the delay!! Jess. '.repeat(57000);
      const rescored = new Promise((resolve) =>
        textarea.addEventListener('tact-score', (e) => resolve(e.detail), { once: true }));
      const grow = WebAssembly.Memory.prototype.grow;
      WebAssembly.Memory.prototype.grow = () => {
        throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
      };
      let status;
      try {
        window.tactCoach.rescore();
        status = document.querySelector('#coach-panel .tact-loading').textContent;
      } finally {
        WebAssembly.Memory.prototype.grow = grow;
      }
      const detail = await rescored;
      return {
        status,
        flags: detail.report.flags,
        checked: detail.checked,
        length: textarea.value.length,
        score: document.querySelector('#coach-panel .tact-score').textContent,
        notices: [...document.querySelectorAll('#coach-panel .tact-notice')].map((n) => n.textContent),
      };
    });
    assert.equal(result.status, 'The checker ran into an error (Aborted()); restarting…');
    assert.ok(result.length > 1 << 21);
    assert.equal(result.checked, 1 << 21);
    assert.ok(result.flags.includes('truncated'), JSON.stringify(result.flags)); // the core's 256 KiB
    assert.match(result.score, /^\d+$/);
    assert.deepEqual(result.notices, [
      'Very long reply: only its first 2,097,152 characters are checked.',
      'The checker ran into an error (Aborted()) and restarted.',
    ]);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
