// Tact for JavaScript: loads the WebAssembly build and scores a draft reply to a review.
//
//   import { loadTact } from './tact.js';
//   const tact = await loadTact({ lang: 'fr' });         // tact_wasm.wasm next to tact_wasm.mjs
//   const report = tact.score(review, reply, { lang: 'fr', author: 'Sophie M.', rating: 2 });
//   report.findings[0].begin16                           // UTF-16 index into `reply`
//
// This is the only file that knows the C ABI of wasm/tact_wasm.cc (names in wasm/exports.txt).
// No runtime dependencies, no eval, no network access beyond fetching the .wasm itself.

const ABI_VERSION = 3;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Frees scorers whose Tact object was garbage-collected without dispose(). */
const registry =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry((state) => {
        // Not in a module that failed: its memory is not to be trusted, and is dropped whole.
        const { runtime } = state;
        if (state.handle && !runtime.failed && state.generation === runtime.generation) {
          runtime.module._tact_scorer_free(state.handle);
        }
      })
    : null;

/**
 * One WebAssembly instance and how to make another: every Tact made from the same loadTact()
 * shares it. A call that throws out of the module (a trap, an abort on out-of-memory) leaves its
 * memory in an unknown state: the instance is marked failed, never called again, and restart()
 * replaces it with a fresh one, on which each Tact rebuilds its scorer.
 */
class Runtime {
  constructor(createModule, settings, module) {
    this.createModule = createModule;
    this.settings = settings;
    this.module = module;
    this.generation = 1;
    this.failed = null; // the Error that broke the current instance
    this.restarting = null; // Promise while a new instance loads
  }

  fail(error) {
    if (!this.failed) this.failed = error;
  }

  restart() {
    if (!this.failed) return Promise.resolve();
    if (!this.restarting) {
      this.restarting = instantiate(this.createModule, this.settings).then(
        (module) => {
          this.module = module;
          this.generation += 1;
          this.failed = null;
          this.restarting = null;
        },
        (error) => {
          this.restarting = null;
          throw error;
        },
      );
    }
    return this.restarting;
  }
}

async function instantiate(createModule, settings) {
  const module = await createModule({ ...settings });
  const version = module._tact_abi_version();
  if (version !== ABI_VERSION) {
    throw new Error(`tact: the wasm module speaks ABI ${version}, tact.js expects ${ABI_VERSION}`);
  }
  return module;
}

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

/** Copies `texts` one after the other into the module's input arena; returns their UTF-8 byte
 *  lengths. */
function writeInputs(module, texts) {
  const capacity = texts.reduce((n, t) => n + t.length * 3, 0); // worst case UTF-16 → UTF-8
  const ptr = module._tact_buffer(Math.max(capacity, 1)) >>> 0;
  const heap = module.HEAPU8; // after tact_buffer, which may grow memory
  let at = ptr;
  return texts.map((text) => {
    const { written } = encoder.encodeInto(text, heap.subarray(at, ptr + capacity));
    at += written;
    return written;
  });
}

/** Copies `bytes` into the module's input arena; returns their length. */
function writeBytes(module, bytes) {
  const ptr = module._tact_buffer(Math.max(bytes.length, 1)) >>> 0;
  module.HEAPU8.set(bytes, ptr);
  return bytes.length;
}

/** The CLI's line for a request it cannot score (ErrorJson in the core). */
function errorLine(idJson, message) {
  return `{${idJson ? `"id":${idJson},` : ''}"error":${JSON.stringify(message)}}`;
}

/** The request's fields as the core reads them (request_json.cc), or an error message. */
function requestFields(request) {
  const fields = { review: '', reply: '', author: '', lang: '', business: [], rating: 0, id: null };
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    return { error: 'expected a JSON object' };
  }
  const { id } = request;
  if (typeof id === 'string') {
    fields.id = { kind: 1, text: wellFormed(id), json: JSON.stringify(wellFormed(id)) };
  } else if (Number.isSafeInteger(id)) {
    fields.id = { kind: 2, text: String(id), json: String(id) };
  } else if (id !== undefined && id !== null) {
    return { error: '"id" must be a string or an integer' };
  }
  if (request.reply === undefined || request.reply === null) return { error: 'missing "reply"', fields };
  for (const key of ['reply', 'review', 'author', 'lang']) {
    const value = request[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') return { error: `"${key}" must be a string`, fields };
    fields[key] = wellFormed(value);
  }
  const { rating, business } = request;
  if (rating !== undefined && rating !== null) {
    if (typeof rating !== 'number' || !(rating >= 1 && rating <= 5)) {
      return { error: '"rating" must be a number from 1 to 5', fields };
    }
    fields.rating = Math.trunc(rating);
  }
  if (typeof business === 'string') {
    fields.business = [wellFormed(business)];
  } else if (Array.isArray(business)) {
    if (!business.every((b) => typeof b === 'string')) {
      return { error: '"business" must be a string or a list of strings', fields };
    }
    fields.business = business.map(wellFormed);
  } else if (business !== undefined && business !== null) {
    return { error: '"business" must be a string or a list of strings', fields };
  }
  return { fields };
}

function readResult(module, ptr) {
  const heap = module.HEAPU8;
  const start = ptr >>> 0;
  return decoder.decode(heap.subarray(start, start + (module._tact_result_size() >>> 0)));
}

/** A compiled set of rule packs inside one WebAssembly instance. */
export class Tact {
  #runtime;
  #state; // {runtime, handle, generation}: what the FinalizationRegistry frees
  #image; // the pack image bytes (a copy), to rebuild the scorer after a restart; null: built-in
  #token = {};

