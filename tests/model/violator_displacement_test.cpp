// SPDX-License-Identifier: MIT
// Violators who adapt: displacement away from enforcement, and specific deterrence.
#include "cisim/model/violator_displacement.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "cisim/report/report.hpp"
#include "cisim/run.hpp"
#include "cisim/scenario/load.hpp"
#include "cisim/stats/replication_summary.hpp"

#include <catch2/catch.hpp>

using namespace cisim;

namespace {

// A mail facility under a sustained blitz (half its parcels inspected from day 3) and an
// express hub with a 1% random sample; the mail stream's violators may move to express.
std::string two_routes(const std::string& strength, const std::string& deterrence = "0%") {
  // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on a chain of + here.
  std::string text = R"(format_version: 1
name: two_routes
description: "a blitzed mail facility and an express hub"
seed: 5
replications: 4
start_date: 2019-07-01
horizon: 28d
categories:
  goods:
    value: {dist: lognormal, mean: 40 USD, sd: 30 USD}
    prevalence: {counterfeit: 8%, undervaluation: 4%}
facilities:
  mail_fac:
    kind: international_mail
    officers: {count: 200}
    methods: {physical: {duration: {dist: constant, value: 1min}, sensitivity: {counterfeit: 90%, undervaluation: 70%}}}
  hub:
    kind: express_hub
    officers: {count: 50}
    methods: {physical: {duration: {dist: constant, value: 1min}, sensitivity: {counterfeit: 90%, undervaluation: 70%}}}
policies:
  random_rate: 1%
  penalty_rate: 10%
streams:
  mail:
    facility: mail_fac
    mode: postal
    arrivals: {rate: 4000/d}
    category_mix: {goods: 100%}
    sellers: {count: 300, zipf_exponent: 1, propensity_a: 0.5, propensity_b: 2, deterrence: )";
  text += deterrence;
  text += R"(}
    displacement: {routes: [express], strength: )";
  text += strength;
  text += R"(, lag: 3d, window: 7d}
  express:
    facility: hub
    mode: express
    arrivals: {rate: 2000/d}
    category_mix: {goods: 100%}
blitzes:
  sustained:
    start: 2019-07-03
    end: 2019-07-28
    facilities: [mail_fac]
    selection_rate: 50%
)";
  return text;
}

Report run_text(const std::string& text) {
  const auto loaded = load_scenario_text(text, "two_routes.yaml");
  INFO((loaded.diagnostics.empty() ? std::string{} : format_diagnostic(loaded.diagnostics.front())));
  REQUIRE(loaded.scenario);
  RunOptions options;
  options.threads = 2;
  return make_report(loaded, run_scenario(*loaded.scenario, options));
}

const MetricSummary& metric(const Report& r, const std::string& scope, const std::string& name, const std::string& m) {
  const MetricSummary* found = find_metric(r, scope, name, m);
  REQUIRE(found != nullptr);
  return *found;
}

std::vector<double> legitimate(const Report& r, const std::string& stream) {
  const auto& arrived = metric(r, "stream", stream, "arrivals").values;
  const auto& carrying = metric(r, "stream", stream, "true_discrepancy_prevalence").values;
  std::vector<double> out;
  for (std::size_t i = 0; i < arrived.size(); ++i) out.push_back(std::round(arrived[i] * (1.0 - carrying[i])));
  return out;
}

}  // namespace

