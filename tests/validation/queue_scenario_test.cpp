// SPDX-License-Identifier: MIT
// scenarios/queue_mmc.yaml run the way `cisim run` runs it must agree with Erlang C.
#include <catch2/catch.hpp>

#include "cisim/report/report.hpp"
#include "cisim/scenario/load.hpp"
#include "support/queueing_theory.hpp"

using namespace cisim;

TEST_CASE("Validation: scenarios/queue_mmc.yaml with 10 replications agrees with Erlang C", "[validation][slow]") {
  const auto loaded = load_scenario(CISIM_SOURCE_DIR "/scenarios/queue_mmc.yaml");
  REQUIRE(loaded.scenario);
  RunOptions options;
  options.replications = 10;
  const Report report = make_report(loaded, run_scenario(*loaded.scenario, options));
  const double theory_wait_hours = cisim::testing::mmc_wait_in_queue(10, 9.0, 1.0) / 60.0;
  const double theory_waited = cisim::testing::erlang_c(10, 9.0);
  int checked = 0;
  for (const auto& m : report.metrics) {
    if (m.scope != "facility") continue;  // the run, stream and mode scopes hold the same shipments
    if (m.metric == "wait_hours_mean") {
      INFO("theory " << theory_wait_hours << " h; 95% CI " << *m.summary.low() << " to " << *m.summary.high());
      REQUIRE(m.summary.contains(theory_wait_hours));
      ++checked;
    }
    if (m.metric == "waited_share") {
      INFO("theory " << theory_waited << "; 95% CI " << *m.summary.low() << " to " << *m.summary.high());
      REQUIRE(m.summary.contains(theory_waited));
      ++checked;
    }
  }
  REQUIRE(checked == 2);
}
