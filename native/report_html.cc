#include "report_html.h"

namespace tact::internal {
std::string_view ReportTemplate();  // generated from web/report/dist/report-template.html
}  // namespace tact::internal

namespace tact::cli {

std::string ReportHtml(std::string_view insights_json) {
  constexpr std::string_view kPlaceholder = "\"__TACT_INSIGHTS__\"";
  const std::string_view page = internal::ReportTemplate();
  std::string data;
  data.reserve(insights_json.size() + insights_json.size() / 16);
  for (const char c : insights_json) {
    if (c == '<') {
      data.append("\\u003c");
    } else {
      data.push_back(c);
    }
  }
  const size_t at = page.find(kPlaceholder);
  if (at == std::string_view::npos) return std::string(page);  // checked by the tests
  std::string out;
  out.reserve(page.size() + data.size());
  out.append(page.substr(0, at));
  out.append(data);
  out.append(page.substr(at + kPlaceholder.size()));
  return out;
}

}  // namespace tact::cli
