// attachTact(textarea, {review, …}): live coaching on a site's own <textarea>.
//
//   import { attachTact } from './attach.js';
//   const coach = attachTact(document.querySelector('#reply'), { review: reviewText });
//   coach.update({ author: 'Sophie M.' });   // re-scores
//   coach.destroy();                         // puts the page back as it was
//
// What it adds around the textarea:
//   - a mirrored overlay (same box, font and wrapping as the textarea, transparent text, no
//     pointer events) holding <mark>s at the findings' begin16/end16, so highlights sit on the
//     exact characters whatever the accents, emoji or line breaks;
//   - a tooltip per finding (hover, caret, or the panel's list) with the message, the suggestion
//     and a button that rewrites the span;
//   - a panel: score and band, criteria checklist with hints for missing criteria, findings
//     list, and an ARIA live region announcing score changes.
// Scoring is debounced on input and runs on the main thread (tens of µs for a typical reply).
// No network access: the only fetch is the .wasm, by loadTact().

import { loadTact } from './tact.js';
import { format, stringsFor } from './strings.js';

const SEVERITY_RANK = { hint: 0, warning: 1, problem: 2 };
const STATUS_ICON = { met: '✓', partial: '◐', missing: '○', violated: '✕', skipped: '–' };

const STYLE = `
.tact-field{position:relative}
.tact-field>textarea{position:relative;z-index:0}
.tact-mirror{position:absolute;z-index:1;pointer-events:none;overflow:hidden;color:transparent;
  background:transparent;border-color:transparent!important;white-space:pre-wrap;
  overflow-wrap:break-word;margin:0;box-shadow:none;outline:none}
.tact-mark{color:transparent;border-radius:2px;text-decoration-line:underline;
  text-decoration-style:wavy;text-decoration-thickness:1.5px;text-decoration-skip-ink:none;
  text-underline-offset:2px}
.tact-mark[data-severity=problem]{background:var(--tact-problem-bg,rgba(220,38,38,.18));
  text-decoration-color:var(--tact-problem,#b91c1c)}
.tact-mark[data-severity=warning]{background:var(--tact-warning-bg,rgba(217,119,6,.18));
  text-decoration-color:var(--tact-warning,#b45309)}
.tact-mark[data-severity=hint]{background:var(--tact-hint-bg,rgba(37,99,235,.14));
  text-decoration-color:var(--tact-hint,#1d4ed8)}
.tact-stale .tact-mark{background:none!important;text-decoration:none}
.tact-mark.tact-active{outline:2px solid var(--tact-focus,#1d4ed8);outline-offset:1px}
.tact-tooltip{position:absolute;z-index:3;max-width:min(24rem,90vw);box-sizing:border-box;
  padding:.6rem .75rem;border-radius:6px;background:var(--tact-tooltip-bg,#fff);
  color:var(--tact-tooltip-fg,#1f2937);border:1px solid #d1d5db;
  box-shadow:0 6px 20px rgba(0,0,0,.15);font:14px/1.4 system-ui,sans-serif}
.tact-tooltip[hidden]{display:none}
.tact-tooltip-title{font-weight:600;margin:0 0 .25rem}
.tact-tooltip p{margin:.25rem 0}
.tact-actions{display:flex;gap:.5rem;margin-top:.5rem;flex-wrap:wrap}
.tact-actions button,.tact-panel button{font:inherit;cursor:pointer}
.tact-btn{border:1px solid #9ca3af;background:#f9fafb;border-radius:4px;padding:.2rem .6rem}
.tact-btn-primary{background:#1d4ed8;border-color:#1d4ed8;color:#fff}
.tact-btn:focus-visible,.tact-finding:focus-visible{outline:2px solid var(--tact-focus,#1d4ed8);
  outline-offset:2px}
.tact-panel{font:14px/1.4 system-ui,sans-serif;margin-top:.5rem;color:inherit}
.tact-panel h3{font-size:.85rem;text-transform:uppercase;letter-spacing:.04em;margin:.75rem 0 .25rem;
  color:#4b5563}
.tact-scoreline{display:flex;align-items:baseline;gap:.5rem;flex-wrap:wrap}
.tact-score{font-size:2rem;font-weight:700;font-variant-numeric:tabular-nums}
.tact-band{font-weight:600;padding:.1rem .5rem;border-radius:999px;background:#e5e7eb}
.tact-band[data-band=rework]{background:#fee2e2;color:#991b1b}
.tact-band[data-band=fair]{background:#fef3c7;color:#92400e}
.tact-band[data-band=good]{background:#dcfce7;color:#166534}
.tact-band[data-band=excellent]{background:#bbf7d0;color:#14532d}
.tact-meter{height:6px;border-radius:3px;background:#e5e7eb;overflow:hidden;margin:.25rem 0}
.tact-meter>div{height:100%;background:#1d4ed8;transition:width .2s}
.tact-criteria,.tact-findings{list-style:none;margin:0;padding:0}
.tact-criteria li{padding:.15rem 0}
.tact-icon{display:inline-block;width:1.3em;text-align:center;font-weight:700}
.tact-criteria li[data-status=met] .tact-icon{color:#15803d}
.tact-criteria li[data-status=partial] .tact-icon{color:#b45309}
.tact-criteria li[data-status=missing] .tact-icon{color:#6b7280}
.tact-criteria li[data-status=violated] .tact-icon{color:#b91c1c}
.tact-criteria li[data-status=skipped]{color:#6b7280}
.tact-status{color:#6b7280;font-size:.85em}
.tact-hint{margin:.15rem 0 .35rem 1.3em;color:#374151;font-size:.92em}
.tact-hint .tact-btn{margin-left:.4rem;font-size:.9em}
.tact-finding{display:block;width:100%;text-align:left;background:none;border:0;
  border-left:3px solid #9ca3af;padding:.25rem .5rem;margin:.2rem 0;color:inherit}
.tact-finding[data-severity=problem]{border-left-color:var(--tact-problem,#b91c1c)}
.tact-finding[data-severity=warning]{border-left-color:var(--tact-warning,#b45309)}
.tact-finding[data-severity=hint]{border-left-color:var(--tact-hint,#1d4ed8)}
.tact-finding:hover{background:#f3f4f6}
.tact-quote{font-style:italic}
.tact-sr{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);
  clip-path:inset(50%);white-space:nowrap}
`;

