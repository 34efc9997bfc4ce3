// SPDX-License-Identifier: MIT
// A risk-ranked line beside a random audit (docs/model.md, "Risk-ranked line"): the lift of
// targeted examinations over the audit, chosen by construction, is reproduced within its CI.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "cisim/report/report.hpp"
#include "cisim/scenario/load.hpp"
#include "cisim/stats/student_t.hpp"

using namespace cisim;

namespace {

// Two origins of one category, every violation a counterfeit found with certainty: HI sends
// 30% of parcels with a 25% prevalence, LO 70% with 0.25 / 0.7 x 10%, so all traffic carries
// 10% and the lift of a selection of HI parcels alone over a random audit is 25 / 10 = 2.5.
// Targeting flags every parcel (score 50% and more, threshold 1%) and scores HI above LO; the
// officers examine about 190 targeted parcels a day beside a 1% audit, far fewer than the 3,000
// HI parcels that arrive, so a line ranked by score examines HI parcels only, and a line by
// arrival a random draw of all (lift 1).
constexpr double kRankedChosenLift = 2.5;
const std::string kRankedLiftScenario = R"(format_version: 1
name: ranked_lift
description: "a lift chosen by construction"
seed: 11
replications: 10
start_date: 2024-01-01
horizon: 28d
categories:
  goods:
    value: {dist: lognormal, mean: 40 USD, sd: 30 USD}
    prevalence: {counterfeit: 10%}
origins:
  HI: {risk_multiplier: 2.5}
  LO: {risk_multiplier: 0.35714285714285715}
facilities:
  imf:
    kind: international_mail
    officers: {count: 2, waiting_limit: 20}
    methods: {physical: {duration: {dist: exponential, mean: 10min}, sensitivity: {counterfeit: 100%}}}
streams:
  mail: {facility: imf, mode: postal, arrivals: {rate: 10000/d}, origin_mix: {HI: 30%, LO: 70%}, category_mix: {goods: 100%}}
policies:
  audit: {rate: 1%}
  targeting:
    threshold: 1%
    weights: {origin: {HI: 2}}
)";

struct RankedLift {
  double mean = 0.0;
  double half_width = 0.0;  // of the 99.9% interval over replications
};

RankedLift ranked_lift(const std::string& order, const std::string& simulation) {
  const auto loaded = load_scenario_text(kRankedLiftScenario, "ranked_lift.yaml",
                                         {"policies.targeting.line_order=" + order, "simulation=" + simulation});
  REQUIRE(loaded.scenario);
  RunOptions options;
  options.threads = 2;
  const Report r = make_report(loaded, run_scenario(*loaded.scenario, options));
  const MetricSummary* targeted = find_metric(r, "selection", "targeted", "counterfeit_rate");
  const MetricSummary* audit = find_metric(r, "selection", "audit", "counterfeit_rate");
  REQUIRE(targeted != nullptr);
  REQUIRE(audit != nullptr);
  std::vector<double> x;
  for (std::size_t i = 0; i < targeted->values.size(); ++i) x.push_back(targeted->values[i] / audit->values[i]);
  RankedLift l;
  for (const double v : x) l.mean += v / static_cast<double>(x.size());
  double ss = 0.0;
  for (const double v : x) ss += (v - l.mean) * (v - l.mean);
  const double n = static_cast<double>(x.size());
  l.half_width = student_t_quantile(0.9995, n - 1.0) * std::sqrt(ss / (n - 1.0) / n);
  return l;
}

}  // namespace

// Tolerance: the chosen lift must lie in the 99.9% t interval of the mean of the replications'
// lifts, so a correct model fails this with chance about 1 in 1,000 (the mean of ratios is
// biased by about var(audit rate) / its mean^2, 0.3% here, far inside the interval of about
// 5%). The interval must also be narrow enough (half width under 0.4) to tell 2.5 from 1.
// Both paths: the aggregated one admits, into the full line, the selections that score above
// its lowest (RankedAdmission); the per-shipment one ranks every selection.
TEST_CASE("Risk-ranked line: the lift of targeted examinations over a random audit is the lift built in", "[validation]") {
  for (const std::string simulation : {"aggregated", "exact"}) {
    const RankedLift ranked = ranked_lift("score", simulation);
    INFO(simulation << ", ranked: lift " << ranked.mean << " +- " << ranked.half_width);
    CHECK(std::abs(ranked.mean - kRankedChosenLift) <= ranked.half_width);
    CHECK(ranked.half_width < 0.4);
  }
  const RankedLift arrival = ranked_lift("arrival", "aggregated");
  INFO("by arrival: lift " << arrival.mean << " +- " << arrival.half_width);
  CHECK(std::abs(arrival.mean - 1.0) <= arrival.half_width);
}
