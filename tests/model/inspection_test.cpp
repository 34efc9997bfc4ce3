// SPDX-License-Identifier: MIT
#include "cisim/model/inspection.hpp"

#include "cisim/model/outcome.hpp"

#include <catch2/catch.hpp>

using namespace cisim;

TEST_CASE("Inspection: a blitz's own method replaces the drawn one; detection uses its sensitivity", "[model]") {
  CustomsModelConfig c;
  Facility f;
  f.name = "jfk_imf";
  f.methods.push_back(InspectionMethod{"xray", 0.5, Constant{60.0}, {0.0, 0.0, 0.0, 0.0, 0.0}});
  f.methods.push_back(InspectionMethod{"physical", 0.5, Constant{600.0}, {1.0, 1.0, 1.0, 1.0, 1.0}});
  // Examination time that rises by half from day 10 (a dated scale), for inspections that start then.
  f.methods.back().duration_scale = DatedValue{{{SimTime::start(), 1.0}, {SimTime::start() + Duration::days(10), 1.5}}};
  c.facilities.push_back(f);
  c.streams.resize(1);
  Blitz b;
  b.method = "physical";
  c.blitzes.push_back(b);
  Inspection inspection{c, RandomStreams{1, 0}};
  ShipmentRecord r;
  r.blitz = 0;
  r.carried = bit(ViolationKind::Counterfeit);
  for (int i = 0; i < 20; ++i) REQUIRE(inspection.choose_method(0, r) == 1);
  r.method = 1;
  REQUIRE(inspection.duration(0, 1, r, SimTime::start()) == Duration::from_seconds(600.0));
  REQUIRE(inspection.duration(0, 1, r, SimTime::start() + Duration::days(10)) == Duration::from_seconds(900.0));
  Xoshiro256 g = inspection.inspection_draws(0);
  REQUIRE(inspection.detect(0, r, g).found == bit(ViolationKind::Counterfeit));
  r.method = 0;
  REQUIRE(inspection.detect(0, r, g).found == 0);
}

TEST_CASE("Outcome: seizable finds are seized or abandoned; undervaluation pays duty and penalty; misses leak", "[model]") {
  CustomsPolicies p;
  p.penalty_rate = 0.2;
  Xoshiro256 g{3};
  ShipmentRecord r;
  r.true_value_usd = 100.0;
  r.declared_value_usd = 50.0;
  r.carried = bit(ViolationKind::Counterfeit) | bit(ViolationKind::Undervaluation);
  REQUIRE(decide_outcome(r, bit(ViolationKind::Counterfeit), p, 0.1, g).interdicted);
  p.abandon_share = 1.0;
  REQUIRE(decide_outcome(r, bit(ViolationKind::Counterfeit), p, 0.1, g).abandoned);
  const Outcome o = decide_outcome(r, bit(ViolationKind::Undervaluation), p, 0.1, g);
  REQUIRE_FALSE(o.interdicted);
  REQUIRE(o.extra_duty_usd == Approx(5.0));
  REQUIRE(o.penalty_usd == Approx(20.0));
  REQUIRE(leaks(r, bit(ViolationKind::Undervaluation)));
  REQUIRE_FALSE(leaks(r, r.carried));
}

TEST_CASE("violating_in_sample: opening every item finds every violating one", "[model]") {
  LotSampling plan;
  plan.contaminated_share = 0.25;
  Xoshiro256 g{4};
  REQUIRE(violating_in_sample(plan, 40, 40, g) == 10);
  REQUIRE(violating_in_sample(plan, 40, 0, g) == 0);
}
