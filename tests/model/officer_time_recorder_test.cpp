// SPDX-License-Identifier: MIT
#include "cisim/model/officer_time_recorder.hpp"

#include <catch2/catch.hpp>

using namespace cisim;

namespace {
SimTime hours(double h) { return SimTime::start() + Duration::from_seconds(h * 3600.0); }
}  // namespace

TEST_CASE("OfficerTimeRecorder: levels are integrated into the days they were held, after the warm-up", "[model]") {
  OfficerTimeRecorder r{3};
  OfficerPool pool{2};
  pool.add_observer(&r, SimTime::start());  // 2 on duty from 0 h
  pool.request(hours(1), InspectionRequest{1, hours(1), 0});
  r.on_warmup_ended(hours(6));  // the first 6 h are not measured
  pool.start_next(hours(6));    // 1 busy from 6 h: the request waited 5 h, 1 of them... all in the warm-up
  pool.finish(hours(30));       // busy until 30 h: crosses midnight
  pool.set_on_duty(hours(36), 0);
  r.on_run_finished(hours(48));
  const auto& d = r.days();
  REQUIRE(d[0].hours == Approx(18.0));
  REQUIRE(d[0].busy_officer_hours == Approx(18.0));
  REQUIRE(d[0].on_duty_officer_hours == Approx(36.0));
  REQUIRE(d[0].waiting_shipment_hours == Approx(0.0));
  REQUIRE(d[1].hours == Approx(24.0));
  REQUIRE(d[1].busy_officer_hours == Approx(6.0));
  REQUIRE(d[1].on_duty_officer_hours == Approx(24.0));
  REQUIRE(d[1].utilization() == Approx(0.25));
  REQUIRE(d[2].hours == Approx(0.0));
}

TEST_CASE("OfficerTimeRecorder: the waiting line at each day's end, and at the end of the run", "[model]") {
  OfficerTimeRecorder r{2};
  OfficerPool pool{0};
  pool.add_observer(&r, SimTime::start());
  r.on_warmup_ended(SimTime::start());
  pool.request(hours(3), InspectionRequest{1, hours(3), 0});
  pool.request(hours(25), InspectionRequest{2, hours(25), 0});
  r.on_run_finished(hours(30));
  REQUIRE(r.days()[0].waiting_at_end == 1.0);
  REQUIRE(r.days()[0].waiting_shipment_hours == Approx(21.0));
  REQUIRE(r.days()[1].waiting_at_end == 2.0);
  OfficerTime week = r.days()[0];
  week.extend(r.days()[1]);
  REQUIRE(week.hours == Approx(30.0));
  REQUIRE(week.waiting_at_end == 2.0);
}
