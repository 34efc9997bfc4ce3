// SPDX-License-Identifier: MIT
#include "cisim/report/overload.hpp"

#include <catch2/catch.hpp>

#include "cisim/report/report.hpp"
#include "cisim/scenario/load.hpp"

using namespace cisim;

namespace {

// An express hub whose targeting selects every parcel from CN: about 2,000 a day against
// two officers who inspect about 190 a day between them.
const char* kTargetingOverload = R"(format_version: 1
name: overload
description: "targeting selects more than the officers can inspect"
start_date: 2024-03-04
horizon: 4d
categories:
  goods:
    value: {dist: lognormal, mean: 40 USD, sd: 30 USD}
    prevalence: {counterfeit: 5%}
origins:
  CN: {risk_multiplier: 1}
  DE: {risk_multiplier: 1}
facilities:
  cvg_dhl:
    kind: express_hub
    officers: {count: 2}
    methods:
      physical: {duration: {dist: exponential, mean: 15min}, sensitivity: {counterfeit: 90%}}
streams:
  express:
    facility: cvg_dhl
    mode: express
    arrivals: {rate: 200/h}
    origin_mix: {CN: 40%, DE: 60%}
    category_mix: {goods: 100%}
policies:
  targeting:
    threshold: 50%
    weights: {intercept: -1, origin: {CN: 2}}
)";

Report overload_report() {
  static const LoadedScenario loaded = load_scenario_text(kTargetingOverload, "overload.yaml");
  REQUIRE(loaded.scenario);
  RunOptions options;
  options.replications = 2;
  return make_report(loaded, run_scenario(*loaded.scenario, options));
}

}  // namespace

TEST_CASE("Overload: targeting that outruns the officers is reported with where and when", "[report]") {
  const Report r = overload_report();
  REQUIRE(r.warnings.size() == 1);
  const std::string& w = r.warnings.front();
  INFO(w);
  REQUIRE(w.starts_with("facility 'cvg_dhl': selections outran inspection capacity from 2024-03-04 to 2024-03-07 (4 days, in 2 of 2 replications)"));
  REQUIRE(format_table(r).find("warning: facility 'cvg_dhl'") != std::string::npos);
  REQUIRE(format_json(r).find("selections outran inspection capacity") != std::string::npos);
  // The work done shows: inspections finished in the window, at full utilization.
  REQUIRE(find_metric(r, "facility", "cvg_dhl", "inspected")->summary.mean > 700.0);
  REQUIRE(find_metric(r, "facility", "cvg_dhl", "officer_utilization")->summary.mean > 0.99);
}

TEST_CASE("Overload: a facility that keeps up gets no warning", "[report]") {
  const auto text = std::string(kTargetingOverload).replace(std::string(kTargetingOverload).find("{count: 2}"), 10, "{count: 40}");
  const LoadedScenario loaded = load_scenario_text(text, "fine.yaml");
  REQUIRE(loaded.scenario);
  RunOptions options;
  options.replications = 2;
  REQUIRE(make_report(loaded, run_scenario(*loaded.scenario, options)).warnings.empty());
}
