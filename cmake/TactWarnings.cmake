# Warnings for Tact's own targets only (never for Abseil or Boost).
add_library(tact_warnings INTERFACE)
target_compile_options(tact_warnings INTERFACE -Wall -Wextra -Wshadow -Wnon-virtual-dtor
  -Wimplicit-fallthrough $<$<BOOL:${TACT_WERROR}>:-Werror>)
