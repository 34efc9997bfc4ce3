// SPDX-License-Identifier: MIT
#include "cisim/scenario/load.hpp"

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <catch2/catch.hpp>

#include "support/scenario_text.hpp"

using namespace cisim;
using cisim::testing::replaced;
using cisim::testing::valid_scenario_text;

namespace {

// A scratch directory removed at the end of the test.
struct TempDir {
  TempDir() : path(std::filesystem::temp_directory_path() / ("cisim_test_" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string write(const std::string& name, const std::string& text) const {
    const auto file = path / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << text;
    return file.string();
  }
  std::filesystem::path path;
};

}  // namespace

TEST_CASE("load_scenario: --set changes any key by dotted path and is echoed", "[scenario]") {
  const auto loaded = load_scenario_text(valid_scenario_text(), "x.yaml",
                                         {"seed=42", "facilities.jfk_imf.officers.shifts[0].count=9",
                                          "streams.china_post.arrivals.rate=20/h"});
  REQUIRE(loaded.diagnostics.empty());
  REQUIRE(loaded.scenario->seed == 42);
  REQUIRE(loaded.scenario->model.facilities[0].officers.officers_at(SimTime::start() + Duration::hours(7)) == 9);
  REQUIRE(loaded.scenario->model.streams[0].arrivals.rate_per_second() == Approx(20.0 / 3600.0));
  REQUIRE(loaded.overrides.size() == 3);
  REQUIRE(loaded.overrides[0].key == "seed");
  REQUIRE(loaded.overrides[0].value == "42");
}

TEST_CASE("load_scenario: --set a|b sets those ids of a map; an id that does not exist says which", "[scenario]") {
  const std::string text = valid_scenario_text() + "  hk_post: {facility: jfk_imf, arrivals: {rate: 1/h}}\n"
                                                   "  de_post: {facility: jfk_imf, arrivals: {rate: 1/h}}\n";
  const auto loaded = load_scenario_text(text, "x.yaml", {"streams.china_post|de_post.arrivals.rate=2/h"});
  REQUIRE(loaded.diagnostics.empty());
  const auto& streams = loaded.scenario->model.streams;
  REQUIRE(streams.size() == 3);
  for (const auto& s : streams) REQUIRE(s.arrivals.rate_per_second() == Approx((s.name == "hk_post" ? 1.0 : 2.0) / 3600.0));
  const auto typo = load_scenario_text(text, "x.yaml", {"streams.china_post|china_pots.arrivals.rate=20/h"});
  REQUIRE_FALSE(typo.scenario);
  REQUIRE(format_diagnostic(typo.diagnostics.at(0)) ==
          "--set:1:1: error: streams.china_post|china_pots.arrivals.rate: no 'china_pots' in streams (in 'china_post|china_pots', "
          "ids separated by '|'); did you mean 'china_post'?");
}

TEST_CASE("load_scenario: --set values are validated like file values, located on --set", "[scenario]") {
  const auto loaded = load_scenario_text(valid_scenario_text(), "x.yaml", {"warmup=3", "horizon"});
  REQUIRE_FALSE(loaded.scenario);
  REQUIRE(loaded.diagnostics.size() == 2);
  REQUIRE(format_diagnostic(loaded.diagnostics[0]) ==
          "--set:1:8: error: warmup: duration '3' has no unit; did you mean '3min', '3h' or '3d'? (units: us, ms, s, min, h, d or w)");
  REQUIRE(format_diagnostic(loaded.diagnostics[1]) == "--set:2:1: error: expected KEY=VALUE, found 'horizon'");
}

TEST_CASE("load_scenario: --set may give a whole distribution in YAML flow syntax", "[scenario]") {
  const auto loaded = load_scenario_text(valid_scenario_text(), "x.yaml",
                                         {"facilities.jfk_imf.methods.xray.duration={dist: constant, value: 90s}"});
  REQUIRE(loaded.diagnostics.empty());
  REQUIRE(mean_of(loaded.scenario->model.facilities[0].methods[0].duration_seconds) == 90.0);
}

TEST_CASE("load_scenario: include merges another file; the including file wins", "[scenario]") {
  TempDir dir;
  dir.write("common/base.yaml", valid_scenario_text());
  const auto main = dir.write("main.yaml", "include: common/base.yaml\nname: derived\nseed: 7\n");
  const auto loaded = load_scenario(main);
  INFO((loaded.diagnostics.empty() ? "" : format_diagnostic(loaded.diagnostics[0])));
  REQUIRE(loaded.scenario);
  REQUIRE(loaded.scenario->name == "derived");
  REQUIRE(loaded.scenario->seed == 7);
  REQUIRE(loaded.scenario->model.facilities.size() == 1);
}

TEST_CASE("load_scenario: a key set to null in the including file removes the included one", "[scenario]") {
  TempDir dir;
  dir.write("base.yaml", valid_scenario_text());
  const auto main = dir.write("main.yaml",
                              "include: base.yaml\nfacilities:\n  jfk_imf:\n    officers:\n      shifts: ~\n      count: 5\n");
  const auto loaded = load_scenario(main);
  INFO((loaded.diagnostics.empty() ? "" : format_diagnostic(loaded.diagnostics[0])));
  REQUIRE(loaded.scenario);
  REQUIRE(loaded.scenario->model.facilities[0].officers.officers_at(SimTime::start() + Duration::hours(3)) == 5);
}

TEST_CASE("load_scenario: an include cycle is an error that prints the chain", "[scenario]") {
  TempDir dir;
  const auto a = dir.write("a.yaml", "include: b.yaml\n");
  dir.write("b.yaml", "include: a.yaml\n");
  const auto loaded = load_scenario(a);
  REQUIRE_FALSE(loaded.scenario);
  REQUIRE(loaded.diagnostics.size() == 1);
  const std::string b = (dir.path / "b.yaml").string();
  REQUIRE(format_diagnostic(loaded.diagnostics[0]) == b + ":1:10: error: include: include cycle: " + a + " -> " + b + " -> " + a);
}

TEST_CASE("load_scenario: the content hash follows the bytes of every file", "[scenario]") {
  const auto one = load_scenario_text(valid_scenario_text(), "x.yaml");
  const auto same = load_scenario_text(valid_scenario_text(), "y.yaml");
  const auto other = load_scenario_text(valid_scenario_text() + "seed: 3\n", "x.yaml");
  REQUIRE(one.content_hash == same.content_hash);
  REQUIRE(one.content_hash != other.content_hash);
  REQUIRE(one.content_hash.starts_with("fnv1a64:"));
}

TEST_CASE("load_scenario: the effective scenario loads alone to the same scenario", "[scenario]") {
  // Includes merged, --set applied: the text reproduces the run without the files around it.
  const std::string dir = std::string(CISIM_SOURCE_DIR) + "/scenarios/";
  for (const char* file : {"navarro_target.yaml", "mega_flex_2019.yaml", "breakbulk_mx_ca.yaml"}) {
    INFO(file);
    const LoadedScenario original = load_scenario(dir + file, {"replications=1", "seed=7"});
    REQUIRE(original.scenario);
    REQUIRE(original.effective_text.find("include:") == std::string::npos);
    const LoadedScenario again = load_scenario_text(original.effective_text, "effective.yaml");
    INFO(original.effective_text.substr(0, 2000));
    REQUIRE(again.scenario);
    REQUIRE(again.effective_text == original.effective_text);  // a fixed point
    const Scenario& a = *original.scenario;
    const Scenario& b = *again.scenario;
    REQUIRE(a.model.facilities.size() == b.model.facilities.size());
    REQUIRE(a.model.streams.size() == b.model.streams.size());
    REQUIRE(a.model.categories.size() == b.model.categories.size());
    REQUIRE(a.model.horizon == b.model.horizon);
    REQUIRE(a.model.facilities.front().officers.officers_at(SimTime::start()) == b.model.facilities.front().officers.officers_at(SimTime::start()));
  }
}
