// Boost.JSON, compiled header-only into the core (one code path for native and wasm).
#include <boost/json/src.hpp>

#ifdef BOOST_NO_EXCEPTIONS
#include <cstdlib>
namespace boost {
// Without exceptions, a Boost.JSON throw is a bug in Tact: the core only uses the
// error_code overloads and non-throwing accessors.
void throw_exception(std::exception const&) { std::abort(); }
void throw_exception(std::exception const&, boost::source_location const&) { std::abort(); }
}  // namespace boost
#endif
