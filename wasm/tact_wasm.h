// The C ABI of the WebAssembly build: exactly the functions of exports.txt (Emscripten adds the
// leading underscore), called only by web/src/tact.js. Bump kAbiVersion in tact_wasm.cc (and
// ABI_VERSION in tact.js) whenever a signature or the meaning of a call changes.
//
// Strings cross as UTF-8 bytes, never as NUL-terminated input:
//   - input: the caller asks tact_buffer(n) for the input arena, writes n bytes or fewer there
//     (TextEncoder.encodeInto) and passes the byte count to the next call;
//   - output: `const char*` results are NUL-terminated UTF-8 owned by the module, valid until the
//     next call that returns a string; tact_result_size() is their byte count without the NUL.
//     The caller never frees them.
// The only thing the caller owns is a TactScorer, released with tact_scorer_free().
#ifndef TACT_WASM_TACT_WASM_H_
#define TACT_WASM_TACT_WASM_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// Compiled rule packs; opaque to the caller.
typedef struct TactScorer TactScorer;

// The ABI version; tact.js refuses a module whose version it does not expect.
uint32_t tact_abi_version(void);

// The input arena, at least `n` bytes, owned by the module. Its contents are not kept when it
// grows, and a call may grow the heap: re-read HEAPU8 after it.
char* tact_buffer(size_t n);

// A scorer over the built-in packs, owned by the caller (tact_scorer_free). NULL on failure,
// with the reason in tact_last_error(). Only the image's common part is decoded and loaded now;
// each language's part, the first time a text needs it (or tact_scorer_preload).
TactScorer* tact_scorer_builtin(void);

// A scorer over the pack image in the first `n` bytes of the arena (`tact packs compile DIR -o
// FILE`), loaded as tact_scorer_builtin's. Owned by the caller; NULL on failure (not an image,
// another format version, damaged), with the reason in tact_last_error().
TactScorer* tact_scorer_from_image(size_t n);

// Loads the language named by the first `lang_n` bytes of the arena ("fr") now, so that the
// first score in it is not slower. 1, or 0 on failure (no pack reads it, its part is damaged),
// with the reason in tact_last_error().
int32_t tact_scorer_preload(const TactScorer* scorer, size_t lang_n);

// Frees a scorer from tact_scorer_builtin or tact_scorer_from_image; NULL is a no-op.
void tact_scorer_free(TactScorer* scorer);

// Scores one request whose fields lie one after the other in the arena: review, reply, author,
// lang (empty or "auto": detect), business (names separated by newlines) and id, of the given
// byte lengths. rating: 1-5, or 0 when unknown. id_kind: 0 no id, 1 the id is a string, 2 an
// integer (its decimal text). Returns the report line, or {"id":…,"error":"…"} (an unknown
// lang): the same bytes as the native CLI for the same request. Module-owned (see above).
const char* tact_score(const TactScorer* scorer, size_t review_n, size_t reply_n, size_t author_n,
                       size_t lang_n, size_t business_n, size_t id_n, int32_t rating,
                       int32_t id_kind);

// The byte count of the last string result, without its NUL.
size_t tact_result_size(void);

// Runs every example of every loaded pack: {"count": N, "failures": [{pack, rule, message}]}.
// Module-owned (see above).
const char* tact_scorer_check_examples(const TactScorer* scorer);

// Why the last tact_scorer_builtin or tact_scorer_from_image returned NULL, or
// tact_scorer_preload 0. Module-owned, valid
// until the next failure.
const char* tact_last_error(void);

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // TACT_WASM_TACT_WASM_H_
