// SPDX-License-Identifier: MIT
#include "cisim/report/transient.hpp"

#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

using namespace cisim;

namespace {

// `days` days of `replications` replications: level(day) plus a fixed, zero-mean wobble
// (deterministic, so the tests are exact) of amplitude 3 per day.
std::vector<std::vector<double>> series(std::size_t days, std::size_t replications, double (*level)(std::size_t)) {
  std::vector<std::vector<double>> v(days);
  for (std::size_t d = 0; d < days; ++d) {
    for (std::size_t r = 0; r < replications; ++r) v[d].push_back(level(d) + 3.0 * std::sin(1.7 * static_cast<double>(d) + 2.9 * static_cast<double>(r)));
  }
  return v;
}

}  // namespace

TEST_CASE("MSER-5: a step ends the transient where the level settles; a flat series needs no cut", "[report]") {
  std::vector<double> step(100, 50.0);
  for (std::size_t d = 0; d < 20; ++d) step[d] = 100.0;
  REQUIRE(mser5_truncation(step) == 20u);
  REQUIRE(mser5_truncation(std::vector<double>(100, 7.0)) == 0u);
  REQUIRE_FALSE(mser5_truncation(std::vector<double>(9, 7.0)).has_value());  // one batch: nothing to compare
  // The cut is at most half the series, however the series falls.
  std::vector<double> falling(100);
  for (std::size_t d = 0; d < 100; ++d) falling[d] = 100.0 - static_cast<double>(d);
  REQUIRE(*mser5_truncation(falling) <= 50u);
}

TEST_CASE("Transient check: seizures falling by a quarter over a year are a transient; a level series is not", "[report]") {
  // The cold start of issue 29: about 91 a day at first, 70 at the end.
  const TransientCheck falling = check_transient("seizures", series(360, 4, [](std::size_t d) { return 91.0 - 21.0 * static_cast<double>(d) / 360.0; }));
  REQUIRE(falling.detected);
  REQUIRE(falling.days > 0);
  REQUIRE(falling.early_mean > falling.late_mean);
  REQUIRE(falling.per_replication.size() == 4);
  const TransientCheck level = check_transient("seizures", series(360, 4, [](std::size_t) { return 70.0; }));
  REQUIRE_FALSE(level.detected);
  // Too short a window is not tested at all.
  const TransientCheck short_window = check_transient("seizures", series(9, 4, [](std::size_t) { return 70.0; }));
  REQUIRE_FALSE(short_window.detected);
  REQUIRE(short_window.per_replication.empty());
}
