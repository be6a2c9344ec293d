// attachTact(textarea, {review, …}): live coaching on a site's own <textarea>.
//
//   const coach = attachTact(document.querySelector('#reply'), { review: reviewText });
//   coach.update({ author: 'Sophie M.', rating: 2 });   // re-scores
//   coach.destroy();                                    // puts the page back as it was
//
// Wires overlay.js, tooltip.js and panel.js, and owns the state: debounced scoring on the main
// thread, caret, mouse and buttons. No network access but the .wasm.
//
// Long texts: the page must never freeze, so a scoring is one short task. The reply and the
// review are checked up to `maxLength` UTF-16 code units (default 8,192, about 1,300 words,
// several times any sensible reply: some 20 ms to score and 20 ms to draw in Chromium on a
// loaded 2-core machine, whatever was pasted), the panel lists 50 findings at most (all are
// highlighted) and says when a reply was cut, and the debounce grows with the last scoring's
// time.
//
// Failures: when the WebAssembly module fails (out of memory, a trap), the panel says so, a
// fresh module is loaded (Tact.restart()) and the reply is scored again; a custom pack image
// (`image`) that is refused leaves the built-in packs in use, and the panel says that too.

import { el, installStyle } from './dom.js';
import { insertAtCaret, replaceRange } from './edit.js';
import { createOverlay, severest, spanned } from './overlay.js';
import { createPanel } from './panel.js';
import { STRINGS, format, stringsFor } from './strings.js';
import { loadTact } from './tact.js';
import { createTooltip } from './tooltip.js';

const defaultTacts = new Map();
/** One Tact per wasm URL, shared by every widget of the page. */
export function sharedTact(wasmUrl) {
  const key = wasmUrl ? String(wasmUrl) : '';
  if (!defaultTacts.has(key)) defaultTacts.set(key, loadTact(wasmUrl ? { wasmUrl } : {}));
  return defaultTacts.get(key);
}

/** Up to this many code units, a reply's report is drawn in the task that scored it. */
const DRAW_AT_ONCE = 2048;

/** A failure's message for the panel: the module's own, without Emscripten's build advice. */
function reason(error) {
  const message = String(error?.cause?.message ?? error?.message ?? error);
  return message.replace(/^tact: /, '').replace(/\. Build with .*$/s, '');
}

/** A rating the core accepts (1-5), else undefined: a page's typo must not break the widget. */
function validRating(value) {
  const rating = Number(value);
  return rating >= 1 && rating <= 5 ? rating : undefined;
}

/**
 * Attaches live coaching to `textarea`; options and controller in attach.d.ts. Fires
 * `tact-score` ({report, ms}) on the textarea after each scoring.
 */
