// SPDX-License-Identifier: MIT
// Scopes of the customs model: what a blitz measured, modes, selection reasons, windows.
#include "cisim/model/customs_model.hpp"

#include <cmath>

#include "support/customs_config.hpp"

#include <catch2/catch.hpp>

using namespace cisim;

namespace {

// One mail facility with routine random selection and a one-day blitz on CN traffic.
CustomsModelConfig blitz_beside_routine() {
  auto c = testing::one_stream({ProductCategory{"goods", Constant{50.0}, 0.10, {0.05, 0.0, 0.0, 0.0, 0.0}, 0.5}},
                               {.facility = "jfk_imf", .stream = "mail", .officers = 200, .inspection_seconds = 60.0,
                                .shipments_per_day = 20'000});
  c.origins.push_back(Origin{"DE", 1.0, 0.0});
  c.streams[0].origin_mix = {0.5, 0.5};
  c.policies.random_rate = 0.02;
  c.horizon = Duration::days(3);
  Blitz b;
  b.name = "spot";
  b.start = SimTime::start() + Duration::days(1);
  b.end = SimTime::start() + Duration::days(2);
  b.facilities = {true};
  b.origins = {true, false};  // CN only
  b.daily_count = 300;
  c.blitzes.push_back(b);
  return c;
}

}  // namespace

TEST_CASE("Scopes: a blitz's scope counts its own selections; its window keeps the blend under its own name", "[model]") {
  const auto r = run_customs_model(blitz_beside_routine(), RandomStreams{3, 0});
  const CustomsTally& own = r.blitzes[0];
  REQUIRE(own[Count::SelectedBlitz] == 300);
  REQUIRE(own[Count::SelectedRandom] == 0);
  REQUIRE(own[Count::Inspected] == 300);
  // The arrivals it could select: CN traffic on its day, about half of a day's 20,000.
  REQUIRE(own[Count::Arrivals] > 9'000);
  REQUIRE(own[Count::Arrivals] < 11'000);
  // The window scope holds everything at its facility that day: random selections too.
  const CustomsTally& window = r.blitz_windows[0];
  REQUIRE(window[Count::SelectedRandom] > 300);
  REQUIRE(window[Count::SelectedBlitz] == 300);
  // Inspections count on the day they finish: with idle officers and 60 s inspections only a
  // selection in the last minute before a midnight crosses it (about 0.3 a minute here), so
  // the day's inspections match its selections within a few.
  const auto selected = static_cast<double>(window[Count::SelectedRandom] + 300);
  REQUIRE(std::fabs(static_cast<double>(window[Count::Inspected]) - selected) <= 3.0);
  REQUIRE(window[Count::Arrivals] > own[Count::Arrivals]);
  // One blitz: all blitzes = it.
  REQUIRE(r.all_blitzes[Count::Inspected] == own[Count::Inspected]);
}

TEST_CASE("Scopes: selection reasons and modes partition the run", "[model]") {
  auto c = blitz_beside_routine();
  c.streams.push_back(c.streams[0]);
  c.streams[1].name = "express";
  c.streams[1].mode = Mode::Express;
  const auto r = run_customs_model(c, RandomStreams{4, 0});
  std::uint64_t selected = 0;
  for (const CustomsTally& t : r.selections) selected += t[Count::Inspected];
  REQUIRE(selected == r.run[Count::Inspected]);
  REQUIRE(r.selections[0][Count::Inspected] == r.run[Count::SelectedBlitz]);  // index 0: blitz
  REQUIRE(r.selections[2][Count::SelectedRandom] == r.run[Count::SelectedRandom]);  // index 2: random
  REQUIRE(r.selections[2][Count::Arrivals] == 0);  // a reason has no arrivals of its own
  REQUIRE(r.modes[static_cast<std::size_t>(Mode::Postal)][Count::Arrivals] == r.streams[0][Count::Arrivals]);
  REQUIRE(r.modes[static_cast<std::size_t>(Mode::Express)][Count::Arrivals] == r.streams[1][Count::Arrivals]);
  REQUIRE(r.modes[static_cast<std::size_t>(Mode::Cargo)][Count::Arrivals] == 0);
}

TEST_CASE("Scopes: origins partition the run's selections, inspections and outcomes, by the origin shipped", "[model]") {
  const auto r = run_customs_model(blitz_beside_routine(), RandomStreams{4, 0});
  REQUIRE(r.origins.size() == 2);  // CN and DE
  for (const Count k : {Count::SelectedRandom, Count::SelectedBlitz, Count::Inspected, Count::FoundAny, Count::Seized, Count::IprSeized}) {
    REQUIRE(r.origins[0][k] + r.origins[1][k] == r.run[k]);
  }
  // The blitz selects Chinese parcels only; random selection takes both origins.
  REQUIRE(r.origins[0][Count::SelectedBlitz] == r.run[Count::SelectedBlitz]);
  REQUIRE(r.origins[1][Count::SelectedBlitz] == 0);
  REQUIRE(r.origins[1][Count::SelectedRandom] > 0);
  REQUIRE(r.origins[0][Count::Arrivals] == 0);  // event-side counts only
  // IPR seizures: seized (not abandoned) with a counterfeit found; the only kind here.
  REQUIRE(r.run[Count::IprSeized] > 0);
  REQUIRE(r.run[Count::IprSeized] == r.run[Count::Seized]);
}

TEST_CASE("Scopes: inspections count by the time they finish, so an overloaded facility shows its work", "[model]") {
  // Everything is selected and one officer inspects 60 an hour against 20,000 a day: after a
  // day of warm-up the line only grows, and every inspection finished in the window is a
  // shipment that arrived in the warm-up.
  auto c = testing::one_stream({ProductCategory{"goods", Constant{50.0}, 0.10, {}, 0.5}},
                               {.facility = "cvg_dhl", .stream = "express", .officers = 1, .inspection_seconds = 60.0});
  c.policies.random_rate = 1.0;
  c.warmup = Duration::days(1);
  c.horizon = Duration::days(2);
  const auto r = run_customs_model(c, RandomStreams{5, 0});
  REQUIRE(r.run[Count::Inspected] >= 1400);  // about 1,440 in 24 h
  REQUIRE(r.run[Count::Inspected] <= 1441);
  REQUIRE(r.facility_officers[0].utilization() == Approx(1.0));
  REQUIRE(r.daily_officers[1][0].waiting_at_end > 20'000);
}
