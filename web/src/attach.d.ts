// Types for attach.js (hand-written, see tact.d.ts).
import type { Lang, Report, Tact } from './tact.js';

export interface AttachOptions {
  /** The review being answered, or a function returning it (read at each scoring). */
  review?: string | (() => string);
  author?: string;
  /** The business's own names, e-mail domains and phone numbers: one, or a list. */
  business?: string | readonly string[];
  /** The review's stars, 1-5; anything else counts as unknown. */
  rating?: number;
  /** The reply's language for scoring; default "auto". */
  lang?: Lang | 'auto';
  /** The widget's labels; default: the report's language. */
  uiLang?: Lang;
  /** A Tact to use; default: one shared per page, loaded from wasmUrl. */
  tact?: Tact | Promise<Tact>;
  wasmUrl?: string | URL;
  /** Where to draw the panel; default: a new element after the textarea. */
  panel?: HTMLElement;
  /** Milliseconds after the last keystroke; default 60 (raised for slow, long texts). */
  debounce?: number;
  /**
   * The reply, review and author are checked up to this many UTF-16 code units (default
   * 8192, about 1,300 words), so that one scoring never blocks the page for long; the panel says when a reply is
   * cut.
   */
  maxLength?: number;
  /**
   * A compiled pack image (`tact packs compile`) to score with, on top of the built-in packs;
   * one that is refused leaves the built-in packs in use and the panel says why.
   */
  image?: Uint8Array | ArrayBuffer | null;
}

export interface CoachController {
  /** Resolves once the module is loaded and the first report is drawn. */
  readonly ready: Promise<void>;
  readonly report: Report | null;
  /** Duration of the last scoring, in milliseconds. */
  readonly lastMs: number;
  update(changes?: Partial<AttachOptions>): void;
  rescore(): void;
  /** Opens the tooltip of finding `index` of the current report. */
  open(index: number): void;
  destroy(): void;
}

/** The `tact-score` event's detail, fired on the textarea after each scoring. */
export interface TactScoreDetail {
  report: Report;
  ms: number;
  /** How many UTF-16 code units of the reply were checked (maxLength at most). */
  checked: number;
}

export declare function attachTact(textarea: HTMLTextAreaElement, options?: AttachOptions): CoachController;
export declare function sharedTact(wasmUrl?: string | URL): Promise<Tact>;
