// SPDX-License-Identifier: MIT
#include "cisim/model/shipment_draws.hpp"

#include <algorithm>
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

TEST_CASE("draw_violations: the union-bound shortcut gives the same sets, draw for draw, as the plain rule", "[model]") {
  // The plain rule: "any" with chance 1 - prod(1 - min(1, p x risk)), then the kinds.
  auto plain = [](const ProductCategory& category, double risk, Xoshiro256& g) -> ViolationSet {
    PerViolation p{};
    double none = 1.0;
    for (std::size_t k = 0; k < p.size(); ++k) {
      p[k] = std::min(1.0, category.prevalence[k] * risk);
      none *= 1.0 - p[k];
    }
    // One number of the stream per shipment; the kinds from a generator it seeds.
    const std::uint64_t word = g();
    if (Xoshiro256::unit(word) < none) return 0;
    Xoshiro256 kinds{word ^ kKindsSeedSalt};
    for (;;) {
      ViolationSet carried = 0;
      for (std::size_t k = 0; k < p.size(); ++k) {
        if (p[k] > 0.0 && kinds.uniform01() < p[k]) carried |= bit(static_cast<ViolationKind>(k));
      }
      if (carried) return carried;
    }
  };
  ProductCategory category{"goods", Constant{50.0}, 0.0, {0.04, 0.03, 0.02, 0.01, 0.005}, 0.5};
  Xoshiro256 a{5};
  Xoshiro256 b{5};
  Xoshiro256 risks{6};
  for (int i = 0; i < 300'000; ++i) {
    // Risks from none to past 1/prevalence (chances clamped at 1), as seller multipliers give.
    const double risk = i % 1000 == 0 ? 0.0 : 40.0 * risks.uniform01() * risks.uniform01();
    REQUIRE(draw_violations(category, risk, a) == plain(category, risk, b));
  }
  REQUIRE(a() == b());  // and the same number of draws: one per shipment
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
