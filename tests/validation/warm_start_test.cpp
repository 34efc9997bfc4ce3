// SPDX-License-Identifier: MIT
// The warm start (docs/model.md, "Warm start"): with seller turnover and a spin-up, a national
// year's IPR seizures are flat month by month; from a cold start they are not.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "cisim/report/report.hpp"
#include "cisim/scenario/load.hpp"

using namespace cisim;

namespace {

// The national FY2019 scenario at a twentieth of its volume (its officers, sellers and
// targeting as they are, so its lines are as full), over 12 blocks of 30 days.
constexpr int kWarmBlocks = 12;
constexpr int kWarmBlockDays = 30;
constexpr int kWarmReplications = 4;

Report run_fy2019_twentieth(const std::vector<std::string>& levers) {
  std::vector<std::string> sets{
      "horizon=360d", "replications=" + std::to_string(kWarmReplications),
      "streams.jfk_imf_mail|ord_imf_mail|lax_imf_mail|mia_imf_mail|sfo_imf_mail.arrivals.rate=14865/d",
      "streams.cvg_dhl_express|mem_fedex_express|sdf_ups_express|ind_fedex_express|ont_ups_express|jfk_express_express."
      "arrivals.rate=18580/d"};
  sets.insert(sets.end(), levers.begin(), levers.end());
  const auto loaded = load_scenario(CISIM_SOURCE_DIR "/scenarios/us_fy2019_baseline.yaml", sets);
  REQUIRE(loaded.scenario);
  RunOptions options;
  options.threads = 2;
  return make_report(loaded, run_scenario(*loaded.scenario, options));
}

// Per block of 30 days, how far the mean over replications of its daily IPR seizures lies
// from the year's, in standard errors. Each replication's blocks are taken relative to its own
// year (a replication's level is not a block's effect), and the noise of a block's mean is the
// pooled spread of those deviations about their block means (an analysis of variance with
// (R - 1)(B - 1) = 33 degrees of freedom): it holds the slow swings of the seller market (a
// large seller's slot changing hands), which the days of one block do not show.
std::vector<double> monthly_deviations(const Report& r) {
  std::vector<std::vector<double>> sums(kWarmReplications, std::vector<double>(kWarmBlocks, 0.0));
  int days = 0;
  for (const Report::DailyValue& d : r.daily) {
    if (d.facility != "all" || d.metric != "ipr_seizures") continue;
    REQUIRE(d.day < static_cast<std::size_t>(kWarmBlocks * kWarmBlockDays));
    REQUIRE(d.values.size() == static_cast<std::size_t>(kWarmReplications));
    for (std::size_t rep = 0; rep < d.values.size(); ++rep) sums[rep][d.day / kWarmBlockDays] += d.values[rep] / kWarmBlockDays;
    ++days;
  }
  REQUIRE(days == kWarmBlocks * kWarmBlockDays);
  // dev[rep][b]: block b's mean a day less the replication's year mean a day.
  std::vector<double> block_mean(kWarmBlocks, 0.0);
  for (auto& rep : sums) {
    double year = 0.0;
    for (const double v : rep) year += v / kWarmBlocks;
    for (int b = 0; b < kWarmBlocks; ++b) {
      rep[static_cast<std::size_t>(b)] -= year;
      block_mean[static_cast<std::size_t>(b)] += rep[static_cast<std::size_t>(b)] / kWarmReplications;
    }
  }
  double ss = 0.0;
  for (const auto& rep : sums) {
    for (int b = 0; b < kWarmBlocks; ++b) ss += std::pow(rep[static_cast<std::size_t>(b)] - block_mean[static_cast<std::size_t>(b)], 2);
  }
  const double pooled_sd = std::sqrt(ss / ((kWarmReplications - 1) * (kWarmBlocks - 1)));
  std::vector<double> z;
  for (const double m : block_mean) z.push_back(m / (pooled_sd / std::sqrt(static_cast<double>(kWarmReplications))));
  return z;
}

}  // namespace

// Tolerance: 4 standard errors per block. With 33 degrees of freedom a flat series leaves a
// block there with chance about 3e-4, the 12 blocks together about 1 in 250. Sellers stay 60
// days on average here (shorter than the national scenarios' assumption, so that a spin-up of
// 4 tenures stays short); the cold start's first month lies far above its year (24% at full
// volume), so the check has the power to see what the warm start removes.
TEST_CASE("Warm start: with seller turnover and a spin-up, monthly IPR seizures of a national year are flat",
          "[validation][slow]") {
  const Report warm = run_fy2019_twentieth({"spin_up=240d", "streams.*.sellers.mean_tenure=60d"});
  const std::vector<double> z = monthly_deviations(warm);
  for (int b = 0; b < kWarmBlocks; ++b) {
    INFO("block " << b << " of 30 days: " << z[static_cast<std::size_t>(b)] << " standard errors from the year");
    CHECK(std::abs(z[static_cast<std::size_t>(b)]) < 4.0);
  }
  const Report cold = run_fy2019_twentieth({});
  const std::vector<double> c = monthly_deviations(cold);
  INFO("cold start, first 30 days: " << c[0] << " standard errors from the year");
  CHECK(c[0] > 4.0);
}
