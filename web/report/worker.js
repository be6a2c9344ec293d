// The report page's Web Worker: reads a dropped CSV or JSONL file in chunks, feeds them to the
// report module (the core's record reader, scorer and insights, compiled to WebAssembly as
// dist/tact_report.mjs + .wasm, served next to tact_wasm.mjs), and posts progress, then the
// insights JSON. Nothing is sent anywhere: the file is read with Blob.slice, in this worker.
//
// Messages in:  {type: 'start', file: File|Blob, options: {format, map, sep, lang}, moduleUrl?}
// Messages out: {type: 'ready'}                                  module loaded
//               {type: 'progress', bytes, total, rows}           after each chunk
//               {type: 'done', json, bytes, total, rows, ms}     json: the insights (text)
//               {type: 'error', message}
// To cancel, the page terminates the worker (even in the middle of a chunk).
//
// The C ABI (Emscripten exports, leading underscore):
//   uint32_t tact_report_new(const char* options_json, uint32_t len)   0 on error, then
//   const char* tact_report_error()                                    says why (NUL-terminated)
//   uint32_t tact_report_feed(uint32_t h, const uint8_t* bytes, uint32_t len)   rows done so far;
//            any split of the file is fine (inside a UTF-8 sequence, inside a quoted field);
//            UINT32_MAX when the input cannot be read (a CSV header without a reply column)
//   const char* tact_report_finish(uint32_t h)                         the insights JSON, or
//            NULL when the input could not be read (tact_report_error says why)
//   void tact_report_free(uint32_t h)
//   tact_malloc(n), tact_free(p), HEAPU8

export const CHUNK_BYTES = 256 * 1024;
const FEED_FAILED = 0xffffffff;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

let modulePromise = null;

function loadModule(moduleUrl) {
  if (!modulePromise) {
    const url = new URL(moduleUrl ?? '../src/tact_report.mjs', import.meta.url).href;
    modulePromise = import(url).then((m) => {
      const factory = m.default ?? m.createTactReportModule;
      if (typeof factory !== 'function') throw new Error(`${url} exports no module factory`);
      return factory({});
    });
  }
  return modulePromise;
}

function readCString(module, ptr) {
  const heap = module.HEAPU8; // re-read after every call: memory growth replaces the buffer
  const start = ptr >>> 0;
  const end = heap.indexOf(0, start);
  return decoder.decode(heap.subarray(start, end < 0 ? heap.length : end));
}

/** Copies `bytes` into a fresh block of the module's memory; the caller frees it. */
function copyIn(module, bytes) {
  const ptr = module._tact_malloc(Math.max(bytes.length, 1)) >>> 0;
  if (!ptr) throw new Error('out of memory');
  module.HEAPU8.set(bytes, ptr);
  return ptr;
}

/** The options JSON of tact_report_new: empty mappings left out. */
export function reportOptions({ format = 'auto', map = {}, sep = 'auto', lang = 'auto' } = {}) {
  const cleaned = {};
  for (const [field, column] of Object.entries(map)) {
    const name = String(column ?? '').trim();
    if (name) cleaned[field] = name;
  }
  return JSON.stringify({ format, map: cleaned, sep, lang });
}

async function run(file, options, moduleUrl) {
  const started = performance.now();
  const module = await loadModule(moduleUrl);
  postMessage({ type: 'ready' });
  const optionsBytes = encoder.encode(reportOptions(options));
  const optionsPtr = copyIn(module, optionsBytes);
  const handle = module._tact_report_new(optionsPtr, optionsBytes.length) >>> 0;
  module._tact_free(optionsPtr);
  if (!handle) throw new Error(readCString(module, module._tact_report_error()));
  const total = file.size;
  let bytes = 0;
  let rows = 0;
  const buffer = module._tact_malloc(CHUNK_BYTES) >>> 0;
  if (!buffer) throw new Error('out of memory');
  try {
    while (bytes < total) {
      const chunk = new Uint8Array(await file.slice(bytes, bytes + CHUNK_BYTES).arrayBuffer());
      if (chunk.length === 0) break;
      module.HEAPU8.set(chunk, buffer);
      const done = module._tact_report_feed(handle, buffer, chunk.length) >>> 0;
      if (done === FEED_FAILED) throw new Error(readCString(module, module._tact_report_error()));
      rows = done;
      bytes += chunk.length;
      postMessage({ type: 'progress', bytes, total, rows });
    }
    const result = module._tact_report_finish(handle) >>> 0;
    if (!result) throw new Error(readCString(module, module._tact_report_error()));
    const json = readCString(module, result);
    postMessage({ type: 'done', json, bytes, total, rows, ms: Math.round(performance.now() - started) });
  } finally {
    module._tact_free(buffer);
    module._tact_report_free(handle);
  }
}

// Only when running as a worker (the node tests import this file for reportOptions).
if (typeof WorkerGlobalScope !== 'undefined' && globalThis instanceof WorkerGlobalScope) {
  globalThis.addEventListener('message', (event) => {
    const { type, file, options, moduleUrl } = event.data ?? {};
    if (type !== 'start') return;
    run(file, options, moduleUrl).catch((error) => {
      postMessage({ type: 'error', message: String(error?.message ?? error) });
    });
  });
}
