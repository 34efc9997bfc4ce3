// SPDX-License-Identifier: MIT
#include "cisim/model/seller_market.hpp"

#include <catch2/catch.hpp>

using namespace cisim;

TEST_CASE("SellerMarket: a seller found violating is delisted after the takedown latency and never drawn after", "[model]") {
  CustomsStream s;
  s.name = "mail";
  SellerPopulation p;
  p.count = 3;
  p.zipf_exponent = 0.0;  // equal volumes
  p.takedown_latency = Duration::hours(2);
  s.sellers = p;
  SellerMarket market{s, RandomStreams{1, 0}};
  REQUIRE(market.present());
  REQUIRE(market.size() == 3);
  Xoshiro256 g{2};
  market.record_finding(1, SimTime::start());
  REQUIRE(market.has_history(1));
  REQUIRE_FALSE(market.has_history(0));
  int before = 0;
  int after = 0;
  for (int i = 0; i < 3000; ++i) {
    before += market.draw(SimTime::start() + Duration::hours(1), std::nullopt, g) == 1 ? 1 : 0;
    after += market.draw(SimTime::start() + Duration::hours(3), std::nullopt, g) == 1 ? 1 : 0;
  }
  REQUIRE(before > 800);  // about 1,000 of 3,000 while listed
  REQUIRE(after == 0);
  REQUIRE_FALSE(SellerMarket{}.present());
}