const styledDocuments = new WeakSet();
function installStyle(doc) {
  if (styledDocuments.has(doc)) return;
  styledDocuments.add(doc);
  if ('adoptedStyleSheets' in doc && typeof CSSStyleSheet === 'function') {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
      return;
    } catch {
      // fall back to a <style> element
    }
  }
  const style = doc.createElement('style');
  style.textContent = STYLE;
  doc.head.append(style);
}

const defaultTacts = new Map();
/** One Tact per wasm URL, shared by every widget of the page. */
export function sharedTact(wasmUrl) {
  const key = wasmUrl ? String(wasmUrl) : '';
  if (!defaultTacts.has(key)) defaultTacts.set(key, loadTact(wasmUrl ? { wasmUrl } : {}));
  return defaultTacts.get(key);
}

function el(doc, tag, props = {}, children = []) {
  const node = doc.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  node.append(...children);
  return node;
}

const MIRRORED = [
  'boxSizing', 'fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'fontVariant', 'fontStretch',
  'fontKerning', 'fontFeatureSettings', 'fontVariationSettings', 'lineHeight', 'letterSpacing',
  'wordSpacing', 'textIndent', 'textTransform', 'textAlign', 'textRendering', 'tabSize',
  'direction', 'whiteSpace', 'wordBreak', 'overflowWrap', 'hyphens', 'paddingTop', 'paddingLeft',
  'paddingBottom', 'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth',
  'borderTopStyle', 'borderRightStyle', 'borderBottomStyle', 'borderLeftStyle',
];

