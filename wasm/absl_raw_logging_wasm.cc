// The wasm build's stand-in for Abseil's absl/base/internal/raw_logging.cc
// (cmake/TactAbseilWasm.cmake swaps it in): the same functions, printing nothing. Abseil's
// raw log formats its line with vsnprintf (printf's whole formatter, about 3 KB gzip of the
// widget's module) to write it to stderr, which a page does not show; a FATAL log still aborts,
// as it does in Abseil's own build when it cannot write.
#include <cstddef>
#include <cstdlib>
#include <string>

#include "absl/base/internal/raw_logging.h"

namespace absl {
ABSL_NAMESPACE_BEGIN
namespace raw_logging_internal {
namespace {

void DefaultInternalLog(absl::LogSeverity severity, const char*, int, const std::string&) {
  if (severity == absl::LogSeverity::kFatal) std::abort();
}

}  // namespace

void AsyncSignalSafeWriteToStderr(const char*, size_t) {}

void RawLog(absl::LogSeverity severity, const char*, int, const char*, ...) {
  if (severity == absl::LogSeverity::kFatal) std::abort();
}

bool RawLoggingFullySupported() { return false; }

ABSL_INTERNAL_ATOMIC_HOOK_ATTRIBUTES ABSL_DLL absl::base_internal::AtomicHook<InternalLogFunction>
    internal_log_function(DefaultInternalLog);

void RegisterLogFilterAndPrefixHook(LogFilterAndPrefixHook) {}

void RegisterAbortHook(AbortHook) {}

void RegisterInternalLogFunction(InternalLogFunction func) { internal_log_function.Store(func); }

}  // namespace raw_logging_internal
ABSL_NAMESPACE_END
}  // namespace absl