  /** @internal Use loadTact() or withImage(). */
  constructor(runtime, handle, image = null) {
    this.#runtime = runtime;
    this.#image = image;
    this.#state = { runtime, handle, generation: runtime.generation };
    registry?.register(this, this.#state, this.#token);
  }

  /** Runs fn(module, handle); anything thrown out of the module marks it failed (see Runtime). */
  #call(fn) {
    const runtime = this.#runtime;
    const state = this.#state;
    if (state.handle === 0) throw new Error('tact: this scorer was disposed');
    if (runtime.failed) throw failedError(runtime.failed);
    const module = runtime.module;
    try {
      if (state.generation !== runtime.generation) {
        // A restart: this Tact's scorer is rebuilt in the new instance.
        state.handle = this.#image
          ? module._tact_scorer_from_image(writeBytes(module, this.#image))
          : module._tact_scorer_builtin();
        state.generation = runtime.generation;
        if (!state.handle) throw new Error(`tact: ${readCString(module, module._tact_last_error())}`);
      }
      return fn(module, state.handle);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('tact: ')) throw error;
      runtime.fail(error instanceof Error ? error : new Error(String(error)));
      throw failedError(runtime.failed);
    }
  }

  /** Whether the WebAssembly module failed and restart() has not replaced it yet. */
  get failed() {
    return this.#runtime.failed !== null;
  }

  /**
   * After a failure (score() threw an Error with `code` 'TACT_MODULE_FAILED'): loads a fresh
   * WebAssembly instance for this Tact and every Tact sharing its module; their scorers are
   * rebuilt on their next call. Resolves at once when nothing failed.
   */
  restart() {
    return this.#runtime.restart();
  }

  /**
   * The report line exactly as the native CLI writes it, for one request: an object
   * {review, reply, id, lang, author, rating, business} or its JSON text (one JSONL line).
   */
  scoreJson(request) {
    let value = request;
    if (typeof request === 'string') {
      try {
        value = JSON.parse(request);
      } catch (error) {
        this.#call(() => 0); // a disposed or failed Tact still says so
        return errorLine('', `not valid JSON (${error.message})`);
      }
    }
    const { fields, error } = requestFields(value);
    return this.#call((module, handle) => {
      if (error) return errorLine(fields?.id?.json ?? '', error);
      const id = fields.id ?? { kind: 0, text: '' };
      const n = writeInputs(module, [fields.review, fields.reply, fields.author, fields.lang,
                                     fields.business.join('\n'), id.text]);
      return readResult(module, module._tact_score(handle, ...n, fields.rating, id.kind));
    });
  }

  /** Scores `reply` as an answer to `review`; spans carry begin16/end16 (JS string indices). */
  score(review, reply, options = {}) {
    const request = { review: String(review ?? ''), reply: String(reply ?? '') };
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
   * A new Tact over a compiled pack image (`tact packs compile DIR -o FILE`: custom packs on
   * top of the built-in ones), given as bytes. Throws an Error saying why an image is refused.
   */
  withImage(image) {
    const bytes = image instanceof Uint8Array ? image : new Uint8Array(image);
    const handle = this.#call((module) => {
      const made = module._tact_scorer_from_image(writeBytes(module, bytes));
      if (!made) throw new Error(`tact: ${readCString(module, module._tact_last_error())}`);
      return made;
    });
    return new Tact(this.#runtime, handle, bytes.slice());
  }

  /**
   * Loads the rules of language `lang` ('fr', 'en') now. Each language's rules are otherwise
   * decoded the first time a text needs them, in that score(): a page that knows its language
   * calls this (or passes `lang` to loadTact) to keep that out of its first score(). Throws an
   * Error for a language no pack reads.
   */
  preload(lang) {
    this.#call((module, handle) => {
      const [n] = writeInputs(module, [String(lang)]);
      if (!module._tact_scorer_preload(handle, n)) {
        throw new Error(`tact: ${readCString(module, module._tact_last_error())}`);
      }
    });
  }

  /** Runs every example of every loaded pack: {count, failures: [{pack, rule, message}]}. */
  checkExamples() {
    return JSON.parse(
      this.#call((module, handle) => readResult(module, module._tact_scorer_check_examples(handle))),
    );
  }

  /** Frees the compiled packs now; the object is unusable afterwards. Safe to call twice. */
  dispose() {
    const state = this.#state;
    if (state.handle === 0) return;
    registry?.unregister(this.#token);
    const runtime = this.#runtime;
    if (!runtime.failed && state.generation === runtime.generation) {
      runtime.module._tact_scorer_free(state.handle);
    }
    state.handle = 0;
  }
}

/** What a call on a failed module throws: `code` 'TACT_MODULE_FAILED', `cause` the failure. */
function failedError(cause) {
  const error = new Error(
    `tact: the WebAssembly module failed (${cause.message}); restart() loads a fresh one`,
    { cause },
  );
  error.code = 'TACT_MODULE_FAILED';
  return error;
}

/**
 * Instantiates the WebAssembly module and loads the built-in packs (a compiled image): what
 * language detection needs now, each language's rules the first time a text needs them.
 *   lang: the page's language ('fr', 'en'; 'auto' or absent: none): its rules load now (preload);
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
  const module = await instantiate(createModule, settings);
  const handle = module._tact_scorer_builtin();
  if (!handle) throw new Error(readCString(module, module._tact_last_error()));
  const tact = new Tact(new Runtime(createModule, settings, module), handle);
  if (options.lang && options.lang !== 'auto') tact.preload(options.lang);
  return tact;
}