export function attachTact(textarea, options = {}) {
  if (!textarea || textarea.tagName !== 'TEXTAREA') {
    throw new TypeError('attachTact: expected a <textarea>');
  }
  const doc = textarea.ownerDocument;
  installStyle(doc);
  const opts = { lang: 'auto', debounce: 60, maxLength: 8192, ...options };

  let base = null; // the Tact of opts.tact, or the page's shared one
  let custom = null; // base.withImage(opts.image), when given and accepted
  let imageError = null; // why opts.image was refused
  let tact = null; // custom ?? base
  let failure = null; // the module failure recovered from, for the panel
  let failureText = null; // the text the panel first said so with (a new text clears it)
  let recovering = false;
  let imageChanged = false; // opts.image changed while recovering: loaded after the restart
  let failuresInARow = 0;
  let drawing = []; // the steps left to draw the last report (see rescore)
  let drawTimer = 0;
  let report = null;
  let scoredText = null;
  let lastMs = 0;
  let timer = 0;
  let active = -1; // index of the finding shown in the tooltip
  let tooltipOwner = null; // element to return focus to when the tooltip closes
  let destroyed = false;

  const strings = () =>
    stringsFor(opts.uiLang || report?.lang || doc.documentElement.lang || 'en');

  // --- DOM: the field (textarea, overlay, tooltip), then the panel ---
  const originalParent = textarea.parentNode;
  const originalNext = textarea.nextSibling;
  const field = el(doc, 'div', { class: 'tact-field' });
  const overlay = createOverlay(textarea, field);
  const tooltip = createTooltip(textarea, field, {
    onApply: (i) => applyFinding(i),
    onClose: () => closeTooltip(true),
  });
  const fieldDisplay = getComputedStyle(textarea).display;
  field.style.display = fieldDisplay === 'block' ? 'block' : 'inline-block';
  originalParent.insertBefore(field, textarea);
  field.append(textarea, overlay.element, tooltip.element);

  const ownPanel = !opts.panel;
  const panelElement = opts.panel ?? el(doc, 'section', {});
  if (ownPanel) field.after(panelElement);
  const panel = createPanel(panelElement, {
    tooltipId: tooltip.id,
    onOpen: (i, button) => openTooltip(i, { focus: true, owner: button, select: true }),
    onInsert: (text) => {
      insertAtCaret(textarea, text);
      rescore();
    },
  });
  panel.loading(strings());

  // --- tooltip ---
  function openTooltip(i, { focus = false, owner = null, select = false } = {}) {
    if (flush()) return; // the index belonged to a stale report
    finishDrawing();
    const f = report?.findings[i];
    if (!f || !spanned(f)) return closeTooltip();
    active = i;
    tooltipOwner = owner;
    overlay.setActive(i);
    tooltip.show(f, i, scoredText.slice(f.begin16, f.end16), strings());
    if (select) {
      textarea.setSelectionRange(f.begin16, f.end16);
      scrollIntoView(i);
    }
    tooltip.place(overlay.rects(i));
    if (focus) tooltip.focus();
  }

  function scrollIntoView(i) {
    const rects = overlay.rects(i);
    if (rects.length === 0) return;
    const box = textarea.getBoundingClientRect();
    const r = rects[0];
    if (r.top < box.top || r.bottom > box.bottom) {
      textarea.scrollTop += r.top - box.top - textarea.clientHeight / 3;
      overlay.syncScroll();
    }
  }

  function closeTooltip(restoreFocus = false) {
    if (tooltip.hidden) return;
    tooltip.hide();
    active = -1;
    overlay.setActive(-1);
    if (restoreFocus) (tooltipOwner && tooltipOwner.isConnected ? tooltipOwner : textarea).focus();
    tooltipOwner = null;
  }

  /** The most severe finding under the caret, or -1 (also while the text is stale). */
  function findingAtCaret() {
    if (!report || textarea.value !== scoredText) return -1;
    const pos = textarea.selectionStart;
    const under = [];
    report.findings.forEach((f, i) => {
      if (spanned(f) && pos >= f.begin16 && pos <= f.end16) under.push(i);
    });
    return severest(report.findings, under);
  }

  function applyFinding(i) {
    if (flush()) return;
    const f = report?.findings[i];
    if (!f || !spanned(f) || !f.suggestion) return;
    closeTooltip();
    replaceRange(textarea, f.begin16, f.end16, f.suggestion);
    rescore();
  }

  // --- scoring ---
  function review() {
    return typeof opts.review === 'function' ? opts.review() : opts.review ?? '';
  }

  /** `text` up to opts.maxLength code units, not splitting a surrogate pair. */
  function cut(text) {
    const max = Math.max(1, Number(opts.maxLength) || 0);
    if (text.length <= max) return text;
    const end = /[\uD800-\uDBFF]/.test(text[max - 1]) ? max - 1 : max;
    return text.slice(0, end);
  }

  /** Loads opts.image over `base` (a refused image leaves `base` in use, and says why). */
  function useImage() {
    custom?.dispose();
    custom = null;
    imageError = null;
    if (opts.image) {
      try {
        custom = base.withImage(opts.image);
      } catch (error) {
        imageError = error;
      }
    }
    tact = custom ?? base;
    // An image so large that the module ran out of memory: restart, without the image.
    if (imageError?.code === 'TACT_MODULE_FAILED') recover(imageError, false);
  }

  function rescore() {
    clearTimeout(timer);
    timer = 0;
    if (!tact || destroyed || recovering) return;
    const text = textarea.value;
    const checked = cut(text);
    const start = performance.now();
    let next;
    try {
      next = tact.score(cut(String(review() ?? '')), checked, {
        lang: opts.lang,
        author: cut(String(opts.author ?? '')),
        business: opts.business,
        rating: validRating(opts.rating),
      });
    } catch (error) {
      scoredText = text; // do not retry this text on every click
      if (error.code === 'TACT_MODULE_FAILED') recover(error, true);
      else panel.error(error.message);
      return;
    }
    if (failure && failureText !== null && text !== failureText) failure = null;
    failuresInARow = 0;
    report = next;
    lastMs = performance.now() - start;
    scoredText = text;
    if (active >= 0) closeTooltip();
    finishDrawing();
    const drawn = report;
    const ms = lastMs;
    drawing = [
      () => overlay.render(text, drawn.findings, checked.length),
      () => {
        const s = strings();
        const notices = [];
        if (checked.length < text.length) {
          const count = checked.length.toLocaleString(s === STRINGS.fr ? 'fr' : 'en');
          notices.push(format(s.tooLong, { count }));
        }
        if (failure) {
          notices.push(format(s.recovered, { error: reason(failure) }));
          failureText = text;
        }
        if (drawn.flags?.includes('lang_unsupported')) notices.push(s.langUnsupported);
        if (imageError) notices.push(format(s.imageRefused, { error: reason(imageError) }));
        panel.render(drawn, text, ms, s);
        panel.notices(notices);
        textarea.dispatchEvent(new CustomEvent('tact-score', {
          bubbles: true,
          detail: { report: drawn, ms, checked: checked.length },
        }));
      },
    ];
    // A long text is drawn in separate tasks (highlights, then the panel), so that scoring and
    // drawing never add up in one; a short one at once, as callers of update() expect.
    if (checked.length <= DRAW_AT_ONCE) finishDrawing();
    else drawTimer = setTimeout(drawStep, 0);
  }

  function drawStep() {
    drawTimer = 0;
    drawing.shift()?.();
    if (drawing.length > 0) drawTimer = setTimeout(drawStep, 0);
  }

  /** Draws what is left of the last report now (before using its highlights). */
  function finishDrawing() {
    clearTimeout(drawTimer);
    drawTimer = 0;
    while (drawing.length > 0) drawing.shift()();
  }

  /**
   * After a module failure: says so, loads a fresh module, scores again (unless scoring this
   * same text failed twice in a row: then the next edit does).
   */
  function recover(error, whileScoring) {
    failure = error;
    failureText = null;
    failuresInARow += 1;
    recovering = true;
    overlay.stale();
    panel.error(format(strings().failed, { error: reason(error) }));
    tact.restart().then(
      () => {
        recovering = false;
        if (destroyed) return;
        if (imageChanged) {
          imageChanged = false;
          useImage();
          if (recovering) return; // that image failed the new module too
        }
        // The same text failing again right after a restart: wait for the next edit.
        if (whileScoring && failuresInARow > 1) return;
        scoredText = null;
        rescore();
      },
      (restartError) => {
        recovering = false;
        panel.error(format(strings().restartFailed, { error: reason(restartError) }));
      },
    );
  }

  function schedule() {
    clearTimeout(timer);
    // Long texts cost more per scoring: wait longer so typing stays fluid.
    const delay = Math.max(opts.debounce, Math.min(400, lastMs * 4));
    timer = setTimeout(rescore, delay);
  }

  /** Scores now if the text changed since the last scoring; returns whether it did. */
  function flush() {
    if (!tact || recovering || textarea.value === scoredText) return false;
    rescore();
    return true;
  }

  // --- events ---
  const listeners = [];
  function on(target, type, handler, options) {
    target.addEventListener(type, handler, options);
    listeners.push(() => target.removeEventListener(type, handler, options));
  }

  on(textarea, 'input', () => {
    if (active >= 0) closeTooltip();
    // Until the next scoring the old spans are stale: hide them (O(1), even on a long text).
    overlay.stale();
    schedule();
  });
  on(textarea, 'scroll', () => {
    overlay.syncScroll();
    if (active >= 0) tooltip.place(overlay.rects(active));
  });
  const caretCheck = () => {
    const i = findingAtCaret();
    if (i >= 0 && i !== active) openTooltip(i);
    else if (i < 0 && active >= 0 && !tooltip.contains(doc.activeElement)) closeTooltip();
  };
  on(textarea, 'click', caretCheck);
  on(textarea, 'keyup', (event) => {
    if (event.key.startsWith('Arrow') || event.key === 'Home' || event.key === 'End') caretCheck();
  });
  on(textarea, 'keydown', (event) => {
    if (event.key === 'Escape' && active >= 0) {
      event.preventDefault();
      closeTooltip();
    }
  });
  on(textarea, 'mousemove', (event) => {
    if (!report || timer || drawing.length > 0) return;
    const i = overlay.findingAt(event.clientX, event.clientY);
    if (i >= 0 && i !== active) openTooltip(i);
  });
  on(doc, 'pointerdown', (event) => {
    if (active >= 0 && !tooltip.contains(event.target) && event.target !== textarea) closeTooltip();
  });
  on(doc.defaultView, 'resize', () => overlay.syncGeometry());

  overlay.syncGeometry();
  overlay.render(textarea.value, []);

  const ready = Promise.resolve(opts.tact ?? sharedTact(opts.wasmUrl)).then(
    (loaded) => {
      if (destroyed) return;
      base = loaded;
      if (opts.lang && opts.lang !== 'auto') {
        // The declared language's rules load with the module, not inside the first scoring (an
        // unknown language is reported by that scoring).
        try {
          base.preload(opts.lang);
        } catch {
          // reported by rescore()
        }
      }
      useImage();
      overlay.syncGeometry();
      rescore();
    },
    (error) => {
      panel.error(format(strings().loadError, { error: error.message }));
      throw error;
    },
  );

  return {
    /** Resolves after the module has loaded and the first report is drawn. */
    ready,
    get report() {
      return report;
    },
    get lastMs() {
      return lastMs;
    },
    /** Changes options (review, author, business, rating, lang, uiLang, image…) and re-scores. */
    update(changes = {}) {
      Object.assign(opts, changes);
      if (!base) return;
      if ('image' in changes) {
        if (recovering) imageChanged = true;
        else useImage();
      }
      if (!recovering) rescore();
    },
    rescore,
    /** Opens the tooltip of finding `i` of the current report, focusing its first button. */
    open(i) {
      openTooltip(i, { focus: true, select: true });
    },
    destroy() {
      destroyed = true;
      clearTimeout(timer);
      clearTimeout(drawTimer);
      drawing = [];
      custom?.dispose();
      overlay.destroy();
      for (const off of listeners) off();
      if (ownPanel) panelElement.remove();
      else panel.clear();
      originalParent.insertBefore(textarea, field.parentNode === originalParent ? field : originalNext);
      field.remove();
    },
  };
}
