// SPDX-License-Identifier: MIT
#include "cisim/model/targeting.hpp"

#include <cmath>

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
  REQUIRE(targeting.targets(0.0));  // logistic(0) = 0.5 >= threshold
  REQUIRE_FALSE(targeting.targets(-1e-9));
}
