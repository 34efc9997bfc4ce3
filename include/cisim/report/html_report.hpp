// SPDX-License-Identifier: MIT
// The HTML report: one self-contained page (Chart.js inlined, no network) for a run or a comparison.
#pragma once

#include <string>

#include "cisim/report/comparison.hpp"
#include "cisim/report/report.hpp"

namespace cisim {

/// A run's report: settings, the headline table, measured against true rates by scope with
/// 95% CIs, daily series with a CI band, officers by facility, warnings, how to read it.
std::string format_html_report(const Report& report);

/// A comparison's report: both runs' settings, the paired differences as a table and a
/// forest plot (significant ones marked), warnings of both runs, how to read it.
std::string format_html_comparison(const Comparison& comparison);

}  // namespace cisim
