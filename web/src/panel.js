// The panel: score and band, the review's polarity, the criteria checklist with a hint under
// each criterion to do, the findings list (each opens its tooltip), and an ARIA live region.

import { el } from './dom.js';
import { spanned } from './overlay.js';
import { criterionLabel, findingTitle, format } from './strings.js';

const STATUS_ICON = { met: '✓', partial: '◐', missing: '○', violated: '✕', skipped: '–' };

const shorten = (text) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

/** Findings listed at most (the others are highlighted in the text): a long list costs time. */
const MAX_LISTED = 50;

/** Fills `panel`; onOpen(i, button) opens finding i, onInsert(text) adds a hint's example. */
export function createPanel(panel, { tooltipId, onOpen, onInsert }) {
  const doc = panel.ownerDocument;
  panel.classList.add('tact-panel');
  const live = el(doc, 'div', { class: 'tact-sr', role: 'status', 'aria-live': 'polite' });
  const scoreValue = el(doc, 'span', { class: 'tact-score', text: '–' });
  const band = el(doc, 'span', { class: 'tact-band' });
  const meterFill = el(doc, 'div', {});
  const polarity = el(doc, 'p', { class: 'tact-polarity', hidden: true });
  const panelTitle = el(doc, 'h3', {});
  const criteriaTitle = el(doc, 'h3', {});
  const criteriaList = el(doc, 'ul', { class: 'tact-criteria' });
  const findingsTitle = el(doc, 'h3', {});
  const findingsList = el(doc, 'ul', { class: 'tact-findings' });
  const status = el(doc, 'p', { class: 'tact-loading' });
  // Why the panel may not tell the whole story: a cut reply, a restart, refused custom rules.
  const notices = el(doc, 'div', { class: 'tact-notices', role: 'note', hidden: true });
  panel.replaceChildren(
    panelTitle,
    el(doc, 'div', { class: 'tact-scoreline' }, [scoreValue, band]),
    el(doc, 'div', { class: 'tact-meter', 'aria-hidden': 'true' }, [meterFill]),
    polarity,
    status,
    notices,
    live,
    criteriaTitle,
    criteriaList,
    findingsTitle,
    findingsList,
  );
  let lastAnnounce = '';

  function setTitle(s) {
    panelTitle.textContent = s.panel;
    panel.setAttribute('aria-label', s.panel);
  }

  function renderHint(f, i, s) {
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
          onclick: () => onInsert(f.suggestion),
        }),
      );
    }
    return hint;
  }

  function renderFinding(f, i, text, s) {
    const excerpt = f.field === 'reply' ? text.slice(f.begin16, f.end16) : '';
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
        el(doc, 'strong', { text: findingTitle(s, f) }),
        excerpt ? ` ${format(s.quote, { text: shorten(excerpt) })}` : ` (${s.inReview})`,
        el(doc, 'br'),
        f.message,
      ],
    );
    if (f.field === 'reply') button.addEventListener('click', () => onOpen(i, button));
    else button.disabled = true;
    return el(doc, 'li', {}, [button]);
  }

  return {
    loading(s) {
      setTitle(s);
      status.textContent = s.loading;
    },

    error(message) {
      status.textContent = message;
      status.hidden = false;
    },

    /** Lines shown above the checklist until the next call; none: hidden. */
    notices(lines) {
      notices.replaceChildren(...lines.map((line) => el(doc, 'p', { class: 'tact-notice', text: line })));
      notices.hidden = lines.length === 0;
    },

    render(report, text, ms, s) {
      setTitle(s);
      status.textContent = '';
      status.hidden = true;
      scoreValue.textContent = String(report.score);
      scoreValue.setAttribute('aria-label', `${s.scoreLabel} ${report.score}/100`);
      band.textContent = s.bands[report.band] ?? report.band;
      band.dataset.band = report.band;
      meterFill.style.width = `${report.score}%`;
      panel.dataset.ms = ms.toFixed(2);

      // Says why some criteria are not needed; absent when there is no review.
      const p = report.review?.polarity;
      polarity.hidden = !p;
      polarity.textContent = p ? s.polarity[p] ?? p : '';
      if (p) polarity.dataset.polarity = p;
      else delete polarity.dataset.polarity;

      const announce = format(s.announce, { score: report.score, band: band.textContent });
      if (announce !== lastAnnounce) {
        lastAnnounce = announce;
        live.textContent = announce;
      }

      criteriaTitle.textContent = s.criteriaTitle;
      // A criterion's first span-less finding is its hint; a skipped one is never a thing to fix.
      const hints = new Map();
      report.findings.forEach((f, i) => {
        if (!spanned(f) && f.field === 'reply' && !hints.has(f.criterion)) hints.set(f.criterion, i);
      });
      criteriaList.replaceChildren(
        ...report.criteria.map((c) => {
          const item = el(doc, 'li', { 'data-status': c.status, 'data-criterion': c.id }, [
            el(doc, 'span', { class: 'tact-icon', 'aria-hidden': 'true', text: STATUS_ICON[c.status] ?? '?' }),
            criterionLabel(s, c.id),
            el(doc, 'span', { class: 'tact-status', text: ` — ${s.statuses[c.status] ?? c.status}` }),
          ]);
          const hint = hints.get(c.id);
          if (hint !== undefined && c.status !== 'met' && c.status !== 'skipped') {
            item.append(renderHint(report.findings[hint], hint, s));
          }
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
        const items = listed.slice(0, MAX_LISTED).map(({ f, i }) => renderFinding(f, i, text, s));
        if (listed.length > MAX_LISTED) {
          const more = format(s.more, { count: listed.length - MAX_LISTED });
          items.push(el(doc, 'li', { class: 'tact-more', text: more }));
        }
        findingsList.replaceChildren(...items);
      }
    },

    clear() {
      panel.replaceChildren();
    },
  };
}
