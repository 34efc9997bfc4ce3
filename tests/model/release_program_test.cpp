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
  program.record(r, false);
  program.record(r, false);
  REQUIRE(program.inspects(r, g));
  program.record(r, false);  // the third clean one clears
  REQUIRE_FALSE(program.inspects(r, g));
  program.record(r, true);  // a finding (of a sampled shipment) restarts screening
  REQUIRE(program.inspects(r, g));
  program.record(r, false);
  program.record(r, true);  // the clean run starts over
  program.record(r, false);
  program.record(r, false);
  REQUIRE(program.inspects(r, g));
}
