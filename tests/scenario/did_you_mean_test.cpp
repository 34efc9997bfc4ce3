// SPDX-License-Identifier: MIT
#include "cisim/scenario/did_you_mean.hpp"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

using namespace cisim;

TEST_CASE("edit_distance: insertions, deletions, substitutions and transpositions", "[scenario]") {
  REQUIRE(edit_distance("officers", "officers") == 0);
  REQUIRE(edit_distance("oficers", "officers") == 1);
  REQUIRE(edit_distance("offciers", "officers") == 1);  // adjacent swap
  REQUIRE(edit_distance("", "abc") == 3);
}

TEST_CASE("did_you_mean: suggests near misses only", "[scenario]") {
  const std::vector<std::string> keys{"count", "shifts", "scale", "waiting_limit"};
  REQUIRE(did_you_mean("cuont", keys) == "count");
  REQUIRE(did_you_mean("waiting_limt", keys) == "waiting_limit");
  REQUIRE_FALSE(did_you_mean("elephant", keys).has_value());
  REQUIRE(did_you_mean_suffix("shift", keys) == "; did you mean 'shifts'?");
  REQUIRE(did_you_mean_suffix("zzz", keys).empty());
}
