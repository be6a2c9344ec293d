// The wasm build's stand-in for Abseil's absl/status/statusor.cc (cmake/TactAbseilWasm.cmake
// swaps it in): the same three helpers without Abseil's logging. The original formats the
// status (Status::ToString, its payloads as Cords) into a raw log line through vsnprintf before
// aborting, which links printf, Cord and Mutex code into a module that never prints; a page
// gets the abort (a trap that tact.js reports) either way. Only reached on a programming error:
// a value read from a failed StatusOr, or a StatusOr made from an OK status.
#include <cstdlib>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace absl {
ABSL_NAMESPACE_BEGIN
namespace internal_statusor {

void Helper::HandleInvalidStatusCtorArg(absl::Status* status) {
  // As Abseil does with NDEBUG, less its log line.
  *status = absl::InternalError("An OK status is not a valid constructor argument to StatusOr<T>");
}

void Helper::Crash(const absl::Status&) { std::abort(); }

void ThrowBadStatusOrAccess(absl::Status) { std::abort(); }

}  // namespace internal_statusor
ABSL_NAMESPACE_END
}  // namespace absl