/**
 * Attaches live coaching to `textarea`. Options:
 *   review: string, or a function returning it, read at each scoring;
 *   author, business (string[]), rating, lang ('auto' | 'fr' | 'en'): passed to score();
 *   uiLang: 'fr' | 'en' for the widget's labels (default: the report's language);
 *   tact: a Tact (or a promise of one); default: one shared Tact loaded from wasmUrl;
 *   panel: an element to render the panel into (default: a new one after the textarea);
 *   debounce: ms after the last keystroke (default 60, raised for slow, long texts).
 * Returns {update(options), rescore(), report, destroy()}; fires `tact-score` on the textarea
 * with detail {report, ms} after each scoring.
 */
export function attachTact(textarea, options = {}) {
  if (!textarea || textarea.tagName !== 'TEXTAREA') {
    throw new TypeError('attachTact: expected a <textarea>');
  }
  const doc = textarea.ownerDocument;
  installStyle(doc);
  const opts = { lang: 'auto', debounce: 60, ...options };

  let tact = null;
  let report = null;
  let scoredText = null;
  let lastMs = 0;
  let timer = 0;
  let active = -1; // index of the finding shown in the tooltip
  let tooltipOwner = null; // element to return focus to when the tooltip closes
  let lastAnnounce = '';
  let destroyed = false;

  // --- DOM ---------------------------------------------------------------------------------
  const originalParent = textarea.parentNode;
  const originalNext = textarea.nextSibling;
  const field = el(doc, 'div', { class: 'tact-field' });
  const mirror = el(doc, 'div', { class: 'tact-mirror', 'aria-hidden': 'true' });
  const tooltipId = `tact-tip-${Math.random().toString(36).slice(2, 10)}`;
  const tooltip = el(doc, 'div', {
    class: 'tact-tooltip',
    role: 'dialog',
    id: tooltipId,
    hidden: true,
  });
  const fieldDisplay = getComputedStyle(textarea).display;
  field.style.display = fieldDisplay === 'block' ? 'block' : 'inline-block';
  originalParent.insertBefore(field, textarea);
  field.append(textarea, mirror, tooltip);

  const ownPanel = !opts.panel;
  const panel = opts.panel ?? el(doc, 'section', {});
  panel.classList.add('tact-panel');
  if (ownPanel) field.after(panel);
  const live = el(doc, 'div', { class: 'tact-sr', role: 'status', 'aria-live': 'polite' });
  const scoreValue = el(doc, 'span', { class: 'tact-score', text: '–' });
  const band = el(doc, 'span', { class: 'tact-band' });
  const meterFill = el(doc, 'div', {});
  const panelTitle = el(doc, 'h3', {});
  const criteriaTitle = el(doc, 'h3', {});
  const criteriaList = el(doc, 'ul', { class: 'tact-criteria' });
  const findingsTitle = el(doc, 'h3', {});
  const findingsList = el(doc, 'ul', { class: 'tact-findings' });
  const status = el(doc, 'p', { class: 'tact-loading' });
  panel.replaceChildren(
    panelTitle,
    el(doc, 'div', { class: 'tact-scoreline' }, [scoreValue, band]),
    el(doc, 'div', { class: 'tact-meter', 'aria-hidden': 'true' }, [meterFill]),
    status,
    live,
    criteriaTitle,
    criteriaList,
    findingsTitle,
    findingsList,
  );

  const strings = () =>
    stringsFor(opts.uiLang || report?.lang || doc.documentElement.lang || 'en');
  panelTitle.textContent = strings().panel;
  panel.setAttribute('aria-label', strings().panel);
  status.textContent = strings().loading;

  // --- overlay geometry ----------------------------------------------------------------------
  function syncGeometry() {
    const cs = getComputedStyle(textarea);
    for (const prop of MIRRORED) mirror.style[prop] = cs[prop];
    const bl = parseFloat(cs.borderLeftWidth) || 0;
    const br = parseFloat(cs.borderRightWidth) || 0;
    // The textarea's scrollbar narrows its content box; the mirror has none, so pad it.
    const scrollbar = Math.max(0, textarea.offsetWidth - textarea.clientWidth - bl - br);
    mirror.style.paddingRight = `${(parseFloat(cs.paddingRight) || 0) + scrollbar}px`;
    // Fractional geometry: a box 0.2 px narrower than the textarea can wrap a line differently.
    const box = textarea.getBoundingClientRect();
    const host = field.getBoundingClientRect();
    mirror.style.left = `${box.left - host.left - field.clientLeft}px`;
    mirror.style.top = `${box.top - host.top - field.clientTop}px`;
    mirror.style.width = `${box.width}px`;
    mirror.style.height = `${box.height}px`;
    mirror.style.boxSizing = 'border-box';
    syncScroll();
  }
  function syncScroll() {
    mirror.scrollTop = textarea.scrollTop;
    mirror.scrollLeft = textarea.scrollLeft;
  }
  const resizeObserver =
    typeof ResizeObserver === 'function' ? new ResizeObserver(() => syncGeometry()) : null;
  resizeObserver?.observe(textarea);

  // --- rendering -----------------------------------------------------------------------------
  const spanned = (f) =>
    f.field === 'reply' && typeof f.begin16 === 'number' && typeof f.end16 === 'number';

  /** Text + <mark>s; overlapping findings are cut into segments, each naming its findings. */
  function renderMirror(text, findings) {
    const frag = doc.createDocumentFragment();
    const cuts = new Set([0, text.length]);
    const ranges = [];
    findings.forEach((f, i) => {
      if (!spanned(f)) return;
      const b = Math.min(f.begin16, text.length);
      const e = Math.min(f.end16, text.length);
      if (e <= b) return;
      ranges.push({ b, e, i, f });
      cuts.add(b);
      cuts.add(e);
    });
    const points = [...cuts].sort((x, y) => x - y);
    for (let k = 0; k + 1 < points.length; ++k) {
      const b = points[k];
      const e = points[k + 1];
      const piece = text.slice(b, e);
      const covering = ranges.filter((r) => r.b <= b && r.e >= e);
      if (covering.length === 0) {
        frag.append(piece);
        continue;
      }
      let top = covering[0];
      for (const r of covering) {
        if (SEVERITY_RANK[r.f.severity] > SEVERITY_RANK[top.f.severity]) top = r;
      }
      const mark = el(doc, 'mark', {
        class: 'tact-mark',
        'data-severity': top.f.severity,
        'data-findings': covering.map((r) => r.i).join(' '),
        text: piece,
      });
      if (covering.some((r) => r.i === active)) mark.classList.add('tact-active');
      frag.append(mark);
    }
    // A trailing line break only makes a new line in a textarea; keep the heights equal.
    frag.append('\u200b');
    mirror.replaceChildren(frag);
    mirror.classList.remove('tact-stale');
    syncScroll();
  }

  function criterionLabel(id) {
    return strings().criteria[id] ?? id.replace(/_/g, ' ');
  }

  function renderPanel(ms) {
    const s = strings();
    panelTitle.textContent = s.panel;
    panel.setAttribute('aria-label', s.panel);
    status.textContent = '';
    status.hidden = true;
    scoreValue.textContent = String(report.score);
    scoreValue.setAttribute('aria-label', `${s.scoreLabel} ${report.score}/100`);
    band.textContent = s.bands[report.band] ?? report.band;
    band.dataset.band = report.band;
    meterFill.style.width = `${report.score}%`;
    panel.dataset.ms = ms.toFixed(2);

    const announce = format(s.announce, { score: report.score, band: band.textContent });
    if (announce !== lastAnnounce) {
      lastAnnounce = announce;
      live.textContent = announce;
    }

    criteriaTitle.textContent = s.criteriaTitle;
    const hints = new Map();
    report.findings.forEach((f, i) => {
      if (!spanned(f) && f.field === 'reply' && !hints.has(f.criterion)) hints.set(f.criterion, i);
    });
    criteriaList.replaceChildren(
      ...report.criteria.map((c) => {
        const item = el(doc, 'li', { 'data-status': c.status, 'data-criterion': c.id }, [
          el(doc, 'span', { class: 'tact-icon', 'aria-hidden': 'true', text: STATUS_ICON[c.status] ?? '?' }),
          criterionLabel(c.id),
          el(doc, 'span', { class: 'tact-status', text: ` — ${s.statuses[c.status] ?? c.status}` }),
        ]);
        const hint = hints.get(c.id);
        if (hint !== undefined && c.status !== 'met') item.append(renderHint(report.findings[hint], hint));
        return item;
      }),
    );

    findingsTitle.textContent = s.findingsTitle;
    const listed = report.findings
      .map((f, i) => ({ f, i }))
      .filter(({ f }) => spanned(f) || (f.field === 'review' && typeof f.begin16 === 'number'));
    if (listed.length === 0) {
      findingsList.replaceChildren(el(doc, 'li', { class: 'tact-none', text: s.noFindings }));
    } else {
      findingsList.replaceChildren(...listed.map(({ f, i }) => renderFindingItem(f, i)));
    }
  }

  function renderHint(f, i) {
    const s = strings();
    const hint = el(doc, 'div', { class: 'tact-hint', 'data-finding': i }, [f.message]);
    if (f.suggestion) {
      hint.append(
        ' ',
        el(doc, 'span', { class: 'tact-quote', text: format(s.quote, { text: f.suggestion }) }),
        el(doc, 'button', {
          type: 'button',
          class: 'tact-btn tact-insert',
          'aria-label': format(s.insertLabel, { text: f.suggestion }),
          text: s.insert,
          onclick: () => insertText(f.suggestion),
        }),
      );
    }
    return hint;
  }

  function renderFindingItem(f, i) {
    const s = strings();
    const excerpt = f.field === 'reply' ? scoredText.slice(f.begin16, f.end16) : '';
    const button = el(
      doc,
      'button',
      {
        type: 'button',
        class: 'tact-finding',
        'data-severity': f.severity,
        'data-finding': i,
        'aria-haspopup': 'dialog',
        'aria-controls': tooltipId,
      },
      [
        el(doc, 'strong', { text: `${s.severities[f.severity] ?? f.severity} · ${criterionLabel(f.criterion)}` }),
        excerpt ? ` ${format(s.quote, { text: shorten(excerpt) })}` : ` (${s.inReview})`,
        el(doc, 'br'),
        f.message,
      ],
    );
    if (f.field === 'reply') {
      button.addEventListener('click', () => openTooltip(i, { focus: true, owner: button, select: true }));
    } else {
      button.disabled = true;
    }
    return el(doc, 'li', {}, [button]);
  }

  function shorten(text) {
    return text.length > 60 ? `${text.slice(0, 57)}…` : text;
  }

  // --- tooltip -------------------------------------------------------------------------------
  function markRects(i) {
    const rects = [];
    for (const mark of mirror.querySelectorAll('mark')) {
      if (mark.dataset.findings.split(' ').includes(String(i))) rects.push(...mark.getClientRects());
    }
    return rects;
  }

  function openTooltip(i, { focus = false, owner = null, select = false } = {}) {
    if (flush()) return; // the index belonged to a stale report
    const f = report?.findings[i];
    if (!f || !spanned(f)) return closeTooltip();
    const s = strings();
    active = i;
    tooltipOwner = owner;
    for (const mark of mirror.querySelectorAll('mark')) {
      mark.classList.toggle('tact-active', mark.dataset.findings.split(' ').includes(String(i)));
    }
    const from = scoredText.slice(f.begin16, f.end16);
    const title = `${s.severities[f.severity] ?? f.severity} · ${criterionLabel(f.criterion)}`;
    tooltip.setAttribute('aria-label', title);
    const children = [
      el(doc, 'p', { class: 'tact-tooltip-title', text: title }),
      el(doc, 'p', { class: 'tact-message', text: f.message }),
    ];
    const actions = el(doc, 'div', { class: 'tact-actions' });
    if (f.suggestion) {
      children.push(el(doc, 'p', { class: 'tact-suggestion', text: format(s.suggestion, { text: f.suggestion }) }));
      actions.append(
        el(doc, 'button', {
          type: 'button',
          class: 'tact-btn tact-btn-primary tact-apply',
          'aria-label': format(s.applyLabel, { from, to: f.suggestion }),
          text: s.apply,
          onclick: () => applyFinding(i),
        }),
      );
    }
    actions.append(
      el(doc, 'button', { type: 'button', class: 'tact-btn tact-close', text: s.close, onclick: () => closeTooltip(true) }),
    );
    children.push(actions);
    tooltip.replaceChildren(...children);
    tooltip.dataset.finding = String(i);
    tooltip.hidden = false;

    if (select) {
      textarea.setSelectionRange(f.begin16, f.end16);
      scrollSpanIntoView(f);
    }
    placeTooltip(i);
    if (focus) (tooltip.querySelector('.tact-apply') ?? tooltip.querySelector('.tact-close')).focus();
  }

  function scrollSpanIntoView(f) {
    const rects = markRects(report.findings.indexOf(f));
    if (rects.length === 0) return;
    const box = textarea.getBoundingClientRect();
    const r = rects[0];
    if (r.top < box.top || r.bottom > box.bottom) {
      textarea.scrollTop += r.top - box.top - textarea.clientHeight / 3;
      syncScroll();
    }
  }

  function placeTooltip(i) {
    const rects = markRects(i);
    const host = field.getBoundingClientRect();
    const box = textarea.getBoundingClientRect();
    const r = rects[0] ?? box;
    const top = Math.min(Math.max(r.bottom, box.top), box.bottom) - host.top + 6;
    const left = Math.max(0, Math.min(r.left - host.left, host.width - tooltip.offsetWidth));
    tooltip.style.top = `${top}px`;
    tooltip.style.left = `${left}px`;
  }

  function closeTooltip(restoreFocus = false) {
    if (tooltip.hidden) return;
    tooltip.hidden = true;
    active = -1;
    for (const mark of mirror.querySelectorAll('mark.tact-active')) mark.classList.remove('tact-active');
    if (restoreFocus) (tooltipOwner && tooltipOwner.isConnected ? tooltipOwner : textarea).focus();
    tooltipOwner = null;
  }

  function findingAtCaret() {
    if (!report || textarea.value !== scoredText) return -1;
    const pos = textarea.selectionStart;
    let best = -1;
    report.findings.forEach((f, i) => {
      if (!spanned(f) || pos < f.begin16 || pos > f.end16) return;
      if (best < 0 || SEVERITY_RANK[f.severity] > SEVERITY_RANK[report.findings[best].severity]) best = i;
    });
    return best;
  }

  function findingAtPoint(x, y) {
    for (const mark of mirror.querySelectorAll('mark')) {
      for (const r of mark.getClientRects()) {
        if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) {
          const ids = mark.dataset.findings.split(' ').map(Number);
          return ids.reduce((a, b) =>
            SEVERITY_RANK[report.findings[b].severity] > SEVERITY_RANK[report.findings[a].severity] ? b : a,
          );
        }
      }
    }
    return -1;
  }

  // --- editing -------------------------------------------------------------------------------
  function replaceRange(begin, end, text) {
    textarea.focus();
    textarea.setSelectionRange(begin, end);
    // execCommand keeps the browser's undo history and fires `input`; setRangeText does neither.
    let done = false;
    try {
      done = doc.execCommand('insertText', false, text);
    } catch {
      done = false;
    }
    if (!done || textarea.value.slice(begin, begin + text.length) !== text) {
      textarea.setRangeText(text, begin, end, 'end');
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    }
    rescore();
  }

  function applyFinding(i) {
    if (flush()) return;
    const f = report?.findings[i];
    if (!f || !spanned(f) || !f.suggestion) return;
    closeTooltip();
    replaceRange(f.begin16, f.end16, f.suggestion);
  }

  function insertText(text) {
    const value = textarea.value;
    const start = textarea.selectionStart ?? value.length;
    const end = textarea.selectionEnd ?? start;
    const before = value.slice(0, start);
    const after = value.slice(end);
    const lead = before && !/\s$/.test(before) ? ' ' : '';
    const trail = after && !/^\s/.test(after) ? ' ' : '';
    replaceRange(start, end, `${lead}${text}${trail}`);
  }

  // --- scoring -------------------------------------------------------------------------------
  function review() {
    return typeof opts.review === 'function' ? opts.review() : opts.review ?? '';
  }

  function rescore() {
    clearTimeout(timer);
    timer = 0;
    if (!tact || destroyed) return;
    const text = textarea.value;
    const start = performance.now();
    report = tact.score(review(), text, {
      lang: opts.lang,
      author: opts.author,
      business: opts.business,
      rating: opts.rating,
    });
    lastMs = performance.now() - start;
    scoredText = text;
    if (active >= 0) closeTooltip();
    renderMirror(text, report.findings);
    renderPanel(lastMs);
    textarea.dispatchEvent(
      new CustomEvent('tact-score', { bubbles: true, detail: { report, ms: lastMs } }),
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
    if (!tact || textarea.value === scoredText) return false;
    rescore();
    return true;
  }

  // --- events --------------------------------------------------------------------------------
  const listeners = [];
  function on(target, type, handler, options) {
    target.addEventListener(type, handler, options);
    listeners.push(() => target.removeEventListener(type, handler, options));
  }

  on(textarea, 'input', () => {
    if (active >= 0) closeTooltip();
    // Until the next scoring the old spans are stale: hide them (O(1), even on a long text).
    mirror.classList.add('tact-stale');
    schedule();
  });
  on(textarea, 'scroll', () => {
    syncScroll();
    if (active >= 0) placeTooltip(active);
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
    if (!report || timer) return;
    const i = findingAtPoint(event.clientX, event.clientY);
    if (i >= 0 && i !== active) openTooltip(i);
  });
  on(tooltip, 'keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      closeTooltip(true);
    }
  });
  on(doc, 'pointerdown', (event) => {
    if (active >= 0 && !tooltip.contains(event.target) && event.target !== textarea) closeTooltip();
  });
  const onResize = () => syncGeometry();
  on(doc.defaultView, 'resize', onResize);

  syncGeometry();
  renderMirror(textarea.value, []);

  const ready = Promise.resolve(opts.tact ?? sharedTact(opts.wasmUrl)).then(
    (loaded) => {
      if (destroyed) return;
      tact = loaded;
      syncGeometry();
      rescore();
    },
    (error) => {
      status.textContent = format(strings().loadError, { error: error.message });
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
    /** Changes options (review, author, business, rating, lang, uiLang) and re-scores. */
    update(changes = {}) {
      Object.assign(opts, changes);
      if (tact) rescore();
    },
    rescore,
    /** Opens the tooltip of finding `i` of the current report, focusing its first button. */
    open(i) {
      openTooltip(i, { focus: true, select: true });
    },
    destroy() {
      destroyed = true;
      clearTimeout(timer);
      resizeObserver?.disconnect();
      for (const off of listeners) off();
      if (ownPanel) panel.remove();
      else panel.replaceChildren();
      originalParent.insertBefore(textarea, field.parentNode === originalParent ? field : originalNext);
      field.remove();
    },
  };
}
