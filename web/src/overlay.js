// The highlights: a mirror of the textarea (same box, font and wrapping, transparent text, no
// pointer events) holding <mark>s at the findings' begin16/end16, so they sit on the exact
// characters whatever the accents, emoji or line breaks. Overlaps are cut into segments.

import { el } from './dom.js';

const SEVERITY_RANK = { hint: 0, warning: 1, problem: 2 };

/** Whether finding `f` has a span in the reply (a missing criterion has none). */
export const spanned = (f) =>
  f.field === 'reply' && typeof f.begin16 === 'number' && typeof f.end16 === 'number';

/** The most severe of findings[i] for i in `indices` (the first on a tie), or -1. */
export function severest(findings, indices) {
  let best = -1;
  for (const i of indices) {
    if (best < 0 || SEVERITY_RANK[findings[i].severity] > SEVERITY_RANK[findings[best].severity]) best = i;
  }
  return best;
}

const MIRRORED = [
  'boxSizing', 'fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'fontVariant', 'fontStretch',
  'fontKerning', 'fontFeatureSettings', 'fontVariationSettings', 'lineHeight', 'letterSpacing',
  'wordSpacing', 'textIndent', 'textTransform', 'textAlign', 'textRendering', 'tabSize',
  'direction', 'whiteSpace', 'wordBreak', 'overflowWrap', 'hyphens', 'paddingTop', 'paddingLeft',
  'paddingBottom', 'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth',
  'borderTopStyle', 'borderRightStyle', 'borderBottomStyle', 'borderLeftStyle',
];

/** Above this many code units, the mirror holds the text up to the last highlight only. */
const LONG_TEXT = 65536;

/** The end of the line (or else of the word) at `at`, if near; else `at`. */
function wordEnd(text, at) {
  const newline = text.indexOf('\n', at);
  if (newline >= 0 && newline - at <= 1024) return newline;
  const space = text.slice(at, at + 1024).search(/\s/);
  return space >= 0 ? at + space : at;
}

const covers = (mark, i) => mark.dataset.findings.split(' ').includes(String(i));

/** The overlay of `textarea`; the caller puts `element` in `field`, their positioned box. */
export function createOverlay(textarea, field) {
  const doc = textarea.ownerDocument;
  const mirror = el(doc, 'div', { class: 'tact-mirror', 'aria-hidden': 'true' });
  let findings = [];

  function syncScroll() {
    mirror.scrollTop = textarea.scrollTop;
    mirror.scrollLeft = textarea.scrollLeft;
  }

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

  const resizeObserver =
    typeof ResizeObserver === 'function' ? new ResizeObserver(() => syncGeometry()) : null;
  resizeObserver?.observe(textarea);

  /**
   * Draws `text`; each <mark> names its findings and takes the most severe one's colour. Past
   * `limit` (the end of what was scored) nothing is highlighted. A long text (past `limit`, or
   * over 64 K code units) is drawn only up to its last highlight (and the end of that line or
   * word, so that it wraps the same); an empty block as tall as the textarea's content then keeps
   * the scrolling in step. A pasted megabyte is thus not laid out a second time.
   */
  function render(text, list, limit = text.length) {
    findings = list;
    const frag = doc.createDocumentFragment();
    const stop = Math.min(limit, text.length);
    const ranges = [];
    let last = 0;
    list.forEach((f, i) => {
      if (!spanned(f)) return;
      const b = Math.min(f.begin16, stop);
      const e = Math.min(f.end16, stop);
      if (e <= b) return;
      ranges.push({ b, e, i });
      last = Math.max(last, e);
    });
    let end = text.length;
    if (stop < text.length || text.length > LONG_TEXT) end = wordEnd(text, last);
    const cuts = new Set([0, end]);
    for (const { b, e } of ranges) {
      cuts.add(b);
      cuts.add(e);
    }
    const points = [...cuts].sort((x, y) => x - y);
    // A sweep: `open` holds the ranges over the current piece (every range ends at a cut).
    const byBegin = [...ranges].sort((x, y) => x.b - y.b);
    let next = 0;
    let open = [];
    for (let k = 0; k + 1 < points.length; ++k) {
      const b = points[k];
      const e = points[k + 1];
      const piece = text.slice(b, e);
      while (next < byBegin.length && byBegin[next].b <= b) open.push(byBegin[next++]);
      open = open.filter((r) => r.e > b);
      const covering = open.map((r) => r.i).sort((x, y) => x - y);
      if (covering.length === 0) {
        frag.append(piece);
        continue;
      }
      const mark = el(doc, 'mark', {
        class: 'tact-mark',
        'data-severity': list[severest(list, covering)].severity,
        'data-findings': covering.join(' '),
        text: piece,
      });
      frag.append(mark);
    }
    if (end < text.length) {
      // CSSOM, not a style attribute: a CSP without 'unsafe-inline' blocks those.
      const rest = el(doc, 'div', { class: 'tact-mirror-rest' });
      rest.style.height = `${textarea.scrollHeight}px`;
      frag.append(rest);
    } else {
      // A trailing line break only makes a new line in a textarea; keep the heights equal.
      frag.append('\u200b');
    }
    mirror.replaceChildren(frag);
    mirror.classList.remove('tact-stale');
    syncScroll();
  }

  return {
    element: mirror,
    render,
    syncGeometry,
    syncScroll,
    /** Hides the marks until the next render (the spans are out of date). */
    stale() {
      mirror.classList.add('tact-stale');
    },
    rects(i) {
      const rects = [];
      for (const mark of mirror.querySelectorAll('mark')) {
        if (covers(mark, i)) rects.push(...mark.getClientRects());
      }
      return rects;
    },
    setActive(i) {
      const marks = mirror.querySelectorAll(i < 0 ? 'mark.tact-active' : 'mark');
      for (const mark of marks) mark.classList.toggle('tact-active', i >= 0 && covers(mark, i));
    },
    /** The most severe finding under the viewport point (x, y), or -1. */
    findingAt(x, y) {
      for (const mark of mirror.querySelectorAll('mark')) {
        for (const r of mark.getClientRects()) {
          if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) {
            return severest(findings, mark.dataset.findings.split(' ').map(Number));
          }
        }
      }
      return -1;
    },
    destroy() {
      resizeObserver?.disconnect();
    },
  };
}
