// SPDX-License-Identifier: MIT
#include "cisim/model/queue_network.hpp"

#include <catch2/catch.hpp>

using namespace cisim;

namespace {

QueueNetwork two_facilities() {
  QueueNetwork n;
  n.facilities.push_back({"jfk_imf", ShiftSchedule::constant(3), {{"xray", 0.7, Exponential{300.0}}, {"physical", 0.3, Exponential{1300.0}}}, std::nullopt});
  n.facilities.push_back({"cvg_express", ShiftSchedule::constant(1), {{"xray", 1.0, Constant{120.0}}}, std::size_t{2}});
  n.streams.push_back({"china_post", 0, ArrivalProcess::poisson(1.0 / 240.0)});
  n.streams.push_back({"express_a", 1, ArrivalProcess::poisson(1.0 / 150.0)});
  n.streams.push_back({"express_b", 1, ArrivalProcess::poisson(1.0 / 400.0)});
  n.warmup = Duration::hours(2);
  n.horizon = Duration::days(2);
  return n;
}

}  // namespace

TEST_CASE("run_queue_network: same seed gives identical results, another seed differs", "[model]") {
  const auto network = two_facilities();
  const auto a = run_queue_network(network, RandomStreams{42, 0});
  const auto b = run_queue_network(network, RandomStreams{42, 0});
  const auto c = run_queue_network(network, RandomStreams{42, 1});
  REQUIRE(a.events_processed == b.events_processed);
  REQUIRE(a.facilities[0].wait_mean_hours == b.facilities[0].wait_mean_hours);
  REQUIRE(a.facilities[1].refused == b.facilities[1].refused);
  REQUIRE(a.events_processed != c.events_processed);
}

TEST_CASE("run_queue_network: shipments are conserved and utilization stays between 0 and 1", "[model]") {
  const auto r = run_queue_network(two_facilities(), RandomStreams{7, 0});
  for (const auto& f : r.facilities) {
    INFO(f.facility);
    // Flow balance over the measured period: what entered the line left it or is still there,
    // and what started inspection finished or is still being inspected.
    REQUIRE(f.waiting_at_start + f.requests == f.refused + f.inspections_started + f.waiting_at_end);
    REQUIRE(f.in_inspection_at_start + f.inspections_started == f.inspections_finished + f.in_inspection_at_end);
    REQUIRE(f.requests > 0);
    REQUIRE(f.officer_utilization >= 0.0);
    REQUIRE(f.officer_utilization <= 1.0);
    REQUIRE(f.measured_hours == Approx(46.0));
  }
  REQUIRE(r.facilities[1].refused > 0);      // the express hub's line of 2 overflows
  REQUIRE(r.facilities[0].refused == 0);     // the unlimited line never refuses
}

TEST_CASE("run_queue_network: a stream's arrivals do not depend on other streams (named streams)", "[model]") {
  auto network = two_facilities();
  const auto before = run_queue_network(network, RandomStreams{3, 0});
  // Adding a stream to the express hub must leave the mail facility's arrivals untouched.
  network.streams.push_back({"express_c", 1, ArrivalProcess::poisson(1.0 / 900.0)});
  const auto after = run_queue_network(network, RandomStreams{3, 0});
  REQUIRE(before.facilities[0].requests == after.facilities[0].requests);
  REQUIRE(before.facilities[0].wait_mean_hours == after.facilities[0].wait_mean_hours);
  REQUIRE(before.facilities[1].requests != after.facilities[1].requests);
}
