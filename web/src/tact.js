// Tact for JavaScript: loads the WebAssembly build and scores a draft reply to a review.
//
//   import { loadTact } from './tact.js';
//   const tact = await loadTact();                       // tact_wasm.wasm next to tact_wasm.mjs
//   const report = tact.score(review, reply, { lang: 'fr', author: 'Sophie M.', rating: 2 });
//   report.findings[0].begin16                           // UTF-16 index into `reply`
//
// This is the only file that knows the C ABI of wasm/tact_wasm.cc (names in wasm/exports.txt).
// No runtime dependencies, no eval, no network access beyond fetching the .wasm itself.

const ABI_VERSION = 1;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Frees scorers whose Tact object was garbage-collected without dispose(). */
const registry =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry(({ module, handle }) => module._tact_scorer_free(handle))
    : null;

/** Lone surrogates become U+FFFD (same length, so UTF-16 offsets are unchanged). */
function wellFormed(text) {
  const s = String(text ?? '');
  return typeof s.toWellFormed === 'function' ? s.toWellFormed() : s;
}

function readCString(module, ptr) {
  const heap = module.HEAPU8; // re-read: memory growth replaces the buffer
  const start = ptr >>> 0;
  const end = heap.indexOf(0, start);
  return decoder.decode(heap.subarray(start, end < 0 ? heap.length : end));
}

/** Copies `text` into the module's input arena; returns its length in UTF-8 bytes. */
function writeInput(module, text) {
  const capacity = text.length * 3; // worst case of UTF-16 → UTF-8
  const ptr = module._tact_buffer(capacity) >>> 0;
  const heap = module.HEAPU8; // after tact_buffer, which may grow memory
  return encoder.encodeInto(text, heap.subarray(ptr, ptr + capacity)).written;
}

function readResult(module, ptr) {
  const heap = module.HEAPU8;
  const start = ptr >>> 0;
  return decoder.decode(heap.subarray(start, start + (module._tact_result_size() >>> 0)));
}

/** A compiled set of rule packs inside one WebAssembly instance. */
export class Tact {
  #module;
  #handle;
  #token = {};

  /** @internal Use loadTact() or withPacks(). */
  constructor(module, handle) {
    this.#module = module;
    this.#handle = handle;
    registry?.register(this, { module, handle }, this.#token);
  }

  #live() {
    if (this.#handle === 0) throw new Error('tact: this scorer was disposed');
    return this.#handle;
  }

  /**
   * The report line exactly as the native CLI writes it, for one request: an object
   * {review, reply, id, lang, author, rating, business} or its JSON text (one JSONL line).
   */
  scoreJson(request) {
    const handle = this.#live();
    const module = this.#module;
    const text = typeof request === 'string' ? request : JSON.stringify(request);
    const n = writeInput(module, text);
    return readResult(module, module._tact_score(handle, n));
  }

  /** Scores `reply` as an answer to `review`; spans carry begin16/end16 (JS string indices). */
  score(review, reply, options = {}) {
    const request = { review: wellFormed(review), reply: wellFormed(reply) };
    if (options.lang) request.lang = options.lang;
    if (options.author) request.author = String(options.author);
    // One name or several; a bare string must not be spread into characters.
    const business = typeof options.business === 'string' ? [options.business] : options.business;
    if (business && business.length) request.business = Array.from(business, String);
    // 1-5 stars (the core rejects anything else); 0 or absent: unknown.
    if (options.rating) request.rating = Number(options.rating);
    if (options.id !== undefined) request.id = options.id;
    const report = JSON.parse(this.scoreJson(request));
    if (typeof report.error === 'string') throw new Error(`tact: ${report.error}`);
    return report;
  }

  /**
   * A new Tact with `packs` ([{name, json}], json being the file's text or an object) on top
   * of the built-in packs. Throws an Error carrying the loader's message.
   */
  withPacks(packs) {
    this.#live();
    const module = this.#module;
    const list = Array.from(packs, (pack) => ({
      name: String(pack.name),
      json: typeof pack.json === 'string' ? pack.json : JSON.stringify(pack.json),
    }));
    const handle = module._tact_scorer_from_packs(writeInput(module, JSON.stringify(list)));
    if (!handle) throw new Error(readCString(module, module._tact_last_error()));
    return new Tact(module, handle);
  }

  /** Runs every example of every loaded pack: {count, failures: [{pack, rule, message}]}. */
  checkExamples() {
    const module = this.#module;
    return JSON.parse(readResult(module, module._tact_scorer_check_examples(this.#live())));
  }

  /** Frees the compiled packs now; the object is unusable afterwards. Safe to call twice. */
  dispose() {
    if (this.#handle === 0) return;
    registry?.unregister(this.#token);
    this.#module._tact_scorer_free(this.#handle);
    this.#handle = 0;
  }
}

/**
 * Instantiates the WebAssembly module and compiles the built-in packs.
 *   wasmBinary: the .wasm bytes (Node, or a page that fetched them itself);
 *   wasmUrl: where to fetch the .wasm (default: tact_wasm.wasm next to tact_wasm.mjs);
 *   createModule: the Emscripten factory (default: imported from ./tact_wasm.mjs).
 */
export async function loadTact(options = {}) {
  const createModule =
    options.createModule ?? (await import('./tact_wasm.mjs')).default;
  const settings = {};
  if (options.wasmBinary) settings.wasmBinary = options.wasmBinary;
  if (options.wasmUrl) {
    const url = String(options.wasmUrl);
    settings.locateFile = (path) => (path.endsWith('.wasm') ? url : path);
  }
  const module = await createModule(settings);
  const version = module._tact_abi_version();
  if (version !== ABI_VERSION) {
    throw new Error(`tact: the wasm module speaks ABI ${version}, tact.js expects ${ABI_VERSION}`);
  }
  const handle = module._tact_scorer_builtin();
  if (!handle) throw new Error(readCString(module, module._tact_last_error()));
  return new Tact(module, handle);
}
