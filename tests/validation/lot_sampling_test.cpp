// SPDX-License-Identifier: MIT
// Lot sampling in the model against the hypergeometric closed form: among consignments of N
// items carrying a violation on K of them, a sample of n finds it with probability
// 1 - C(N - K, n) / C(N, n) (perfect detection of an opened item). Each check runs 10
// replications and passes when the 99% Student t interval of the replication means contains
// the closed form, as the queueing and CSP-1 validations do.
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "cisim/model/customs_model.hpp"
#include "cisim/stats/replication_summary.hpp"
#include "support/customs_config.hpp"

using namespace cisim;

namespace {

CustomsModelConfig consignments(std::int64_t items, LotSampling plan) {
  auto c = testing::one_stream({ProductCategory{"goods", Constant{10.0}, 0.0, {0.5, 0, 0, 0, 0}, 0.5}},
                               {.stream = "consignments"});
  c.streams[0].items = Constant{static_cast<double>(items)};
  c.streams[0].lot_sampling = plan;
  c.policies.random_rate = 1.0;  // every consignment inspected
  return c;
}

void check(std::int64_t items, const LotSampling& plan, std::int64_t violating) {
  const std::int64_t n = sample_size(plan, items);
  const double expected = hypergeometric_detection(items, violating, n);
  std::vector<double> rates;
  for (std::uint64_t rep = 0; rep < 10; ++rep) {
    const auto r = run_customs_model(consignments(items, plan), RandomStreams{31, rep}).run;
    REQUIRE(r[Count::ItemsSampled] == static_cast<std::uint64_t>(n) * r[Count::Inspected]);
    rates.push_back(static_cast<double>(r[Count::FoundCounterfeit]) / static_cast<double>(r[Count::CarryingCounterfeit]));
  }
  const auto s = ReplicationSummary::of(rates, 0.99);
  INFO("N " << items << ", K " << violating << ", n " << n << ": detection " << s.mean << " +- " << *s.half_width
            << ", closed form " << expected);
  REQUIRE(std::fabs(s.mean - expected) <= *s.half_width);
}

}  // namespace

TEST_CASE("Validation: hypergeometric lot sampling detects at the closed-form rate", "[validation]") {
  LotSampling plan;
  plan.size = SampleSize::Hypergeometric;
  plan.detection_level = 0.01;
  plan.confidence = 0.95;
  plan.contaminated_share = 0.01;  // 2 of 200 items: exactly the design level
  check(200, plan, 2);             // n = 155, detection 0.9503
}

TEST_CASE("Validation: fixed and proportional lot samples detect at the closed-form rate", "[validation]") {
  LotSampling fixed;
  fixed.size = SampleSize::Fixed;
  fixed.count = 20;
  fixed.contaminated_share = 0.05;  // 25 of 500 items
  check(500, fixed, 25);            // detection 1 - C(475, 20) / C(500, 20) = 0.6464
  LotSampling proportion;
  proportion.size = SampleSize::Proportion;
  proportion.proportion = 0.02;
  proportion.contaminated_share = 0.02;  // 20 of 1000
  check(1000, proportion, 20);           // n = 20, detection 0.3354
}
