// Report writing helpers shared with request parsing.
#ifndef TACT_CORE_SRC_REPORT_JSON_H_
#define TACT_CORE_SRC_REPORT_JSON_H_

#include <string>
#include <string_view>

namespace tact {

// {"id":<id_json>,"error":"..."}, the line for a malformed request.
std::string ErrorJson(std::string_view id_json, std::string_view error);

}  // namespace tact

#endif  // TACT_CORE_SRC_REPORT_JSON_H_
