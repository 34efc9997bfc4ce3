// SPDX-License-Identifier: MIT
// The engine and officer pool against queueing theory. Each check computes the closed form
// from the formula it names, runs R independent replications with warm-up deletion, and
// passes when the 99% Student t confidence interval of the replication means contains it.
#include <functional>
#include <vector>

#include <catch2/catch.hpp>

#include "cisim/model/queue_network.hpp"
#include "cisim/stats/replication_summary.hpp"
#include "support/queueing_theory.hpp"

using namespace cisim;
using namespace cisim::testing;

namespace {

constexpr int kReplications = 30;
constexpr double kConfidence = 0.99;
constexpr std::uint64_t kSeed = 20190701;

// One facility, one Poisson stream; time in minutes: service rate mu per minute.
QueueNetwork single_station(int officers, double lambda_per_min, Distribution inspection_seconds, Duration warmup,
                            Duration horizon, std::optional<std::size_t> waiting_limit = std::nullopt) {
  QueueNetwork n;
  n.facilities.push_back({"station", ShiftSchedule::constant(officers), {{"only", 1.0, std::move(inspection_seconds)}},
                          waiting_limit});
  n.streams.push_back({"poisson", 0, ArrivalProcess::poisson(lambda_per_min / 60.0)});
  n.warmup = warmup;
  n.horizon = horizon;
  return n;
}

ReplicationSummary replicate(const QueueNetwork& network, const std::function<double(const FacilityQueueStats&)>& metric) {
  std::vector<double> values;
  for (int r = 0; r < kReplications; ++r) {
    values.push_back(metric(run_queue_network(network, RandomStreams{kSeed, static_cast<std::uint64_t>(r)}).facilities[0]));
  }
  return ReplicationSummary::of(values, kConfidence);
}

void require_contains(const ReplicationSummary& s, double theory) {
  INFO("theory " << theory << "; simulated " << s.mean << " +- " << s.half_width.value_or(0.0) << " (99% CI, n = "
                 << s.n << ")");
  REQUIRE(s.contains(theory));
}

double wait_minutes(const FacilityQueueStats& f) { return f.wait_mean_hours * 60.0; }

}  // namespace

TEST_CASE("Validation: M/M/1 at utilization 0.5, mean wait in queue is rho / (mu - lambda)", "[validation][slow]") {
  const auto n = single_station(1, 0.5, Exponential{60.0}, Duration::minutes(1000), Duration::minutes(50'000));
  require_contains(replicate(n, wait_minutes), mm1_wait_in_queue(0.5, 1.0));
}

TEST_CASE("Validation: M/M/1 at utilization 0.5, mean number in system is rho / (1 - rho)", "[validation][slow]") {
  const auto n = single_station(1, 0.5, Exponential{60.0}, Duration::minutes(1000), Duration::minutes(50'000));
  require_contains(replicate(n, [](const auto& f) { return f.in_system_mean; }), mm1_number_in_system(0.5, 1.0));
}

TEST_CASE("Validation: M/M/1 at utilization 0.8, mean wait in queue is rho / (mu - lambda)", "[validation][slow]") {
  const auto n = single_station(1, 0.8, Exponential{60.0}, Duration::minutes(5000), Duration::minutes(200'000));
  require_contains(replicate(n, wait_minutes), mm1_wait_in_queue(0.8, 1.0));
}

TEST_CASE("Validation: M/M/1 at utilization 0.8, mean number in system is rho / (1 - rho)", "[validation][slow]") {
  const auto n = single_station(1, 0.8, Exponential{60.0}, Duration::minutes(5000), Duration::minutes(200'000));
  require_contains(replicate(n, [](const auto& f) { return f.in_system_mean; }), mm1_number_in_system(0.8, 1.0));
}

TEST_CASE("Validation: M/M/c with c = 10 at utilization 0.9, probability of waiting is Erlang C", "[validation][slow]") {
  const auto n = single_station(10, 9.0, Exponential{60.0}, Duration::minutes(1000), Duration::minutes(20'000));
  require_contains(replicate(n, [](const auto& f) { return f.waited_share; }), erlang_c(10, 9.0));
}

TEST_CASE("Validation: M/M/c with c = 10 at utilization 0.9, mean wait is C / (c mu - lambda)", "[validation][slow]") {
  const auto n = single_station(10, 9.0, Exponential{60.0}, Duration::minutes(1000), Duration::minutes(20'000));
  require_contains(replicate(n, wait_minutes), mmc_wait_in_queue(10, 9.0, 1.0));
}

TEST_CASE("Validation: M/D/1 at utilization 0.7, mean wait is Pollaczek-Khinchine", "[validation][slow]") {
  const auto n = single_station(1, 0.7, Constant{60.0}, Duration::minutes(1000), Duration::minutes(50'000));
  require_contains(replicate(n, wait_minutes), md1_wait_in_queue(0.7, 1.0));
}

TEST_CASE("Validation: M/M/c/K with c = 3, K = 6, blocking probability is p_K", "[validation][slow]") {
  // K = 6 in the system: 3 in inspection plus a waiting line of 3.
  const auto n = single_station(3, 2.5, Exponential{60.0}, Duration::minutes(500), Duration::minutes(20'000),
                                std::size_t{3});
  require_contains(replicate(n, [](const auto& f) { return f.blocking_probability; }), mmck_blocking(3, 6, 2.5));
}

TEST_CASE("Validation: officer utilization of M/M/c is rho", "[validation][slow]") {
  const auto n = single_station(10, 9.0, Exponential{60.0}, Duration::minutes(1000), Duration::minutes(20'000));
  require_contains(replicate(n, [](const auto& f) { return f.officer_utilization; }), 0.9);
}
