// <tact-reply-coach>: a reply textarea with live coaching, for pages that have none of their own.
//
//   <script type="module" src="tact-reply-coach.js"></script>
//   <tact-reply-coach review-for="#review" author="Sophie M." ui-lang="fr">
//     <textarea name="reply"></textarea>      <!-- optional: kept, so forms still submit it -->
//   </tact-reply-coach>
//
// Attributes: review (text) or review-for (a selector whose element's value/text is the review),
// author, business (names separated by "|"), rating (1-5 stars), language (auto | fr | en: the
// reply's language for scoring), ui-lang (fr | en: the widget's labels), wasm-url, placeholder,
// rows.
// Properties: value, review, report, tact (a Tact to use instead of the shared one), image (a
// compiled pack image, bytes, on top of the built-in packs; a refused one is reported in the
// panel and the built-in packs are used).
// Event: `tact-score` ({report, ms}) after each scoring. Everything is in light DOM, so the
// textarea takes part in forms and page styles.

import { attachTact } from './attach.js';

const ATTRIBUTES = ['review', 'review-for', 'author', 'business', 'rating', 'language', 'ui-lang'];

export class TactReplyCoach extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  #coach = null;
  #tact = null;
  #image = null;
  #review = null;
  #reviewSource = null;
  #onReviewInput = () => this.#coach?.update({});

  connectedCallback() {
    if (this.#coach) return;
    let textarea = this.querySelector('textarea');
    if (!textarea) {
      textarea = this.ownerDocument.createElement('textarea');
      textarea.rows = Number(this.getAttribute('rows')) || 8;
      textarea.className = 'tact-reply';
      this.append(textarea);
    }
    if (this.hasAttribute('placeholder')) textarea.placeholder = this.getAttribute('placeholder');
    if (!textarea.hasAttribute('aria-label') && !textarea.labels?.length) {
      textarea.setAttribute('aria-label', this.getAttribute('label') ?? 'Reply');
    }
    this.#watchReviewSource();
    this.#coach = attachTact(textarea, {
      ...this.#options(),
      review: () => this.review,
      tact: this.#tact ?? undefined,
      image: this.#image,
      wasmUrl: this.getAttribute('wasm-url') ?? undefined,
    });
    this.#coach.ready.catch(() => {}); // the panel shows the error
  }

  disconnectedCallback() {
    this.#reviewSource?.removeEventListener('input', this.#onReviewInput);
    this.#reviewSource = null;
    this.#coach?.destroy();
    this.#coach = null;
  }

  attributeChangedCallback(name) {
    if (!this.#coach) return;
    if (name === 'review-for') this.#watchReviewSource();
    this.#coach.update(this.#options());
  }

  #options() {
    const business = this.getAttribute('business');
    return {
      author: this.getAttribute('author') ?? undefined,
      business: business ? business.split('|').map((s) => s.trim()).filter(Boolean) : undefined,
      rating: this.getAttribute('rating') ?? undefined, // 1-5; attachTact ignores anything else
      lang: this.getAttribute('language') || 'auto',
      uiLang: this.getAttribute('ui-lang') || undefined,
    };
  }

  #watchReviewSource() {
    this.#reviewSource?.removeEventListener('input', this.#onReviewInput);
    const selector = this.getAttribute('review-for');
    this.#reviewSource = selector ? this.ownerDocument.querySelector(selector) : null;
    this.#reviewSource?.addEventListener('input', this.#onReviewInput);
  }

  /** The review being answered: the `review` property, else review-for, else the attribute. */
  get review() {
    if (this.#review !== null) return this.#review;
    const source = this.#reviewSource;
    if (source) return 'value' in source ? source.value : source.textContent;
    return this.getAttribute('review') ?? '';
  }

  set review(text) {
    this.#review = text === null || text === undefined ? null : String(text);
    this.#coach?.update({});
  }

  get value() {
    return this.querySelector('textarea')?.value ?? '';
  }

  set value(text) {
    const textarea = this.querySelector('textarea');
    if (!textarea) return;
    textarea.value = String(text);
    this.#coach?.rescore();
  }

  /** The latest report (null before the module has loaded). */
  get report() {
    return this.#coach?.report ?? null;
  }

  /** Resolves once the module is loaded and the first report is drawn. */
  get ready() {
    return this.#coach?.ready ?? Promise.resolve();
  }

  /** Use this Tact (e.g. one built withImage) instead of the page's shared one. */
  set tact(tact) {
    this.#tact = tact;
    if (this.#coach) {
      const parent = this.#coach;
      parent.destroy();
      this.#coach = null;
      this.connectedCallback();
    }
  }

  get tact() {
    return this.#tact;
  }

  /** A compiled pack image (Uint8Array or ArrayBuffer) on top of the built-in packs; null: none. */
  set image(bytes) {
    this.#image = bytes ?? null;
    this.#coach?.update({ image: this.#image });
  }

  get image() {
    return this.#image;
  }
}

if (!customElements.get('tact-reply-coach')) {
  customElements.define('tact-reply-coach', TactReplyCoach);
}

export { attachTact };
