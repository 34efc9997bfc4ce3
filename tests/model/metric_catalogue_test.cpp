// SPDX-License-Identifier: MIT
#include "cisim/model/metric_catalogue.hpp"

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

using namespace cisim;

TEST_CASE("CustomsTally: every counter, sum and duration survives merging", "[model]") {
  CustomsTally a;
  CustomsTally b;
  for (std::size_t i = 0; i < kCounts; ++i) {
    a.counts[i] = i + 1;
    b.counts[i] = 100 * (i + 1);
  }
  for (std::size_t i = 0; i < kSums; ++i) b.sums[i] = 0.5 + static_cast<double>(i);
  for (std::size_t i = 0; i < kPers; ++i) b.pers[i].add(2.0);
  a.merge(b);
  for (std::size_t i = 0; i < kCounts; ++i) REQUIRE(a.counts[i] == 101 * (i + 1));
  for (std::size_t i = 0; i < kSums; ++i) REQUIRE(a.sums[i] == 0.5 + static_cast<double>(i));
  for (std::size_t i = 0; i < kPers; ++i) REQUIRE(a.pers[i].count() == 1);
}

TEST_CASE("Metric catalogue: every counter, sum and duration reaches at least one metric", "[model]") {
  // Every output is made from the catalogue, so a counter that moves no metric's value would
  // be counted and never reported.
  const OfficerTime officers{24.0, 10.0, 20.0, 20.0, 5.0, 1.0};
  const FacilityQueueStats queue{};
  auto values = [&](const CustomsTally& t) {
    std::vector<double> out;
    for (const auto& m : metric_catalogue()) out.push_back(m.value(ScopeData{&t, &officers, &queue}));
    return out;
  };
  CustomsTally base;
  for (std::size_t i = 0; i < kCounts; ++i) base.counts[i] = 10;
  const auto before = values(base);
  for (std::size_t i = 0; i < kCounts; ++i) {
    CustomsTally t = base;
    t.counts[i] = 20;
    INFO("counter " << i);
    REQUIRE(values(t) != before);
  }
  for (std::size_t i = 0; i < kSums; ++i) {
    CustomsTally t = base;
    t.sums[i] = 1.0;
    INFO("sum " << i);
    REQUIRE(values(t) != before);
  }
  for (std::size_t i = 0; i < kPers; ++i) {
    CustomsTally t = base;
    t.pers[i].add(3.0);
    INFO("duration " << i);
    REQUIRE(values(t) != before);
  }
}

TEST_CASE("Metric catalogue: names are unique and every metric has a unit, scopes and a description", "[model]") {
  std::set<std::string_view> names;
  for (const auto& m : metric_catalogue()) {
    INFO(m.name);
    REQUIRE(names.insert(m.name).second);
    REQUIRE(!m.unit.empty());
    REQUIRE(!m.description.empty());
    REQUIRE(m.scopes != 0);
    REQUIRE(find_metric_definition(m.name) == &m);
  }
  REQUIRE(find_metric_definition("seizures")->description.find("seized") != std::string_view::npos);
}

TEST_CASE("Metric catalogue: docs/metrics.md is generated from it (cisim schema metrics)", "[model]") {
  std::ifstream in(std::string(CISIM_SOURCE_DIR) + "/docs/metrics.md");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  INFO("refresh with: build/cisim schema metrics > docs/metrics.md");
  REQUIRE(text.str() == format_metric_reference());
}
