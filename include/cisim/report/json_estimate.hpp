// SPDX-License-Identifier: MIT
// An estimate's 95% interval (and its mean and n) as JSON, the same wherever cisim writes one.
#pragma once

#include <nlohmann/json.hpp>

#include "cisim/report/report.hpp"
#include "cisim/stats/replication_summary.hpp"

namespace cisim {

/// [low, high] of the 95% interval, or null without one (a single replication).
inline nlohmann::ordered_json ci95_json(const ReplicationSummary& s) {
  return s.half_width ? nlohmann::ordered_json::array({*s.low(), *s.high()}) : nlohmann::ordered_json(nullptr);
}

/// {"mean", "ci95", "n"} of a metric over the replications (solve's and calibrate's answers).
inline nlohmann::ordered_json estimate_json(const MetricSummary& m) {
  return {{"mean", m.summary.mean}, {"ci95", ci95_json(m.summary)}, {"n", m.summary.n}};
}

}  // namespace cisim
