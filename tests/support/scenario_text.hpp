// SPDX-License-Identifier: MIT
// A small valid scenario as text, for tests that change one thing in it.
#pragma once

#include <string>

#include "cisim/base/assert.hpp"

namespace cisim::testing {

inline std::string valid_scenario_text() {
  return R"(format_version: 1
name: small
description: "one mail facility, one stream"
start_date: 2019-07-01
horizon: 2d
warmup: 2h
facilities:
  jfk_imf:
    kind: international_mail
    officers:
      shifts:
        - {start: "06:00", end: "14:00", count: 4}
        - {start: "14:00", end: "22:00", count: 3}
        - {start: "22:00", end: "06:00", count: 1}
    methods:
      xray: {share: 80%, duration: {dist: exponential, mean: 2min}}
      physical: {share: 20%, duration: {dist: lognormal, mean: 12min, sd: 6min}}
policies:
  random_rate: 100%
streams:
  china_post:
    facility: jfk_imf
    arrivals:
      rate: 30/h
      weekly_profile: [1.2, 1.1, 1, 1, 1, 0.9, 0.8]
)";
}

/// `text` with the first occurrence of `from` replaced by `to` (which must occur).
inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  CISIM_ASSERT(at != std::string::npos, "replaced: text to replace not found");
  return text.replace(at, from.size(), to);
}

}  // namespace cisim::testing
