// SPDX-License-Identifier: MIT
#include "cisim/model/targeting.hpp"

#include <cmath>
#include <cstdint>

#include "cisim/random/xoshiro256.hpp"

#include <catch2/catch.hpp>

using namespace cisim;

TEST_CASE("Targeting: the sparse score equals the dense dot product, and data hides what it should", "[model]") {
  CustomsModelConfig c;
  c.origins.resize(2);
  c.categories.resize(3);
  auto& t = c.policies.targeting;
  t.enabled = true;
  t.threshold = 0.5;
  const std::size_t n = 1 + 2 + 3 + kModes + 3;
  t.weights = Eigen::VectorXd::LinSpaced(static_cast<Eigen::Index>(n), 0.1, 1.7);
  const Targeting targeting{c};
  ShipmentRecord r;
  r.origin = 1;
  r.category = 2;
  r.declared_value_usd = 99.0;
  Eigen::VectorXd x = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(n));
  x[0] = 1;
  x[1 + 1] = 1;
  x[1 + 2 + 2] = 1;
  x[1 + 2 + 3 + static_cast<Eigen::Index>(Mode::Express)] = 1;
  x[1 + 2 + 3 + kModes] = std::log1p(99.0);
  x[1 + 2 + 3 + kModes + 2] = 1;  // seller history
  REQUIRE(targeting.score(r, Mode::Express, true, true) == Approx(t.weights.dot(x)));
  // Without advance data: no category, value or seller; the no-data flag instead.
  Eigen::VectorXd y = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(n));
  y[0] = 1;
  y[1 + 1] = 1;
  y[1 + 2 + 3 + static_cast<Eigen::Index>(Mode::Express)] = 1;
  y[1 + 2 + 3 + kModes + 1] = 1;
  REQUIRE(targeting.score(r, Mode::Express, false, true) == Approx(t.weights.dot(y)));
  REQUIRE(targeting.targets(0.0, SimTime::start()));  // logistic(0) = 0.5 >= threshold
  REQUIRE_FALSE(targeting.targets(-1e-9, SimTime::start()));
}

TEST_CASE("Targeting: the precomputed value cuts answer as the score does, at and around every cut", "[model]") {
  CustomsModelConfig c;
  c.origins.resize(3);
  c.categories.resize(4);
  auto& t = c.policies.targeting;
  t.enabled = true;
  t.threshold = 0.45;
  const std::size_t n = 1 + 3 + 4 + kModes + 3;
  Xoshiro256 g{2024};
  int near_cut = 0;
  for (const double value_weight : {0.25, -0.4, 1e-6}) {
    t.weights = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(n));
    for (Eigen::Index i = 0; i < t.weights.size(); ++i) t.weights[i] = 4.0 * g.uniform01() - 2.0;
    t.weights[static_cast<Eigen::Index>(1 + 3 + 4 + kModes)] = value_weight;
    const Targeting targeting{c};
    for (int i = 0; i < 20000; ++i) {
      ShipmentRecord r;
      r.origin = static_cast<std::uint16_t>(i % 3);
      r.category = static_cast<std::uint16_t>((i / 3) % 4);
      const auto mode = static_cast<Mode>((i / 12) % kModes);
      const bool history = (i / 48) % 2 == 1;
      // Values spread over decades, and values at the cut itself (solved from the score).
      r.declared_value_usd = std::exp(12.0 * g.uniform01() - 2.0);
      if (i % 5 == 0) {
        const double rest = targeting.score(r, mode, true, history) - value_weight * std::log1p(r.declared_value_usd);
        const double cut = std::expm1((Targeting::logit(t.threshold.at(SimTime::start())) - rest) / value_weight);
        if (cut > 0.0 && std::isfinite(cut)) {
          r.declared_value_usd = cut * (1.0 + 1e-15 * static_cast<double>(i % 7 - 3));
          ++near_cut;
        }
      }
      for (const bool has_data : {false, true}) {
        INFO("value " << r.declared_value_usd << " weight " << value_weight);
        REQUIRE(targeting.targets(r, mode, has_data, history) == targeting.targets(targeting.score(r, mode, has_data, history), r.arrived));
      }
    }
  }
  REQUIRE(near_cut > 1000);  // values within rounding of a cut were tried
}

TEST_CASE("Targeting: a dated threshold applies from its dates, value cuts included", "[model]") {
  CustomsModelConfig c;
  c.origins.resize(1);
  c.categories.resize(1);
  auto& t = c.policies.targeting;
  t.enabled = true;
  const SimTime day10 = SimTime::start() + Duration::days(10);
  t.threshold = DatedValue{{{SimTime::start(), 0.5}, {day10, 0.9}}};
  t.weights = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(1 + 1 + 1 + kModes + 3));
  t.weights[1 + 1 + 1 + kModes] = 1.0;  // the score is log1p(declared value)
  const Targeting targeting{c};
  ShipmentRecord r;
  r.declared_value_usd = 5.0;  // score log(6) = 1.79: logistic 0.86
  r.arrived = day10 - Duration::seconds(1);
  CHECK(targeting.targets(r, Mode::Postal, true, false));  // 0.86 >= 0.5
  r.arrived = day10;
  CHECK_FALSE(targeting.targets(r, Mode::Postal, true, false));  // 0.86 < 0.9
  CHECK(targeting.step_index(day10 - Duration::seconds(1)) == 0);
  CHECK(targeting.step_index(day10) == 1);
  // The value cut moves with the threshold: logit(0.9) = ln 9, so v = 9 - 1 = 8 USD.
  CHECK(targeting.value_cut(0, 0, Mode::Postal, false, day10)->first == Approx(8.0));
  CHECK(targeting.value_cut(0, 0, Mode::Postal, false, SimTime::start())->first == Approx(0.0).margin(1e-12));
}
