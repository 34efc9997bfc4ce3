// SPDX-License-Identifier: MIT
// Common random numbers: a small change of one key changes few outcomes, on both paths.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "cisim/report/report.hpp"
#include "cisim/scenario/load.hpp"

using namespace cisim;

namespace {

// The national scenario at a twentieth of its volume for three days, four replications:
// about 550,000 parcels per replication, of which about 3,000 carry a counterfeit electronic.
const std::vector<std::string> kCrnNational{
    "horizon=3d", "warmup=0s", "replications=4",
    "streams.jfk_imf_mail|ord_imf_mail|lax_imf_mail|mia_imf_mail|sfo_imf_mail.arrivals.rate=14865/d",
    "streams.cvg_dhl_express|mem_fedex_express|sdf_ups_express|ind_fedex_express|ont_ups_express|jfk_express_express."
    "arrivals.rate=18580/d"};

Report run_crn(const std::string& simulation, const std::string& prevalence) {
  std::vector<std::string> sets = kCrnNational;
  sets.push_back("simulation=" + simulation);
  sets.push_back("categories.electronics.prevalence.counterfeit=" + prevalence);
  const auto loaded = load_scenario(CISIM_SOURCE_DIR "/scenarios/common/us_fy2024_at_fy2019_enforcement.yaml", sets);
  REQUIRE(loaded.scenario);
  RunOptions options;
  options.threads = 2;
  return make_report(loaded, run_scenario(*loaded.scenario, options));
}

// The largest change, over replications, of each run-scope count (shipments, not rates or
// sums of money or hours) between the two runs.
void require_few_changes(const Report& a, const Report& b, double tolerance) {
  int compared = 0;
  for (const MetricSummary& m : a.metrics) {
    if (m.scope != "run" || m.unit != "shipments") continue;
    const MetricSummary* other = find_metric(b, m.scope, m.scope_name, m.metric);
    REQUIRE(other != nullptr);
    double largest = 0.0;
    for (std::size_t r = 0; r < m.values.size(); ++r) largest = std::max(largest, std::fabs(m.values[r] - other->values[r]));
    INFO(m.metric << ": largest change in a replication " << largest << " shipments (mean " << m.summary.mean << ")");
    CHECK(largest <= tolerance);
    ++compared;
  }
  REQUIRE(compared >= 15);
}

}  // namespace

// Raising the counterfeit prevalence of electronics by 0.1% of itself (2.90% to 2.9029%) adds
// about 3 counterfeit carriers per replication (0.1% of ~3,000). Each can change what follows
// it: it may be selected and found, its seller gains a history that targeting then sees, and
// the line it joins holds a different shipment. Tolerance: 30 shipments per replication in
// any count (of counts up to 550,000), ten times the change in the carriers; without common
// random numbers (the draws of every later shipment shifted) counts such as those inspected
// with a finding move by their whole replication noise, hundreds of shipments.
TEST_CASE("Common random numbers: a 0.1% change of one prevalence changes every count by a few shipments, per-shipment path",
          "[validation][slow]") {
  require_few_changes(run_crn("exact", "2.90%"), run_crn("exact", "2.9029%"), 30.0);
}

TEST_CASE("Common random numbers: a 0.1% change of one prevalence changes every count by a few shipments, aggregated path",
          "[validation][slow]") {
  require_few_changes(run_crn("aggregated", "2.90%"), run_crn("aggregated", "2.9029%"), 30.0);
}
