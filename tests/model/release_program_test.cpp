// SPDX-License-Identifier: MIT
#include "cisim/model/release_program.hpp"

#include <catch2/catch.hpp>

using namespace cisim;

TEST_CASE("ReleaseProgram: CSP-1 screens until i clean in a row, samples, and screens again after a finding", "[model]") {
  CustomsModelConfig c;
  CustomsStream s;
  s.release_program = ContinuousSamplingPlan{3, 0.0, false};  // fraction 0: never sampled once cleared
  c.streams.push_back(s);
  ReleaseProgram program{c, {0}};  // the plans of stream 0
  Xoshiro256 g{1};
  ShipmentRecord r;
  REQUIRE(program.inspects(r, g));
  program.record(r, false, true);
  program.record(r, false, true);
  REQUIRE(program.inspects(r, g));
  program.record(r, false, true);  // the third clean one clears
  REQUIRE_FALSE(program.inspects(r, g));
  program.record(r, true, true);  // a finding (of a sampled shipment) restarts screening
  REQUIRE(program.inspects(r, g));
  program.record(r, false, true);
  program.record(r, true, true);  // the clean run starts over
  program.record(r, false, true);
  program.record(r, false, true);
  REQUIRE(program.inspects(r, g));
}

TEST_CASE("ReleaseProgram: a plan per seller starts again for a newcomer, and ignores its predecessor's shipments", "[model]") {
  CustomsModelConfig c;
  CustomsStream s;
  s.release_program = ContinuousSamplingPlan{2, 0.0, true};  // per seller
  s.sellers = SellerPopulation{};
  s.sellers->count = 3;
  c.streams.push_back(s);
  ReleaseProgram program{c, {0}};
  Xoshiro256 g{1};
  ShipmentRecord r;
  r.seller = 1;
  program.record(r, false, true);
  program.record(r, false, true);
  REQUIRE_FALSE(program.inspects(r, g));  // seller 1 cleared
  program.replace_seller(0, 1);
  REQUIRE(program.inspects(r, g));  // its successor is screened, as a new seller
  program.record(r, false, true);
  program.record(r, true, false);  // found in a shipment of the leaver: not the newcomer's
  program.record(r, false, true);
  REQUIRE_FALSE(program.inspects(r, g));
}