TEST_CASE("Displacement: a blitz's violators move to the route it does not cover; legitimate traffic stays", "[model]") {
  const Report adapt = run_text(two_routes("80%"));
  const Report stay = run_text(two_routes("0%"));
  // Nothing moves without strength; with it, thousands of violators arrive at the hub
  // instead (about 8% x 4000 a day x up to 80% over three weeks).
  CHECK(metric(stay, "stream", "express", "rerouted_in").summary.mean == 0.0);
  CHECK(metric(adapt, "stream", "express", "rerouted_in").summary.mean > 1000.0);
  CHECK(metric(adapt, "stream", "mail", "rerouted_in").summary.mean == 0.0);
  // The same shipments are drawn in both (common random numbers): the legitimate parcels of
  // each stream are exactly the same count; only violators left the mail facility.
  CHECK(legitimate(adapt, "mail") == legitimate(stay, "mail"));
  CHECK(legitimate(adapt, "express") == legitimate(stay, "express"));
  CHECK(metric(adapt, "facility", "mail_fac", "true_counterfeit_prevalence").summary.mean <
        metric(stay, "facility", "mail_fac", "true_counterfeit_prevalence").summary.mean);
  CHECK(metric(adapt, "facility", "hub", "true_counterfeit_prevalence").summary.mean >
        metric(stay, "facility", "hub", "true_counterfeit_prevalence").summary.mean);
  // The blitz stops fewer counterfeits nationally: the moved ones meet a 1% sample, not 50%.
  CHECK(*metric(adapt, "run", "all", "counterfeit_interdiction_rate").summary.high() <
        *metric(stay, "run", "all", "counterfeit_interdiction_rate").summary.low());
}

TEST_CASE("Displacement: the share moved follows strength x (1 - safest rate / own rate) with its lag", "[model]") {
  CustomsModelConfig config;
  config.horizon = Duration::days(10);
  config.facilities.resize(2);
  for (const char* name : {"a", "b"}) {
    CustomsStream stream;
    stream.name = std::string(name);
    stream.facility = config.streams.size();
    config.streams.push_back(std::move(stream));
  }
  config.streams[0].displacement = DisplacementRule{{1}, 0.6, Duration::days(2), 7, std::nullopt};
  ViolatorDisplacement d{config, {0, 1}, RandomStreams{1, 0}, 10};
  REQUIRE(d.moves(0));
  REQUIRE_FALSE(d.moves(1));
  // Day 0: 100 violators on a, 20 stopped (20%); 100 on b, 5 stopped (5%).
  ShipmentRecord r;
  r.carried = 1;
  for (int i = 0; i < 100; ++i) {
    r.stream = 0;
    d.arrived(r);
    if (i < 20) d.interdicted(r, SimTime::start());
    r.stream = 1;
    d.arrived(r);
    if (i < 5) d.interdicted(r, SimTime::start());
  }
  CHECK(d.observed_rate(0, 7, SimTime::start()) == Approx(0.20));
  CHECK(d.observed_rate(1, 7, SimTime::start()) == Approx(0.05));
  // Target 0.6 x (1 - 0.05 / 0.20) = 0.45; after one lag (2 days) the share has closed 63% of the gap.
  d.update(0, SimTime::start() + Duration::days(2));
  CHECK(d.share(0) == Approx(0.45 * (1.0 - std::exp(-1.0))).epsilon(1e-12));
  // Past the window (7 days) nothing is observed any more: the target is 0 and the share decays.
  const double before = d.share(0);
  d.update(0, SimTime::start() + Duration::days(9));
  CHECK(d.share(0) == Approx(before * std::exp(-3.5)).epsilon(1e-12));
}

TEST_CASE("Deterrence: sellers sanctioned for their shipments ship fewer counterfeits afterwards", "[model]") {
  // No displacement here (strength 0): only deterrence differs, with common random numbers.
  const Report deterred = run_text(two_routes("0%", "50%"));
  const Report plain = run_text(two_routes("0%", "0%"));
  CHECK(*metric(deterred, "stream", "mail", "true_counterfeit_prevalence").summary.high() <
        *metric(plain, "stream", "mail", "true_counterfeit_prevalence").summary.low());
  // Arrivals are the same shipments; only what they carry changed.
  CHECK(metric(deterred, "stream", "mail", "arrivals").values == metric(plain, "stream", "mail", "arrivals").values);
}
