// SPDX-License-Identifier: MIT
#include "cisim/sweep/solver.hpp"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

using namespace cisim;

namespace {

// One facility with a fixed officer count, light traffic: officers_on_duty_mean equals the
// count whatever the random draws, so the crossing of a target on it is known exactly.
const std::string kFixedOfficers = R"(format_version: 1
name: fixed_officers
description: "one facility at a fixed officer count"
start_date: 2019-07-01
horizon: 1d
facilities:
  jfk_imf:
    kind: international_mail
    officers: {count: 2}
    methods:
      xray: {duration: {dist: constant, value: 2min}}
policies:
  random_rate: 100%
streams:
  china_post:
    facility: jfk_imf
    arrivals: {rate: 10/h}
)";

LoadedScenario load_fixed_officers(const std::vector<std::string>& sets) {
  return load_scenario_text(kFixedOfficers, "fixed_officers.yaml", sets);
}

RunOptions two_replications() {
  RunOptions options;
  options.seed = 11;
  options.replications = 2;
  return options;
}

SolveProblem on_duty_problem(const std::string& vary, const std::string& target) {
  SolveProblem problem;
  const auto key = parse_vary(vary + ":2");
  REQUIRE(key.value);
  problem.key = *key.value;
  const auto t = parse_target(target);
  REQUIRE(t.value);
  problem.target = *t.value;
  problem.scope = "facility";
  problem.scope_name = "jfk_imf";
  problem.scope_text = "facility:jfk_imf";
  return problem;
}

}  // namespace

TEST_CASE("parse_target: METRIC<VALUE and METRIC>VALUE, with an optional '%'", "[sweep]") {
  const auto below = parse_target("discrepancy_rate<1%");
  REQUIRE(below.value);
  REQUIRE(below.value->metric == "discrepancy_rate");
  REQUIRE(below.value->below);
  REQUIRE(below.value->bound == Approx(0.01));
  REQUIRE(below.value->text == "discrepancy_rate<1%");

  const auto above = parse_target("wait_hours_mean>0.5");
  REQUIRE(above.value);
  REQUIRE_FALSE(above.value->below);
  REQUIRE(above.value->bound == 0.5);
}

TEST_CASE("parse_target: anything else is refused with the exact message", "[sweep]") {
  const std::string shape = "--target expects METRIC<VALUE or METRIC>VALUE (for example 'discrepancy_rate<1%'), found ";
  REQUIRE(parse_target("wait_hours_mean=0.001").error == shape + "'wait_hours_mean=0.001'");
  REQUIRE(parse_target("<3").error == shape + "'<3'");
  REQUIRE(parse_target("wait_hours_mean<").error == shape + "'wait_hours_mean<'");
  const auto garbage = parse_target("wait_hours_mean<abc");
  REQUIRE_FALSE(garbage.value);
  REQUIRE(garbage.error == "--target wait_hours_mean<abc: 'abc' is not a duration (such as 6min or 1.5h) for wait_hours_mean, in hours");
  REQUIRE(parse_target("seizures>many").error == "--target seizures>many: 'many' is not a number in shipments (the unit of seizures)");
}

TEST_CASE("parse_target: the bound is read in the metric's unit", "[sweep]") {
  REQUIRE(parse_target("wait_hours_mean<6min").value->bound == Approx(0.1));  // hours
  REQUIRE(parse_target("wait_hours_mean<0.1").value->bound == Approx(0.1));   // a plain number is in the metric's unit
  REQUIRE(parse_target("duties_collected_usd>2000000 USD").value->bound == Approx(2e6));
  REQUIRE(parse_target("officer_utilization<85%").value->bound == Approx(0.85));
}

TEST_CASE("solve: a whole-number key is bisected until the ends are adjacent", "[sweep]") {
  auto problem = on_duty_problem("facilities.jfk_imf.officers.count=1:20", "officers_on_duty_mean>6.5");
  std::vector<std::string> seen;
  const auto answer = solve(problem, load_fixed_officers, two_replications(),
                            [&](const SolveEvaluation& e) { seen.push_back(e.text); });
  REQUIRE(seen == std::vector<std::string>{"1", "20", "10", "5", "7", "6"});
  REQUIRE_FALSE(answer.low_meets);
  REQUIRE(answer.high_meets);
  REQUIRE(answer.meets);
  REQUIRE(answer.meets->text == "7");
  REQUIRE(answer.meets->metric.summary.mean == Approx(7.0));
  REQUIRE(answer.misses_text == "6");
  REQUIRE(answer.monotone);
}

TEST_CASE("solve: a real-valued key is bisected for the given number of steps", "[sweep]") {
  // Two officers scaled by `scale`, rounded: more than 5 on duty from scale 2.75 (5.5 rounds to 6).
  auto problem = on_duty_problem("facilities.jfk_imf.officers.scale=0.5:4.5", "officers_on_duty_mean>5");
  problem.steps = 8;
  const auto answer = solve(problem, load_fixed_officers, two_replications());
  REQUIRE(answer.evaluations.size() == 2 + 8);
  REQUIRE(answer.meets);
  REQUIRE(answer.meets->x >= 2.75);
  REQUIRE(answer.meets->x <= 2.75 + 4.0 / 256.0);
}

TEST_CASE("solve: bounds that agree give no crossing and no bisection", "[sweep]") {
  auto problem = on_duty_problem("facilities.jfk_imf.officers.count=1:3", "officers_on_duty_mean>10");
  const auto answer = solve(problem, load_fixed_officers, two_replications());
  REQUIRE(answer.evaluations.size() == 2);
  REQUIRE_FALSE(answer.low_meets);
  REQUIRE_FALSE(answer.high_meets);
  REQUIRE_FALSE(answer.meets);
}

TEST_CASE("solve: an unknown metric, scope name or invalid value is a SolveError with the exact message", "[sweep]") {
  SECTION("metric") {
    auto problem = on_duty_problem("facilities.jfk_imf.officers.count=1:3", "officers_on_dutty_mean>1");
    REQUIRE_THROWS_WITH(solve(problem, load_fixed_officers, two_replications()),
                        "--target: no metric 'officers_on_dutty_mean' in scope facility:jfk_imf; did you mean "
                        "'officers_on_duty_mean'?");
  }
  SECTION("scope name") {
    auto problem = on_duty_problem("facilities.jfk_imf.officers.count=1:3", "officers_on_duty_mean>1");
    problem.scope_name = "jfk_imff";
    problem.scope_text = "facility:jfk_imff";
    REQUIRE_THROWS_WITH(solve(problem, load_fixed_officers, two_replications()),
                        "--scope facility:jfk_imff: no facility 'jfk_imff'; did you mean 'jfk_imf'?");
  }
  SECTION("value") {
    auto problem = on_duty_problem("facilities.jfk_imf.officers.count=-1:3", "officers_on_duty_mean>1");
    try {
      solve(problem, load_fixed_officers, two_replications());
      FAIL("no SolveError");
    } catch (const SolveError& e) {
      REQUIRE(std::string{e.what()} == "facilities.jfk_imf.officers.count = -1 does not give a valid scenario");
      REQUIRE(e.diagnostics().size() == 1);
      REQUIRE(e.diagnostics()[0].message == "must be at least 0 (got '-1')");
    }
  }
}
