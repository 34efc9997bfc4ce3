// SPDX-License-Identifier: MIT
// Files the binary carries for the HTML report, embedded at build time (cmake/embed_text.cmake).
#pragma once

#include <string_view>

namespace cisim::resources {

std::string_view chart_js();     ///< Chart.js, from Debian's libjs-chart.js (MIT licence, banner kept)
std::string_view report_js();    ///< sim/report/html/report.js: builds the page from its data
std::string_view report_css();   ///< sim/report/html/report.css

}  // namespace cisim::resources
