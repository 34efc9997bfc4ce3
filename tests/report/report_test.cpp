// SPDX-License-Identifier: MIT
#include "cisim/report/report.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cisim/scenario/load.hpp"
#include "support/scenario_text.hpp"

using namespace cisim;

namespace {
Report small_report(int replications) {
  static const LoadedScenario loaded = load_scenario_text(cisim::testing::valid_scenario_text(), "small.yaml");
  RunOptions options;
  options.replications = replications;
  return make_report(loaded, run_scenario(*loaded.scenario, options));
}
}  // namespace

TEST_CASE("Report: same scenario and seed give byte-identical JSON and CSV", "[report]") {
  REQUIRE(format_json(small_report(3)) == format_json(small_report(3)));
  REQUIRE(format_metrics_csv(small_report(3)) == format_metrics_csv(small_report(3)));
}

TEST_CASE("Report: JSON carries run metadata and every metric with mean, sd, ci95 and n", "[report]") {
  const auto j = nlohmann::json::parse(format_json(small_report(3)));
  REQUIRE(j["scenario"]["name"] == "small");
  REQUIRE(j["scenario"]["content_hash"].get<std::string>().starts_with("fnv1a64:"));
  REQUIRE(j["replications"] == 3);
  REQUIRE(j["seed"] == 1);
  bool found = false;
  for (const auto& m : j["metrics"]) {
    REQUIRE(m.contains("mean"));
    // n counts the replications in which the metric is defined; a rate over no shipments in
    // every replication has n 0 and a null mean, never 0 (decision 0015).
    INFO(m["scope"] << " " << m["scope_name"] << " " << m["metric"]);
    REQUIRE(m["n"].get<int>() <= 3);
    REQUIRE((m["n"] == 0) == m["mean"].is_null());
    if (m["metric"] == "inspected" || m["metric"] == "arrivals") REQUIRE(m["n"] == 3);
    if (m["metric"] == "officer_utilization") {
      found = true;
      REQUIRE(m["n"] == 3);
      REQUIRE(m["ci95"].size() == 2);
      REQUIRE(m["mean"].get<double>() > 0.0);
      REQUIRE(m["mean"].get<double>() < 1.0);
    }
  }
  REQUIRE(found);
}

TEST_CASE("Report: metrics.csv has one row per replication and metric", "[report]") {
  const auto r = small_report(2);
  const std::string csv = format_metrics_csv(r);
  const auto rows = static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n'));
  REQUIRE(rows == 1 + 2 * r.metrics.size());
}

TEST_CASE("Report: one replication reports no interval rather than a fake one", "[report]") {
  const auto r = small_report(1);
  REQUIRE(format_table(r).find("One replication: values without confidence intervals") != std::string::npos);
  REQUIRE(format_table(r).find(" ± ") == std::string::npos);
  const auto j = nlohmann::json::parse(format_json(r));
  REQUIRE(j["metrics"][0]["ci95"].is_null());
}

TEST_CASE("run_scenario: results are byte-identical for any thread count", "[report]") {
  static const LoadedScenario loaded = load_scenario_text(cisim::testing::valid_scenario_text(), "small.yaml");
  RunOptions one;
  one.replications = 5;
  RunOptions three = one;
  three.threads = 3;
  int calls = 0;
  three.on_progress = [&calls](int done, int total) {
    ++calls;
    REQUIRE(done <= total);
  };
  REQUIRE(format_json(make_report(loaded, run_scenario(*loaded.scenario, one))) ==
          format_json(make_report(loaded, run_scenario(*loaded.scenario, three))));
  REQUIRE(calls == 5);
}

TEST_CASE("Report: seizures mean the same in summary.json and timeseries.csv", "[report]") {
  const auto r = small_report(2);
  for (const char* metric : {"seizures", "abandoned", "inspected", "arrivals", "discrepancies_found"}) {
    double by_facility = 0.0;
    double all = 0.0;
    for (const auto& d : r.daily) {
      if (d.metric != metric) continue;
      (d.facility == "all" ? all : by_facility) += d.summary.mean;
    }
    INFO(metric);
    REQUIRE(by_facility == Approx(find_metric(r, "run", "all", metric)->summary.mean));
    REQUIRE(all == Approx(by_facility));  // the "all" series is the facilities' sum
  }
}

