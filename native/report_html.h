// The self-contained HTML report of `tact report`: the page built from web/report (renderer,
// styles and chart library inlined), embedded at build time, with the insights JSON put in.
#ifndef TACT_NATIVE_REPORT_HTML_H_
#define TACT_NATIVE_REPORT_HTML_H_

#include <string>
#include <string_view>

namespace tact::cli {

// The page with `insights_json` in place of its "__TACT_INSIGHTS__" placeholder; every '<' of
// the JSON is written \u003c, so no text in it can close the script element that holds it.
std::string ReportHtml(std::string_view insights_json);

}  // namespace tact::cli

#endif  // TACT_NATIVE_REPORT_HTML_H_
