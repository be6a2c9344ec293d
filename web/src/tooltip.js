// The tooltip of one finding: message, suggestion, a button that rewrites the span, Close.
// Which finding it shows, and when, is up to attach.js.

import { el } from './dom.js';
import { findingTitle, format } from './strings.js';

/** A hidden tooltip; the caller puts `element` in `field`. onClose: Close or Escape. */
export function createTooltip(textarea, field, { onApply, onClose }) {
  const doc = textarea.ownerDocument;
  const id = `tact-tip-${Math.random().toString(36).slice(2, 10)}`;
  const tooltip = el(doc, 'div', { class: 'tact-tooltip', role: 'dialog', id, hidden: true });
  tooltip.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  });

  return {
    element: tooltip,
    id,
    get hidden() {
      return tooltip.hidden;
    },
    contains: (node) => tooltip.contains(node),

    /** Shows finding `f` (index `i`); `from` is the text its span covers. */
    show(f, i, from, s) {
      const title = findingTitle(s, f);
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
            onclick: () => onApply(i),
          }),
        );
      }
      actions.append(el(doc, 'button', { type: 'button', class: 'tact-btn tact-close', text: s.close, onclick: onClose }));
      children.push(actions);
      tooltip.replaceChildren(...children);
      tooltip.dataset.finding = String(i);
      tooltip.hidden = false;
    },

    focus() {
      (tooltip.querySelector('.tact-apply') ?? tooltip.querySelector('.tact-close')).focus();
    },

    /** Under the highlight's first rect, within the textarea and field. */
    place(rects) {
      const host = field.getBoundingClientRect();
      const box = textarea.getBoundingClientRect();
      const r = rects[0] ?? box;
      const top = Math.min(Math.max(r.bottom, box.top), box.bottom) - host.top + 6;
      const left = Math.max(0, Math.min(r.left - host.left, host.width - tooltip.offsetWidth));
      tooltip.style.top = `${top}px`;
      tooltip.style.left = `${left}px`;
    },

    hide() {
      tooltip.hidden = true;
    },
  };
}
