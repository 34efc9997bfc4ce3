// SPDX-License-Identifier: MIT
#include "cisim/model/shipment_trace.hpp"

#include <cmath>

#include <catch2/catch.hpp>

#include "cisim/report/report.hpp"
#include "cisim/run.hpp"
#include "cisim/scenario/load.hpp"
#include "support/scenario_text.hpp"

using namespace cisim;

namespace {
// The small scenario with a random sample of 10%, so that most shipments are released uninspected.
const LoadedScenario& loaded() {
  static const LoadedScenario l = load_scenario_text(cisim::testing::valid_scenario_text(), "small.yaml", {"policies.random_rate=10%"});
  return l;
}
const Scenario& small() { return *loaded().scenario; }
RunOptions traced(double released_share, std::size_t limit) {
  RunOptions o;
  o.replications = 3;
  o.threads = 2;
  o.trace.enabled = true;
  o.trace.released_share = released_share;
  o.trace.limit = limit;
  return o;
}
}  // namespace

TEST_CASE("ShipmentTrace: a traced run has the results of an untraced one", "[model]") {
  RunOptions plain;
  plain.replications = 3;
  const RunResults a = run_scenario(small(), plain);
  const RunResults b = run_scenario(small(), traced(0.5, 1'000'000));
  REQUIRE(format_json(make_report(loaded(), a)) == format_json(make_report(loaded(), b)));
}

TEST_CASE("ShipmentTrace: one record per inspection after the warm-up, releases sampled at their share", "[model]") {
  const RunResults r = run_scenario(small(), traced(0.2, 1'000'000));
  REQUIRE(r.traces.size() == 3);
  REQUIRE(r.trace_dropped == 0);
  for (std::size_t rep = 0; rep < 3; ++rep) {
    const CustomsTally& t = r.per_replication[rep].run;
    std::uint64_t inspected = 0;
    std::uint64_t released = 0;
    double previous = 0.0;
    for (const TraceRecord& x : r.traces[rep]) {
      REQUIRE(x.at_hours >= 2.0);  // the warm-up is 2 h
      REQUIRE(x.at_hours >= previous);  // in time order
      previous = x.at_hours;
      if (x.kind == TraceKind::Inspected) {
        ++inspected;
        REQUIRE(x.reason != SelectionReason::None);
        REQUIRE((x.found & ~x.carried) == 0);  // nothing is found that is not there
      } else {
        ++released;
      }
    }
    REQUIRE(inspected > 0);
    REQUIRE(released > 0);
    REQUIRE(inspected == t[Count::Inspected]);
    // Released uninspected: Released counts inspected releases too.
    const double uninspected = static_cast<double>(t[Count::Released]) - static_cast<double>(t[Count::Inspected] - t[Count::Seized] - t[Count::Abandoned]);
    // A binomial sample at 20%: within 5 standard deviations (a false alarm about once in 3.5 million runs).
    const double sd = std::sqrt(uninspected * 0.2 * 0.8);
    REQUIRE(std::fabs(static_cast<double>(released) - 0.2 * uninspected) <= 5.0 * sd + 1.0);
  }
}

TEST_CASE("ShipmentTrace: the limit is shared among replications and what did not fit is counted", "[model]") {
  const RunResults r = run_scenario(small(), traced(1.0, 30));
  std::size_t kept = 0;
  for (const auto& t : r.traces) {
    REQUIRE(t.size() <= 10);  // ceil(30 / 3)
    kept += t.size();
  }
  REQUIRE(kept == 30);
  REQUIRE(r.trace_dropped > 0);
}

namespace {
// National traffic for six hours: every stream is counted by class (the aggregated path).
const LoadedScenario& trace_national() {
  static const LoadedScenario l =
      load_scenario(CISIM_SOURCE_DIR "/scenarios/common/us_fy2024_at_fy2019_enforcement.yaml", {"horizon=6h", "warmup=1h", "replications=2"});
  return l;
}
}  // namespace

TEST_CASE("ShipmentTrace: on the aggregated path a trace changes no result, and samples the releases counted by class", "[model]") {
  REQUIRE(trace_national().scenario);
  RunOptions plain;
  plain.threads = 2;
  RunOptions with_trace = plain;
  with_trace.trace = traced(0.001, 1'000'000).trace;
  const RunResults a = run_scenario(*trace_national().scenario, plain);
  const RunResults b = run_scenario(*trace_national().scenario, with_trace);
  const Report report = make_report(trace_national(), b);
  REQUIRE(report.counted_by_class > 0.9);  // the trace kept the aggregated path
  REQUIRE(format_json(make_report(trace_national(), a)) == format_json(report));
  REQUIRE(b.trace_dropped == 0);
  for (std::size_t rep = 0; rep < b.traces.size(); ++rep) {
    const CustomsTally& t = b.per_replication[rep].run;
    std::uint64_t released = 0, line_full = 0;
    for (const TraceRecord& x : b.traces[rep]) {
      REQUIRE(x.at_hours >= 1.0);  // after the warm-up
      REQUIRE(x.arrived_hours < 6.0);
      if (x.kind != TraceKind::Inspected) REQUIRE(x.arrived_hours == x.at_hours);  // released as it arrived
      REQUIRE(x.declared_value_usd > 0.0);
      if (x.kind == TraceKind::Released) {
        ++released;
        REQUIRE(x.reason == SelectionReason::None);
      }
      if (x.kind == TraceKind::LineFull) {
        ++line_full;
        REQUIRE(x.reason != SelectionReason::None);
      }
    }
    // Every shipment released uninspected, refused by the full line or not selected, is
    // sampled at 0.1%: within 5 standard deviations of the binomial (a false alarm about
    // once in 3.5 million runs).
    const double uninspected = static_cast<double>(t[Count::Released]) - static_cast<double>(t[Count::Inspected] - t[Count::Seized] - t[Count::Abandoned]);
    const double sd = std::sqrt(uninspected * 0.001 * 0.999);
    REQUIRE(std::fabs(static_cast<double>(released + line_full) - 0.001 * uninspected) <= 5.0 * sd + 1.0);
    REQUIRE(line_full > 0);  // the national line is full: refused selections are traced too
  }
}

// The audit's scope by entry channel spans the model's partitions, which a trace runs as one:
// it reports counts only, so its figures do not move in their last bits with a trace. With a
// ranked line, whose refusals are counted per interval of one bar.
TEST_CASE("ShipmentTrace: with an audit and a ranked line, a trace changes no result", "[model]") {
  const LoadedScenario loaded = load_scenario(CISIM_SOURCE_DIR "/scenarios/common/us_fy2024_at_fy2019_enforcement.yaml",
                                              {"horizon=6h", "warmup=1h", "replications=2", "policies.audit.rate=0.5%",
                                               "policies.targeting.line_order=score"});
  REQUIRE(loaded.scenario);
  RunOptions plain;
  plain.threads = 2;
  RunOptions with_trace = plain;
  with_trace.trace = traced(0.001, 1'000'000).trace;
  const Report a = make_report(loaded, run_scenario(*loaded.scenario, plain));
  const Report b = make_report(loaded, run_scenario(*loaded.scenario, with_trace));
  REQUIRE(find_metric(b, "audit_channel", "type86", "inspected") != nullptr);
  REQUIRE(format_json(a) == format_json(b));
}
