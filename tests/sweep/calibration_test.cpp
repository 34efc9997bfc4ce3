// SPDX-License-Identifier: MIT
#include "cisim/sweep/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <fmt/core.h>

#include "cisim/scenario/scenario_overlay.hpp"
#include "cisim/stats/replication_summary.hpp"
#include "cisim/stats/student_t.hpp"
#include "cisim/sweep/solver.hpp"

using namespace cisim;

namespace {

// An M/M/10 station: throughput is the arrival rate and utilization is arrival rate x mean
// service / 10, so the keys that meet a throughput and a utilization target are known in
// closed form: 8/min and 0.75 min for 480 an hour at 60%.
const std::string kStation = R"(format_version: 1
name: station
description: "M/M/10 for calibration"
seed: 3
replications: 4
start_date: 2019-07-01
horizon: 2d
facilities:
  station:
    kind: international_mail
    officers: {count: 10}
    methods:
      xray: {duration: {dist: exponential, mean: 1min}}
policies:
  random_rate: 100%
streams:
  poisson:
    facility: station
    arrivals: {rate: 9/min}
)";

LoadedScenario load_station(const std::vector<std::string>& sets) { return load_scenario_text(kStation, "station.yaml", sets); }

VariedKey range(const std::string& spec) {
  auto k = parse_vary(spec + ":2");
  REQUIRE(k.value);
  return *k.value;
}

CalibrationTarget target(const std::string& spec) {
  auto t = parse_calibration_target(spec);
  INFO(t.error);
  REQUIRE(t.value);
  return *t.value;
}

CalibrationProblem station_problem() {
  CalibrationProblem p;
  p.keys = {range("streams.poisson.arrivals.rate=3/min:15/min"), range("facilities.station.methods.xray.duration.mean=0.3min:2min")};
  p.targets = {target("throughput_per_hour@facility:station=480±10"), target("officer_utilization@facility:station=60%±2%")};
  return p;
}

}  // namespace

TEST_CASE("calibration targets parse with scope, unit and tolerance", "[calibrate]") {
  const auto t = target("counterfeit_rate@blitz:all=5.1%±0.2%");
  CHECK(t.metric == "counterfeit_rate");
  CHECK(t.scope == "blitz");
  CHECK(t.scope_name == "all");
  CHECK(t.value == Approx(0.051));
  CHECK(t.tolerance == Approx(0.002));
  const auto plain = target("wait_hours_mean=6min+-1min");
  CHECK(plain.scope == "run");
  CHECK(plain.value == Approx(0.1));
  CHECK(plain.tolerance == Approx(1.0 / 60.0));
  CHECK(target("officer_utilization@facility:jfk_imf=0.6±0.01").scope_name == "jfk_imf");
  CHECK(target("seizures@mode=27600±1500").scope_name == "all");

  auto error_of = [](const std::string& spec) {
    const auto p = parse_calibration_target(spec);
    CHECK_FALSE(p.value);
    return p.error;
  };
  CHECK_THAT(error_of("counterfeit_rate<5%"), Catch::Contains("METRIC[@SCOPE]=VALUE±TOLERANCE"));
  CHECK_THAT(error_of("counterfeit_rate=5.1%"), Catch::Contains("a tolerance is needed"));
  CHECK_THAT(error_of("counterfeit_rate=5.1%±0%"), Catch::Contains("above 0"));
  CHECK_THAT(error_of("counterfeit_rate=5.1%±-1%"), Catch::Contains("above 0"));
  CHECK_THAT(error_of("wait_hours_mean=soon±1min"), Catch::Contains("'soon' is not a duration"));
  CHECK_THAT(error_of("counterfeit_rate@=5%±1%"), Catch::Contains("scope after '@' is empty"));
  CHECK_THAT(error_of("@run=5%±1%"), Catch::Contains("no metric"));
}

TEST_CASE("calibrate finds the keys of an M/M/c station from throughput and utilization targets", "[calibrate]") {
  CalibrationProblem p = station_problem();
  // Far from the answer (8/min, 0.75 min), where the metrics respond to both keys: a start
  // in overload (utilization 100% whatever the keys) would leave a local optimizer on a plateau.
  p.start = {4.0, 0.4};
  RunOptions options;
  options.threads = 1;
  const CalibrationAnswer a = calibrate(p, load_station, options);
  const auto& fitted = a.fitted();
  REQUIRE(fitted.all_met);
  // Tolerances from the targets: throughput within 10 an hour is the rate within 1/6 per
  // minute; utilization within 2 points of 60% is the mean within 1/30 of 0.75 min, plus the
  // part of the rate's miss it absorbs (0.75 x 0.17 / 8 = 0.016 min). Over 4 replications of
  // 2 days the throughput's own noise (about 3 an hour, 95%) widens the rate's band to 0.3/min
  // and the mean's to 0.06 min. Keys are in their ranges' units (/min, min).
  CHECK(std::fabs(fitted.x[0] - 8.0) <= 0.3);
  CHECK(std::fabs(fitted.x[1] - 0.75) <= 0.06);
  CHECK(fitted.objective <= 1.0);
  CHECK(a.evaluations.size() <= 60);
  CHECK(a.stop_reason == "the optimizer converged");
  // Each evaluation is the scenario run with the keys' texts as --set: the fitted one again.
  const auto again = load_station(fitted_set_arguments(p, a));
  REQUIRE(again.scenario);
  const Report r = make_report(again, run_scenario(*again.scenario, options));
  CHECK(find_metric(r, "facility", "station", "officer_utilization")->summary.mean == fitted.metrics[1].summary.mean);
}

