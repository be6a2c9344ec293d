// Types for tact.js, attach.js and tact-reply-coach.js (hand-written: Emscripten 3.1.6 has no
// --emit-tsd). Field names and string values are exactly those of the report JSON (spec §6).

export type Lang = 'fr' | 'en';
export type Severity = 'hint' | 'warning' | 'problem';
export type Field = 'reply' | 'review';
export type CriterionStatus = 'met' | 'partial' | 'missing' | 'violated' | 'skipped';
export type Band = 'rework' | 'fair' | 'good' | 'excellent';
export type ReportFlag = 'truncated' | 'invalid_utf8' | 'lang_guessed' | 'lang_unsupported';
/** How the review reads; for a positive one, apology, solution and private_channel are skipped. */
export type Polarity = 'negative' | 'mixed' | 'positive' | 'neutral';

export interface CriterionResult {
  id: string;
  weight: number;
  /** "skipped": not needed for this review (e.g. no apology for a positive one); not scored. */
  status: CriterionStatus;
}

export interface Finding {
  /** Stable id "<lang>.<criterion>.<name>". */
  rule: string;
  /** Criterion or violation id of the rubric, e.g. "apology", "conditional_apology". */
  criterion: string;
  severity: Severity;
  field: Field;
  /** UTF-8 byte offsets; absent for a missing criterion (no span). */
  begin?: number;
  end?: number;
  /** UTF-16 code unit offsets (JavaScript string indices); absent when there is no span. */
  begin16?: number;
  end16?: number;
  message: string;
  suggestion?: string;
}

export interface Report {
  id?: string | number;
  score: number;
  band: Band;
  lang: Lang;
  /** The first name (or initials) signing the reply, as written; absent when unsigned. */
  agent?: string;
  criteria: CriterionResult[];
  findings: Finding[];
  review: {
    topics: string[];
    refusal: boolean;
    /** Absent when there is no review. */
    polarity?: Polarity;
  };
  flags: ReportFlag[];
}

export interface ScoreOptions {
  /** Default "auto": detected from the reply and the review. */
  lang?: Lang | 'auto';
  /** The reviewer's display name, e.g. "Sophie M.". */
  author?: string;
  /** The business's own names, e-mail domains and phone numbers: one, or a list. */
  business?: string | readonly string[];
  /** The review's stars, 1-5 (anything else throws); 0 or absent when unknown. */
  rating?: number;
  /** Echoed as the report's "id". */
  id?: string | number;
}

export interface ExampleFailure {
  pack: string;
  rule: string;
  message: string;
}

export interface ScoreRequest extends ScoreOptions {
  reply: string;
  review?: string;
}

export declare class Tact {
  private constructor();
  /** Scores `reply` as an answer to `review`. Throws only on a disposed Tact. */
  score(review: string, reply: string, options?: ScoreOptions): Report;
  /** The report line exactly as the native CLI prints it (or {"id":…,"error":"…"}). */
  scoreJson(request: ScoreRequest | string): string;
  /**
   * A new Tact over a compiled pack image (`tact packs compile DIR -o FILE`); throws saying why
   * an image is refused (not an image, another format version, damaged).
   */
  withImage(image: Uint8Array | ArrayBuffer): Tact;
  /**
   * Loads the rules of `lang` now (each language's otherwise load in the first score() that
   * needs them); throws for a language no pack reads.
   */
  preload(lang: Lang): void;
  /** Runs every example of every loaded pack. */
  checkExamples(): { count: number; failures: ExampleFailure[] };
  /** Frees the compiled packs; safe to call twice. */
  dispose(): void;
  /**
   * Whether the WebAssembly module failed (out of memory, a trap): every call then throws an
   * Error with `code` 'TACT_MODULE_FAILED' until restart() resolves.
   */
  readonly failed: boolean;
  /**
   * Loads a fresh WebAssembly instance after a failure, for this Tact and every Tact made from
   * the same loadTact(); their scorers (built-in or withImage) are rebuilt on their next call.
   * Resolves at once when nothing failed.
   */
  restart(): Promise<void>;
}

/** What a call on a failed module throws. */
export interface TactModuleFailedError extends Error {
  code: 'TACT_MODULE_FAILED';
  /** The module's own failure (e.g. a WebAssembly.RuntimeError "Aborted()"). */
  cause: unknown;
}

export interface LoadOptions {
  /** The page's language: its rules load with the module (preload), not in the first score(). */
  lang?: Lang | 'auto';
  /** The .wasm bytes (Node, or a page that fetched them itself). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where to fetch the .wasm; default: tact_wasm.wasm next to tact_wasm.mjs. */
  wasmUrl?: string | URL;
  /** The Emscripten factory; default: the one exported by ./tact_wasm.mjs. */
  createModule?: (settings: object) => Promise<unknown>;
}

export declare function loadTact(options?: LoadOptions): Promise<Tact>;