TEST_CASE("Report: the daily 'all' series takes rates as ratios of sums", "[report]") {
  const auto r = small_report(2);
  for (std::size_t i = 0; i < r.daily.size(); ++i) {
    const auto& d = r.daily[i];
    if (d.facility != "all" || d.metric != "discrepancy_rate") continue;
    for (std::size_t rep = 0; rep < d.values.size(); ++rep) {
      double found = 0.0;
      double inspected = 0.0;
      for (const auto& x : r.daily) {
        if (x.day != d.day || x.facility == "all") continue;
        if (x.metric == "discrepancies_found") found += x.values[rep];
        if (x.metric == "inspected") inspected += x.values[rep];
      }
      REQUIRE(d.values[rep] == Approx(inspected > 0.0 ? found / inspected : 0.0));
    }
  }
}

TEST_CASE("Report: timeseries rows carry the calendar date and leave out warm-up days", "[report]") {
  const auto r = small_report(2);
  REQUIRE_FALSE(r.daily.empty());
  const std::string csv = format_timeseries_csv(r);
  REQUIRE(csv.rfind("run_id,date,day,partial_day,facility,metric,unit,mean,sd,ci95_low,ci95_high,n\n", 0) == 0);
  REQUIRE(csv.find(fmt::format(",{},", r.daily.front().date)) != std::string::npos);
  REQUIRE(r.daily.front().date == r.measured_from);
  const std::string reps = format_timeseries_replications_csv(r);
  REQUIRE(reps.rfind("run_id,date,day,partial_day,facility,metric,unit,replication,value\n", 0) == 0);
  REQUIRE(std::count(reps.begin(), reps.end(), '\n') == static_cast<long>(1 + 2 * r.daily.size()));
}

TEST_CASE("Report: mode and selection-reason scopes reach every output", "[report]") {
  const auto r = small_report(2);
  REQUIRE(find_metric(r, "mode", "postal", "arrivals"));
  REQUIRE(find_metric(r, "selection", "random", "discrepancy_rate"));
  REQUIRE_FALSE(find_metric(r, "selection", "random", "arrivals"));  // a reason has no arrivals
  REQUIRE_FALSE(find_metric(r, "mode", "express", "arrivals"));      // no express stream
  REQUIRE(format_summary_csv(r).find(",mode,postal,arrivals,Shipments arrived,shipments,") != std::string::npos);
  REQUIRE(format_summary_csv(r).find(",selection,random,inspected,") != std::string::npos);
  REQUIRE(format_metrics_csv(r).find(",0,selection,random,inspected,shipments,") != std::string::npos);
  REQUIRE(format_json(r).find("\"scope\": \"mode\"") != std::string::npos);
  REQUIRE(format_table(r).find("selection reason") != std::string::npos);
  REQUIRE(format_table(r).find("\nmode ") != std::string::npos);
}

TEST_CASE("Report: a run where nothing arrives says so, and its rates are n/a, not 0%", "[report]") {
  const auto loaded = load_scenario_text(cisim::testing::valid_scenario_text(), "small.yaml", {"streams.*.arrivals.rate=0/d"});
  REQUIRE(loaded.scenario);
  RunOptions options;
  options.replications = 2;
  const Report r = make_report(loaded, run_scenario(*loaded.scenario, options));
  REQUIRE_FALSE(r.warnings.empty());
  REQUIRE(r.warnings.front().starts_with("no shipments arrived in the measured window"));
  const MetricSummary* prevalence = find_metric(r, "run", "all", "true_counterfeit_prevalence");
  REQUIRE(prevalence);
  REQUIRE(prevalence->summary.n == 0);
  REQUIRE(std::isnan(prevalence->summary.mean));
}