TEST_CASE("calibrate keeps to its evaluation budget and runs a repeated point once", "[calibrate]") {
  CalibrationProblem p = station_problem();
  p.max_evaluations = 3;
  RunOptions options;
  options.threads = 1;
  int calls = 0;
  const CalibrationAnswer a = calibrate(p, load_station, options, [&](const CalibrationEvaluation&) { ++calls; });
  CHECK(a.evaluations.size() == 3);
  CHECK(calls == 3);
  CHECK(a.stop_reason == "the evaluation budget was spent (--max-evaluations)");
  for (std::size_t i = 0; i < a.evaluations.size(); ++i) CHECK(a.evaluations[a.best].objective <= a.evaluations[i].objective);

  // A whole-number key (officers 5 to 12) rounds many of the optimizer's points to the same
  // count: each count is run once, however often the optimizer asks for it.
  CalibrationProblem whole;
  whole.keys = {range("facilities.station.officers.count=5:12"), range("streams.poisson.arrivals.rate=3/min:15/min")};
  whole.targets = {target("officer_utilization@facility:station=60%±2%"), target("throughput_per_hour@facility:station=480±10")};
  whole.max_evaluations = 40;
  const CalibrationAnswer w = calibrate(whole, load_station, options);
  std::vector<std::vector<std::string>> seen;
  for (const auto& e : w.evaluations) {
    CHECK(std::find(seen.begin(), seen.end(), e.texts) == seen.end());
    seen.push_back(e.texts);
    CHECK(e.x[0] == std::round(e.x[0]));
  }
  CHECK(w.optimizer_calls >= static_cast<int>(w.evaluations.size()));
}

TEST_CASE("calibrate reports a target's unknown metric or scope, and a key's invalid value", "[calibrate]") {
  RunOptions options;
  options.threads = 1;
  CalibrationProblem p = station_problem();
  p.targets[1] = target("officer_utilisation@facility:station=60%±2%");
  CHECK_THROWS_WITH(calibrate(p, load_station, options),
                    Catch::Contains("no metric 'officer_utilisation' in scope facility:station; did you mean 'officer_utilization'"));
  p = station_problem();
  p.targets[0] = target("throughput_per_hour@facility:statoin=480±10");
  CHECK_THROWS_WITH(calibrate(p, load_station, options), Catch::Contains("no facility 'statoin'; did you mean 'station'"));
  p = station_problem();
  p.keys[1] = range("facilities.station.methods.xray.duration.mean=-1min:2min");
  p.start = {std::nullopt, -1.0};
  try {
    calibrate(p, load_station, options);
    FAIL("an invalid value was run");
  } catch (const SolveError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("does not give a valid scenario"));
    CHECK_FALSE(e.diagnostics().empty());
  }
}

TEST_CASE("a scenario overlay includes its base and sets the keys, loading to the same scenario", "[calibrate]") {
  const std::vector<std::string> sets{"streams.poisson.arrivals.rate=8.5/min", "facilities.station.officers.count=12",
                                      "description=\"fitted: yes\"", "horizon=3d"};
  const std::string text = scenario_overlay(std::string(CISIM_SOURCE_DIR) + "/scenarios/queue_mmc.yaml", sets, "fitted\nby a test");
  CHECK(text.starts_with("# fitted\n# by a test\n"));
  const auto overlay = load_scenario_text(text, "overlay.yaml");
  const auto direct = load_scenario(std::string(CISIM_SOURCE_DIR) + "/scenarios/queue_mmc.yaml", sets);
  REQUIRE(overlay.scenario);
  REQUIRE(direct.scenario);
  CHECK(overlay.effective_text == direct.effective_text);
  CHECK(overlay.scenario->description == "fitted: yes");
}

// Decision 0026: met by the evidence when the whole CI lies within the tolerance; met by the
// mean otherwise, with the fewest replications whose interval would fit at the same spread.
TEST_CASE("A calibration target is met by the evidence, by the mean, or missed", "[sweep]") {
  CalibrationTarget t;
  t.value = 0.60;
  t.tolerance = 0.006;
  MetricSummary m;
  m.summary = ReplicationSummary::of(std::vector<double>{0.5908, 0.5994}, 0.95);  // mean 59.51%, half-width 5.5 points
  REQUIRE(target_verdict(t, m) == TargetVerdict::MetByMean);
  const auto n = replications_to_show(t, m);
  REQUIRE(n);
  const double sd = *m.summary.half_width * std::sqrt(2.0) / student_t_quantile(0.975, 1.0);
  const double room = t.tolerance - std::fabs(m.summary.mean - t.value);
  REQUIRE(student_t_quantile(0.975, *n - 1.0) * sd / std::sqrt(static_cast<double>(*n)) <= room);
  REQUIRE(student_t_quantile(0.975, *n - 2.0) * sd / std::sqrt(*n - 1.0) > room);
  REQUIRE(verdict_text(t, m) == fmt::format("met by the mean (about {} replications would show it)", *n));
  m.summary = ReplicationSummary::of(std::vector<double>{0.5990, 0.6000, 0.6010, 0.5995}, 0.95);
  REQUIRE(target_verdict(t, m) == TargetVerdict::Met);
  REQUIRE(verdict_text(t, m) == "met");
  m.summary = ReplicationSummary::of(std::vector<double>{0.58, 0.581}, 0.95);
  REQUIRE(target_verdict(t, m) == TargetVerdict::Missed);
  REQUIRE_FALSE(replications_to_show(t, m));
  m.summary = ReplicationSummary::of(std::vector<double>{0.601}, 0.95);  // one replication: no interval
  REQUIRE(target_verdict(t, m) == TargetVerdict::MetByMean);
  REQUIRE(verdict_text(t, m) == "met by the mean (one replication: no interval)");
}
