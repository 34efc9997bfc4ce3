// SPDX-License-Identifier: MIT
#include "cisim/scenario/validate.hpp"

#include <catch2/catch.hpp>

#include "cisim/scenario/load.hpp"
#include "support/scenario_text.hpp"

using namespace cisim;
using cisim::testing::replaced;
using cisim::testing::valid_scenario_text;

namespace {
std::vector<std::string> messages(const LoadedScenario& loaded) {
  std::vector<std::string> out;
  for (const auto& d : loaded.diagnostics) out.push_back(format_diagnostic(d));
  return out;
}
}  // namespace

TEST_CASE("validate_scenario: a valid scenario becomes a typed Scenario in canonical units", "[scenario]") {
  const auto loaded = load_scenario_text(valid_scenario_text(), "small.yaml");
  REQUIRE(messages(loaded).empty());
  REQUIRE(loaded.scenario);
  const Scenario& s = *loaded.scenario;
  REQUIRE(s.name == "small");
  REQUIRE(s.seed == 1);           // schema default
  REQUIRE(s.replications == 10);  // schema default
  REQUIRE(s.model.horizon == Duration::days(2));
  REQUIRE(s.model.warmup == Duration::hours(2));
  REQUIRE(s.model.facilities.size() == 1);
  const auto& f = s.model.facilities[0];
  REQUIRE(f.officers.officers_at(SimTime::start() + Duration::hours(3)) == 1);   // night shift past midnight
  REQUIRE(f.officers.officers_at(SimTime::start() + Duration::hours(7)) == 4);
  REQUIRE(f.officers.officers_at(SimTime::start() + Duration::hours(15)) == 3);
  REQUIRE(f.officers.officers_at(SimTime::start() + Duration::hours(23)) == 1);
  REQUIRE_FALSE(f.waiting_limit.has_value());  // "unlimited" by default
  REQUIRE(f.methods.size() == 2);
  REQUIRE(f.methods[0].share == Approx(0.8));
  REQUIRE(mean_of(f.methods[1].duration_seconds) == Approx(720.0));
  REQUIRE(s.model.streams[0].arrivals.rate_per_second() == Approx(30.0 / 3600.0));
  // 2019-07-01 was a Monday, so day 0 carries the Monday weight (1.2, scaled to average 1).
  REQUIRE(s.model.streams[0].arrivals.multiplier_at(SimTime::start()) == Approx(1.2 / 1.0));
}

TEST_CASE("validate_scenario: all problems are reported in one pass, sorted by position", "[scenario]") {
  std::string text = valid_scenario_text();
  text = replaced(text, "horizon: 2d", "horizon: 2");
  text = replaced(text, "kind: international_mail", "kind: mail");
  text = replaced(text, "facility: jfk_imf", "facility: jfk_imff");
  text = replaced(text, "share: 20%", "share: 30%");
  const auto loaded = load_scenario_text(text, "x.yaml");
  REQUIRE_FALSE(loaded.scenario);
  REQUIRE(messages(loaded) ==
          std::vector<std::string>{
              "x.yaml:5:10: error: horizon: duration '2' has no unit; did you mean '2min', '2h' or '2d'? (units: us, ms, s, min, h, d or w)",
              "x.yaml:9:11: error: facilities.jfk_imf.kind: unknown value 'mail'; expected one of 'international_mail', "
              "'express_hub', 'fulfillment_center', 'foreign_fulfillment_center', 'cargo_port'",
              "x.yaml:16:7: error: facilities.jfk_imf.methods: method shares must sum to 100% (got 110%: xray 80%, physical 30%)",
              "x.yaml:22:15: error: streams.china_post.facility: no facility 'jfk_imff'; did you mean 'jfk_imf'?"});
}

TEST_CASE("validate_scenario: offered load above capacity is a warning, not an error", "[scenario]") {
  const auto loaded = load_scenario_text(replaced(valid_scenario_text(), "rate: 30/h", "rate: 400/h"), "x.yaml");
  REQUIRE(loaded.scenario);
  REQUIRE(loaded.diagnostics.size() == 1);
  REQUIRE(loaded.diagnostics[0].severity == Severity::Warning);
  REQUIRE(loaded.diagnostics[0].key == "facilities.jfk_imf");
}

TEST_CASE("validate_scenario: a waiting limit silences the load warning and bounds the line", "[scenario]") {
  auto text = replaced(valid_scenario_text(), "rate: 30/h", "rate: 400/h");
  text = replaced(text, "    methods:", "      waiting_limit: 50\n    methods:");
  const auto loaded = load_scenario_text(text, "x.yaml");
  REQUIRE(messages(loaded).empty());
  REQUIRE(*loaded.scenario->model.facilities[0].waiting_limit == 50);
}

TEST_CASE("validate_scenario: officer scale multiplies and rounds every count", "[scenario]") {
  auto text = replaced(valid_scenario_text(), "    methods:", "      scale: 1.5\n    methods:");
  const auto loaded = load_scenario_text(text, "x.yaml");
  REQUIRE(loaded.scenario);
  const auto& officers = loaded.scenario->model.facilities[0].officers;
  REQUIRE(officers.officers_at(SimTime::start() + Duration::hours(7)) == 6);   // 4 x 1.5
  REQUIRE(officers.officers_at(SimTime::start() + Duration::hours(15)) == 5);  // 3 x 1.5 = 4.5, rounded half away
}

TEST_CASE("prevalence_scale multiplies one violation kind in every category and leaves the others", "[scenario]") {
  std::string text = valid_scenario_text();
  text += R"(categories:
  bags: {value: {dist: constant, value: 30 USD}, prevalence: {counterfeit: 4%, undervaluation: 3%}}
  toys: {value: {dist: constant, value: 20 USD}, prevalence: {counterfeit: 1%}}
)";
  text = replaced(text, "    facility: jfk_imf", "    facility: jfk_imf\n    category_mix: {bags: 50%, toys: 50%}");
  const auto plain = load_scenario_text(text, "small.yaml");
  const auto scaled = load_scenario_text(text, "small.yaml", {"prevalence_scale.counterfeit=2.5"});
  REQUIRE(plain.scenario);
  REQUIRE(scaled.scenario);
  const auto& a = plain.scenario->model.categories;
  const auto& b = scaled.scenario->model.categories;
  const auto counterfeit = static_cast<std::size_t>(cisim::ViolationKind::Counterfeit);
  const auto undervaluation = static_cast<std::size_t>(cisim::ViolationKind::Undervaluation);
  CHECK(b[0].prevalence[counterfeit] == Approx(2.5 * a[0].prevalence[counterfeit]));
  CHECK(b[1].prevalence[counterfeit] == Approx(0.025));
  CHECK(b[0].prevalence[undervaluation] == a[0].prevalence[undervaluation]);
}
