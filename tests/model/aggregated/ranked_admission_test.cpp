// SPDX-License-Identifier: MIT
#include "model/aggregated/ranked_admission.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <utility>

#include "cisim/model/entry_rules.hpp"
#include "cisim/model/shipment_draws.hpp"
#include "cisim/scenario/load.hpp"

using namespace cisim;

TEST_CASE("TruncatedLogNormal: the share above a value from shared tails is the restricted distribution's chance", "[random]") {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  for (const auto& [low, high] : {std::pair{0.0, 800.0}, std::pair{800.0, 2500.0}, std::pair{2500.0, kInf}, std::pair{3.0, 9.0}}) {
    const TruncatedLogNormal d{std::log(40.0), 1.1, low, high};
    for (const double x : {1.0, 5.0, 30.0, 700.0, 900.0, 3000.0, 1e5}) {
      const double z = d.z_of(x);
      const double share = d.share_above(z, normal_cdf(z), normal_cdf(-z));
      const double expected = x <= d.low() ? 1.0 : x >= d.high() ? 0.0 : d.within(x, kInf).probability() / d.probability();
      INFO("(" << low << ", " << high << "] above " << x);
      CHECK(share == Approx(expected).epsilon(1e-9).margin(1e-15));
    }
  }
}

// Each class split at a bar: the admitted share against the scores of values drawn from the
// class, and the two parts' values on their sides of the bar.
TEST_CASE("RankedAdmission: a class's admitted share is the chance its score passes the bar", "[model]") {
  auto loaded = load_scenario(CISIM_SOURCE_DIR "/scenarios/common/us_fy2024_at_fy2019_enforcement.yaml", {"policies.random_rate=2%"});
  REQUIRE(loaded.scenario);
  const CustomsModelConfig& config = loaded.scenario->model;
  const Targeting targeting{config};
  const EntryRules rules{config};
  const RandomStreams streams{5, 0};
  const std::uint32_t s = 0;  // a mail stream, half with advance data
  const Mode mode = config.streams[s].mode;
  ShipmentDraws draws{config.streams[s], streams};
  ShipmentClasses classes{config, s, targeting, rules};
  SellerMoments moments{1e300};
  for (std::uint32_t j = 0; j < draws.sellers.size(); ++j) moments.add(j, draws.sellers.volume_share(j), draws.sellers.risk_multiplier(j));
  classes.build(SimTime::start(), moments);
  RankedAdmission admission{targeting, mode};
  // A bar a little above the threshold: many targeted classes split by value.
  const double bar = Targeting::logit(config.policies.targeting.threshold.at(SimTime::start())) + 0.7;
  admission.set(classes, bar);
  Xoshiro256 g{3};
  int split = 0, untargeted = 0;
  double total = 0.0;
  for (std::size_t i = 0; i < classes.size(); ++i) {
    const ShipmentClass& k = classes[i];
    // Classes outside the selected table (refused at the border, or entries filed first,
    // which meet the line later as their own process) are never drawn from it.
    if (!(classes.selected_as_built(i) > 0.0)) continue;
    total += classes.selected_as_built(i) * admission.admitted(i);
    if (!k.targeted) {
      ++untargeted;
      CHECK(admission.admitted(i) == 1.0);  // infinitely high: passes any finite bar
      continue;
    }
    const auto score = [&](double value) {
      ShipmentRecord r;
      r.origin = k.origin;
      r.category = k.category;
      r.declared_value_usd = value;
      return targeting.score(r, mode, k.sees_data, k.sees_data && k.history);
    };
    const double p = admission.admitted(i);
    const int n = 4000;
    int passed = 0;
    for (int t = 0; t < n; ++t) passed += score(k.declared(g)) > bar ? 1 : 0;
    // Tolerance: 5 binomial standard errors (plus one draw), so 3,000 classes pass by chance
    // all but about once in a thousand runs; the seed is fixed, so the test is repeatable.
    INFO("class " << i << ": admitted " << p << ", drawn " << passed << " of " << n);
    CHECK(std::abs(passed - n * p) <= 5.0 * std::sqrt(n * p * (1.0 - p)) + 1.0);
    if (p > 0.0 && p < 1.0) {
      ++split;
      for (int t = 0; t < 50; ++t) {
        CHECK(score(admission.declared(classes, i, true)(g)) >= bar - 1e-9);
        CHECK(score(admission.declared(classes, i, false)(g)) <= bar + 1e-9);
      }
    }
  }
  CHECK(split >= 20);  // the bar splits classes: the value part of the test has cases
  CHECK(untargeted > 0);
  CHECK(admission.candidate_chance(classes) == Approx(total * classes.bound()));
}
