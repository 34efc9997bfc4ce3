// SPDX-License-Identifier: MIT
#include "cisim/model/seller_market.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

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

TEST_CASE("SellerMarket: turnover replaces sellers at the stated rate with newcomers without history", "[model]") {
  CustomsStream s;
  s.name = "mail";
  SellerPopulation p;
  p.count = 2000;
  p.propensity_a = 0.5;
  p.propensity_b = 4.0;
  p.takedown_latency = Duration::hours(1);
  p.mean_tenure = Duration::hours(24 * 100);
  s.sellers = p;
  SellerMarket market{s, RandomStreams{7, 0}};
  for (std::uint32_t j = 0; j < market.size(); ++j) market.record_finding(j, SimTime::start());
  // 200 days: each seller leaves at rate 1 / 100 days, so 2,000 x 2 = 4,000 replacements are
  // expected (Poisson, sd 63: the tolerance of 5 sd fails a correct rate about once in 3 M).
  std::uint64_t seen = 0;
  std::vector<int> left(market.size(), 0);
  double multiplier_sum = 0.0;
  market.turn_over(SimTime::start(), SimTime::start() + Duration::hours(24 * 200), [&](std::uint32_t j, double, bool history) {
    ++seen;
    if (left[j]++ == 0) CHECK(history);  // a first leaver had its finding; a newcomer none
    CHECK_FALSE(market.has_history(j));
    multiplier_sum += market.risk_multiplier(j);
  });
  CHECK(seen == market.replacements());
  CHECK(std::abs(static_cast<double>(seen) - 4000.0) < 5.0 * std::sqrt(4000.0));
  // A seller that never left keeps its history: P(no exit in 200 days) = e^-2, about 271 of 2,000.
  int kept = 0;
  for (std::uint32_t j = 0; j < market.size(); ++j) {
    CHECK(market.has_history(j) == (left[j] == 0));
    kept += left[j] == 0 ? 1 : 0;
  }
  CHECK(std::abs(kept - 2000.0 * std::exp(-2.0)) < 5.0 * std::sqrt(2000.0 * std::exp(-2.0)));
  // Newcomers' multipliers are drawn over the propensity mean: their mean is 1 (sd of the
  // mean about 1.2 / sqrt(4,000) = 0.019; tolerance 5 sd).
  CHECK(std::abs(multiplier_sum / static_cast<double>(seen) - 1.0) < 0.1);
  // A newcomer is listed: the delisted leavers' places sell again.
  Xoshiro256 g{3};
  const SimTime later = SimTime::start() + Duration::hours(24 * 200);
  int drawn_new = 0;
  for (int i = 0; i < 1000; ++i) drawn_new += left[market.draw(later, std::nullopt, g)] > 0 ? 1 : 0;
  CHECK(drawn_new == 1000);  // the listed sellers are exactly the newcomers
}

TEST_CASE("SellerMarket: without a mean tenure nobody leaves", "[model]") {
  CustomsStream s;
  s.name = "mail";
  s.sellers = SellerPopulation{};
  SellerMarket market{s, RandomStreams{7, 0}};
  int seen = 0;
  market.turn_over(SimTime::start(), SimTime::start() + Duration::hours(24 * 10000), [&](std::uint32_t, double, bool) { ++seen; });
  CHECK(seen == 0);
}

TEST_CASE("SellerMarket: a newcomer did not send what arrived before it entered", "[model]") {
  CustomsStream s;
  s.name = "mail";
  SellerPopulation p;
  p.count = 10;
  p.mean_tenure = Duration::days(7);
  s.sellers = p;
  SellerMarket market{s, RandomStreams{7, 0}};
  const SimTime day5 = SimTime::start() + Duration::days(5);
  std::vector<std::uint32_t> replaced;
  market.turn_over(day5, day5 + Duration::days(30), [&](std::uint32_t j, double, bool) { replaced.push_back(j); });
  REQUIRE_FALSE(replaced.empty());
  for (const std::uint32_t j : replaced) {
    CHECK_FALSE(market.sent(j, day5 - Duration::seconds(1)));  // its predecessor's shipment
    CHECK(market.sent(j, day5));
  }
}
