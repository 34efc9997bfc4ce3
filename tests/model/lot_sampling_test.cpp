// SPDX-License-Identifier: MIT
// Lot sampling sample sizes (ISPM 31): exact rules and the hypergeometric size against an
// independent computation from log binomial coefficients.
#include "cisim/model/lot_sampling.hpp"

#include <cmath>

#include <catch2/catch.hpp>

using namespace cisim;

namespace {

double log_choose(double n, double k) { return std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1); }

// P(at least one of K violating items in a sample of n of N), from the closed form.
double detection(double n_items, double violating, double sampled) {
  if (sampled > n_items - violating) return 1.0;
  return 1.0 - std::exp(log_choose(n_items - violating, sampled) - log_choose(n_items, sampled));
}

}  // namespace

TEST_CASE("Lot sampling: hypergeometric sample size is the smallest that detects the level with the confidence", "[model]") {
  for (const std::int64_t n_items : {10, 50, 100, 200, 500, 1000, 5000, 10000, 100000}) {
    for (const double level : {0.01, 0.02, 0.05, 0.10}) {
      for (const double confidence : {0.80, 0.95, 0.99}) {
        const std::int64_t n = hypergeometric_sample_size(n_items, level, confidence);
        const double k = std::max(1.0, std::ceil(level * static_cast<double>(n_items) - 1e-9));
        INFO("N " << n_items << ", level " << level << ", confidence " << confidence << ": n " << n);
        REQUIRE(detection(static_cast<double>(n_items), k, static_cast<double>(n)) >= confidence - 1e-12);
        if (n > 1) REQUIRE(detection(static_cast<double>(n_items), k, static_cast<double>(n - 1)) < confidence + 1e-12);
        REQUIRE(hypergeometric_detection(n_items, static_cast<std::int64_t>(k), n) ==
                Approx(detection(static_cast<double>(n_items), k, static_cast<double>(n))).epsilon(1e-9));
      }
    }
  }
}

TEST_CASE("Lot sampling: known sample sizes at 1% and 95% (ISPM 31 style tables)", "[model]") {
  // One violating item in 100: the sample must hold 95 of them (n / 100 >= 0.95).
  REQUIRE(hypergeometric_sample_size(100, 0.01, 0.95) == 95);
  // Two in 200: (200 - n)(199 - n) / (200 x 199) <= 0.05 first holds at n = 155.
  REQUIRE(hypergeometric_sample_size(200, 0.01, 0.95) == 155);
  // Large lots approach the binomial size ln(0.05) / ln(0.99) = 298.07, from below.
  const std::int64_t big = hypergeometric_sample_size(1'000'000, 0.01, 0.95);
  REQUIRE(big <= 299);
  REQUIRE(big >= 297);
}

TEST_CASE("Lot sampling: fixed, proportion and all sample sizes, at least one item and at most all", "[model]") {
  LotSampling plan;
  REQUIRE(sample_size(plan, 37) == 37);
  plan.size = SampleSize::Fixed;
  plan.count = 20;
  REQUIRE(sample_size(plan, 500) == 20);
  REQUIRE(sample_size(plan, 7) == 7);
  plan.size = SampleSize::Proportion;
  plan.proportion = 0.02;
  REQUIRE(sample_size(plan, 1000) == 20);  // 2% of 1000, not 21 from rounding noise
  REQUIRE(sample_size(plan, 1001) == 21);  // rounded up
  REQUIRE(sample_size(plan, 10) == 1);
  plan.size = SampleSize::Hypergeometric;
  plan.detection_level = 0.01;
  plan.confidence = 0.95;
  REQUIRE(sample_size(plan, 200) == 155);
  REQUIRE(sample_size(plan, 1) == 1);
}
