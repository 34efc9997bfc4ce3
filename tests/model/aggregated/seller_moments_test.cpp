// SPDX-License-Identifier: MIT
#include "model/aggregated/seller_moments.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace cisim;

namespace {

struct Seller {
  double weight;
  double m;
  bool history;
};

// P(group and V) by summing the exact, capped chances seller by seller.
double brute(const std::vector<Seller>& sellers, bool history, const PerViolation& a, ViolationSet v) {
  double sum = 0.0, volume = 0.0;
  for (const Seller& s : sellers) {
    volume += s.weight;
    if (s.history == history) sum += s.weight * SellerMoments::chance_given(s.m, a, v);
  }
  return sum / volume;
}

}  // namespace

TEST_CASE("SellerMoments: violation chances from moments equal the seller-by-seller sums, capped sellers included", "[model]") {
  const PerViolation a{0.09, 0.05, 0.02, 0.0, 0.01};  // no prohibited goods
  // Sellers up to multiplier 12: a_0 m reaches 1 from m = 11.1, so the last two are capped.
  std::vector<Seller> sellers;
  for (int j = 0; j < 40; ++j) sellers.push_back({1.0 / (1.0 + j), 0.3 * j, false});
  SellerMoments moments{1.0 / 0.09};
  for (std::uint32_t j = 0; j < sellers.size(); ++j) moments.add(j, sellers[j].weight, sellers[j].m);
  // Findings and sanctions, as the aggregated path applies them: some sellers gain a history,
  // some lower their multiplier (one of them from above the cap to below it).
  for (const std::uint32_t j : {0u, 3u, 7u, 38u, 39u}) {
    moments.gain_history(j, sellers[j].weight, sellers[j].m);
    sellers[j].history = true;
  }
  for (const std::uint32_t j : {3u, 5u, 39u}) {
    const double to = sellers[j].m * 0.5;
    moments.change_multiplier(j, sellers[j].weight, sellers[j].m, to, sellers[j].history);
    sellers[j].m = to;
  }
  double total = 0.0;
  for (const bool history : {false, true}) {
    for (unsigned v = 0; v < 32; ++v) {
      const auto set = static_cast<ViolationSet>(v);
      const double expected = brute(sellers, history, a, set);
      INFO("history " << history << " set " << v);
      REQUIRE(moments.chance(history, SellerMoments::polynomial(a, set), a, set) == Approx(expected).margin(1e-14));
      total += expected;
    }
  }
  REQUIRE(total == Approx(1.0));
  double with = 0.0, all = 0.0;
  for (const Seller& s : sellers) {
    all += s.weight;
    if (s.history) with += s.weight;
  }
  REQUIRE(moments.share(true) == Approx(with / all));
  REQUIRE(moments.share(false) == Approx(1.0 - with / all));
}

TEST_CASE("SellerMoments: a set holding a kind that cannot occur has chance 0", "[model]") {
  const PerViolation a{0.1, 0.0, 0.0, 0.0, 0.0};
  SellerMoments moments;
  moments.add(0, 1.0, 2.0);
  const auto counterfeit = bit(ViolationKind::Counterfeit);
  const auto both = static_cast<ViolationSet>(counterfeit | bit(ViolationKind::Undervaluation));
  REQUIRE(moments.chance(false, SellerMoments::polynomial(a, both), a, both) == 0.0);
  REQUIRE(moments.chance(false, SellerMoments::polynomial(a, counterfeit), a, counterfeit) == Approx(0.2));
  REQUIRE(moments.chance(true, SellerMoments::polynomial(a, counterfeit), a, counterfeit) == 0.0);  // nobody has a history
}
