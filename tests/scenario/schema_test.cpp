// SPDX-License-Identifier: MIT
#include "cisim/scenario/schema.hpp"

#include <set>

#include <catch2/catch.hpp>

#include "cisim/scenario/load.hpp"
#include "support/scenario_text.hpp"

using namespace cisim;

TEST_CASE("schema: every default parses through the same rules as user input", "[scenario]") {
  // A scenario that writes nothing optional gets every default; loading it runs each
  // default through its parser (an invalid default would abort the test).
  const auto loaded = load_scenario_text(cisim::testing::valid_scenario_text(), "x.yaml");
  REQUIRE(loaded.scenario);
  for (const KeySpec& k : scenario_schema()) {
    INFO(k.path);
    REQUIRE(!(k.required && !k.default_text.empty()));  // a key is required or has a default, never both
    REQUIRE(!k.description.empty());
  }
}

TEST_CASE("schema: paths are unique and every child has its parent", "[scenario]") {
  std::set<std::string> paths;
  for (const KeySpec& k : scenario_schema()) {
    INFO(k.path);
    REQUIRE(paths.insert(k.path).second);
    const auto dot = k.path.rfind('.');
    const auto bracket = k.path.rfind("[]");
    if (bracket != std::string::npos && bracket + 2 == k.path.size()) {
      REQUIRE(paths.contains(k.path.substr(0, bracket)));
    } else if (dot != std::string::npos) {
      REQUIRE(paths.contains(k.path.substr(0, dot)));
    }
  }
}

TEST_CASE("schema_markdown: documents every key with its type and default", "[scenario]") {
  const std::string md = schema_markdown();
  for (const KeySpec& k : scenario_schema()) {
    INFO(k.path);
    REQUIRE(md.find("| `" + k.path + "` |") != std::string::npos);
  }
  for (const auto& f : distribution_forms()) REQUIRE(md.find("| `" + f.name + "` |") != std::string::npos);
}
