// SPDX-License-Identifier: MIT
// The one table of why shipments are drawn one by one: a run for every row, and the docs' list.
#include "cisim/model/per_shipment_reason.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cisim/report/report.hpp"
#include "cisim/scenario/diagnostic.hpp"
#include "cisim/scenario/load.hpp"

using namespace cisim;

namespace {

struct Case {
  std::string scenario;  // under scenarios/
  std::vector<std::string> sets;
};

// Six hours of national traffic, one replication: every stream may be aggregated, so a case
// that adds one lever shows that lever's row and nothing else decides the path.
const std::vector<std::string> kSmallNational{"horizon=6h", "warmup=0s", "replications=1"};

std::vector<std::string> national(std::vector<std::string> extra) {
  std::vector<std::string> sets = kSmallNational;
  sets.insert(sets.end(), extra.begin(), extra.end());
  return sets;
}

// One case per row: a scenario in which that row applies (and is the first that does) for
// at least one stream or hour.
const std::map<PerShipmentReason, Case>& cases() {
  static const std::map<PerShipmentReason, Case> all{
      {PerShipmentReason::Exact, {"common/us_fy2024_at_fy2019_enforcement.yaml", national({"simulation=exact"})}},
      {PerShipmentReason::FulfillmentCenter, {"breakbulk_mx_ca.yaml", {"horizon=3d", "replications=1"}}},
      {PerShipmentReason::ReleaseProgram, {"release_program_csp1.yaml", {"horizon=2d", "replications=1"}}},
      {PerShipmentReason::LotSampling, {"lot_sampling_fixed.yaml", {"replications=1"}}},
      {PerShipmentReason::Displacement, {"blitz_displacement.yaml", {"replications=1"}}},
      {PerShipmentReason::ArrivalBatches,
       {"common/us_fy2024_at_fy2019_enforcement.yaml", national({"streams.jfk_imf_mail.arrivals.batch_size={dist: poisson, mean: 2}"})}},
      {PerShipmentReason::SeveralItems, {"common/us_fy2024_at_fy2019_enforcement.yaml", national({"streams.jfk_imf_mail.items={dist: poisson, mean: 2}"})}},
      {PerShipmentReason::SellerExclusion, {"platform_practices.yaml", {"horizon=2d", "replications=1"}}},
      // A bounded ranked line alone is counted by class; beside a post's prioritized items it is not.
      {PerShipmentReason::RankedLine,
       {"eo13904_posts.yaml",
        {"horizon=3d", "replications=1", "policies.targeting.threshold=50%", "policies.targeting.line_order=score",
         "facilities.*.officers.waiting_limit=50"}}},
      {PerShipmentReason::ValuesNotLognormal,
       {"common/us_fy2024_at_fy2019_enforcement.yaml", national({"categories.electronics.value={dist: uniform, min: 10 USD, max: 110 USD}"})}},
      {PerShipmentReason::UndervaluesToNothing, {"common/us_fy2024_at_fy2019_enforcement.yaml", national({"categories.electronics.undervaluation_factor=0"})}},
      {PerShipmentReason::BlitzInForce, {"mega_flex_2019.yaml", {"replications=1"}}},
      {PerShipmentReason::WarmupEnds, {"common/us_fy2024_at_fy2019_enforcement.yaml", national({"warmup=90min"})}},
      // A quarter of 36.5 hours ends in the middle of an hour.
      {PerShipmentReason::PostQuarterEnds,
       {"eo13904_posts.yaml", {"horizon=3d", "replications=1", "policies.post_scoring.quarter=2190min"}}},
      {PerShipmentReason::FewShipments, {"common/us_fy2024_at_fy2019_enforcement.yaml", national({"streams.*.arrivals.rate=1000/d"})}},
  };
  return all;
}

Report run_case(const Case& c) {
  const auto loaded = load_scenario(CISIM_SOURCE_DIR "/scenarios/" + c.scenario, c.sets);
  std::string messages;
  for (const Diagnostic& d : loaded.diagnostics) messages += format_diagnostic(d) + "\n";
  INFO(messages);
  REQUIRE(loaded.scenario);
  RunOptions options;
  options.threads = 2;
  return make_report(loaded, run_scenario(*loaded.scenario, options));
}

const Report::DrawnReason* find_reason(const Report& r, std::string_view id) {
  for (const auto& d : r.drawn_one_by_one) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("PerShipmentReason: the rows are in the enum's order, with distinct ids and one test each", "[model]") {
  const auto rows = per_shipment_rules();
  REQUIRE(rows.size() == kPerShipmentReasons);
  std::map<std::string_view, int> ids;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CHECK(static_cast<std::size_t>(rows[i].reason) == i);
    CHECK(++ids[rows[i].id] == 1);
    CHECK((rows[i].stream_test == nullptr) != (rows[i].hour_test == nullptr));
    CHECK(&per_shipment_rule(rows[i].reason) == &rows[i]);
  }
}

TEST_CASE("PerShipmentReason: without any row's lever, national traffic is counted by class and nothing is drawn one by one", "[model]") {
  const Report r = run_case({"common/us_fy2024_at_fy2019_enforcement.yaml", kSmallNational});
  CHECK(r.simulation == "aggregated");
  CHECK(r.counted_by_class > 0.99);
  CHECK(r.drawn_one_by_one.empty());
  CHECK(r.drawn_one_by_one_summary().empty());
}

TEST_CASE("PerShipmentReason: a bounded risk-ranked line without prioritized posts is counted by class", "[model]") {
  const Report r = run_case({"common/us_fy2024_at_fy2019_enforcement.yaml", national({"policies.targeting.line_order=score"})});
  CHECK(r.simulation == "aggregated");
  // The selections that a full line's bar may admit are drawn one by one, as every selection
  // presented to the line is (about 2% of the national traffic here, against under 1% by arrival).
  CHECK(r.counted_by_class > 0.95);
  CHECK(r.drawn_one_by_one.empty());
}

// One test over every row (as ns-3 runs one test over every scheduler): each row's case
// takes the per-shipment path for that row's reason, and the report says so.
TEST_CASE("PerShipmentReason: every row, run, takes the per-shipment path and is named in the report", "[model][slow]") {
  for (const PerShipmentRule& row : per_shipment_rules()) {
    if (row.reason == PerShipmentReason::DeMinimisRulesChange) continue;  // no scenario can reach it: next test
    INFO("row '" << row.id << "'");
    const auto found = cases().find(row.reason);
    REQUIRE(found != cases().end());  // a new row needs a case here
    const Report r = run_case(found->second);
    const Report::DrawnReason* d = find_reason(r, row.id);
    REQUIRE(d != nullptr);
    CHECK(d->text == row.text);
    CHECK(d->share > 0.0);
    CHECK(d->share <= 1.0);
    double drawn = 0.0;
    for (const auto& other : r.drawn_one_by_one) drawn += other.share;
    CHECK(drawn + r.counted_by_class <= 1.0 + 1e-12);  // each shipment is counted under one path, one reason
    if (row.reason == PerShipmentReason::Exact) {
      CHECK(r.counted_by_class == 0.0);
      CHECK(d->share == 1.0);
      CHECK(r.drawn_one_by_one_summary().empty());  // "exact (every shipment drawn)" says it
    } else {
      CHECK(r.drawn_one_by_one_summary().find(std::string(row.text)) != std::string::npos);
    }
  }
}

// De minimis dates take effect at 00:00 and hours start at the run's midnight, so no
// scenario changes the rules strictly inside an hour today; the row guards the classes should
// that change (an hour-aligned start is not a rule of the scenario format).
TEST_CASE("PerShipmentReason: a change of the de minimis rules inside an hour keeps it per shipment, after the cheaper rows", "[model]") {
  HourFacts h;
  h.expected_shipments = 1e6;
  CHECK(!hour_per_shipment_reason(h));
  h.rules_change = true;
  CHECK(hour_per_shipment_reason(h) == PerShipmentReason::DeMinimisRulesChange);
  h.expected_shipments = 10;
  CHECK(hour_per_shipment_reason(h) == PerShipmentReason::FewShipments);
  h.blitz_in_force = true;
  CHECK(hour_per_shipment_reason(h) == PerShipmentReason::BlitzInForce);
}

TEST_CASE("PerShipmentReason: docs/performance.md lists every row with its id and text", "[model]") {
  std::ifstream in(CISIM_SOURCE_DIR "/docs/performance.md");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  for (const PerShipmentRule& row : per_shipment_rules()) {
    const std::string line = "| `" + std::string(row.id) + "` | " + std::string(row.text) + " |";
    INFO("missing from docs/performance.md: " << line);
    CHECK(text.str().find(line) != std::string::npos);
  }
}
