// The C ABI of the report page's WebAssembly module (dist/tact_report.mjs, factory
// createTactReportModule), used by web/report/worker.js: a file fed in chunks is read as records
// (JSONL or CSV), each record scored with the built-in packs and added to the insights, in input
// order, by the same core code as `tact report` — so both give the same JSON, byte for byte.
// This module links the JSON request parser; the widget's module (tact_wasm) does not.
//
// Memory: the caller allocates input with tact_malloc and frees it with tact_free. `const char*`
// results are NUL-terminated UTF-8 owned by the module.
#ifndef TACT_WASM_TACT_REPORT_WASM_H_
#define TACT_WASM_TACT_REPORT_WASM_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

void* tact_malloc(size_t n);
void tact_free(void* p);

// A report over options given as JSON in `options_json` (`len` bytes):
//   {"format": "auto"|"csv"|"jsonl", "map": {"reply": "reponse", ...}, "sep": "auto"|";"|","|"\t",
//    "lang": "auto"|"fr"|...}   (every key optional)
// Returns a handle, or 0 on error (tact_report_error() says why).
uint32_t tact_report_new(const char* options_json, uint32_t len);

// Reads the next `len` bytes of the file (a chunk may end anywhere, even inside a UTF-8
// sequence or a quoted CSV field). Returns the number of rows done so far, or UINT32_MAX when
// the input cannot be read (a CSV header without a reply column: tact_report_error() says why;
// the handle then only accepts tact_report_free).
uint32_t tact_report_feed(uint32_t handle, const uint8_t* bytes, uint32_t len);

// Ends the input and returns the insights JSON (core/insights.md), valid until
// tact_report_free; NULL when the input could not be read (tact_report_error()).
const char* tact_report_finish(uint32_t handle);

void tact_report_free(uint32_t handle);

// Why the last call failed.
const char* tact_report_error(void);

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // TACT_WASM_TACT_REPORT_WASM_H_
