// SPDX-License-Identifier: MIT
#include "cisim/model/shipment_draws.hpp"

#include <cmath>

#include <catch2/catch.hpp>

using namespace cisim;

TEST_CASE("draw_violations: each kind with its own chance, independently, despite the 'any' draw first", "[model]") {
  // Tolerance: 5 binomial standard errors (the suite's rule for statistical checks).
  ProductCategory category{"goods", Constant{50.0}, 0.0, {0.10, 0.05, 0.02, 0.01, 0.0}, 0.5};
  Xoshiro256 g{11};
  const int n = 200'000;
  std::array<int, kViolationKinds> kinds{};
  int both = 0;
  for (int i = 0; i < n; ++i) {
    const ViolationSet v = draw_violations(category, 2.0, g);  // risk 2 doubles every chance
    for (int k = 0; k < kViolationKinds; ++k) kinds[static_cast<std::size_t>(k)] += contains(v, static_cast<ViolationKind>(k)) ? 1 : 0;
    both += contains(v, ViolationKind::Counterfeit) && contains(v, ViolationKind::Undervaluation) ? 1 : 0;
  }
  auto near = [&](int count, double p) { return std::fabs(count / double(n) - p) < 5.0 * std::sqrt(p * (1.0 - p) / n); };
  REQUIRE(near(kinds[0], 0.20));
  REQUIRE(near(kinds[1], 0.10));
  REQUIRE(near(kinds[2], 0.04));
  REQUIRE(near(kinds[3], 0.02));
  REQUIRE(kinds[4] == 0);
  REQUIRE(near(both, 0.20 * 0.10));  // independent kinds
  REQUIRE(declared_value_usd(category, 100.0, bit(ViolationKind::Undervaluation)) == 50.0);
  REQUIRE(declared_value_usd(category, 100.0, bit(ViolationKind::Counterfeit)) == 100.0);
}

TEST_CASE("ShipmentDraws: a stream's shipment takes its origin, category and items from the stream's mixes", "[model]") {
  CustomsModelConfig c;
  c.categories.push_back(ProductCategory{"goods", Constant{50.0}, 0.0, {}, 0.5});
  c.categories.push_back(ProductCategory{"other", Constant{70.0}, 0.0, {}, 0.5});
  c.origins.push_back(Origin{"CN", 1.0, 0.0});
  c.origins.push_back(Origin{"DE", 1.0, 0.0});
  CustomsStream s;
  s.name = "mail";
  s.origin_mix = {0.0, 1.0};
  s.category_mix = {0.0, 1.0};
  s.advance_data_share = 0.0;
  s.items = Constant{3.0};
  c.streams.push_back(s);
  ShipmentDraws d{c.streams[0], RandomStreams{1, 0}};
  bool has_data = true;
  const ShipmentRecord r = draw_shipment(c, 0, SimTime::start(), d, has_data);
  REQUIRE(r.origin == 1);
  REQUIRE(r.category == 1);
  REQUIRE(r.true_value_usd == 70.0);
  REQUIRE(r.items == 3);
  REQUIRE_FALSE(has_data);
  REQUIRE(r.seller == kNoSeller);
}
