// SPDX-License-Identifier: MIT
#include "cisim/model/model_partition.hpp"

#include <string>
#include <vector>

#include "cisim/model/customs_model.hpp"
#include "cisim/report/report.hpp"
#include "cisim/run.hpp"
#include "cisim/scenario/load.hpp"
#include "support/customs_config.hpp"

#include <catch2/catch.hpp>

using namespace cisim;

namespace {

// Three facilities, a stream at each; the third stream's rate is the largest.
CustomsModelConfig three_facilities() {
  auto c = testing::one_stream({ProductCategory{"goods", Constant{50.0}, 0.10, {}, 0.5}}, {.facility = "a", .stream = "to_a"});
  for (const char* name : {"b", "c"}) {
    Facility f = c.facilities[0];
    f.name = name;
    c.facilities.push_back(f);
    CustomsStream s = c.streams[0];
    s.name = std::string{"to_"} + name;
    s.facility = c.facilities.size() - 1;
    c.streams.push_back(s);
  }
  c.streams[2].arrivals = ArrivalProcess::poisson(1.0);
  return c;
}

std::vector<std::vector<std::uint32_t>> facilities_of(const std::vector<ModelPartition>& parts) {
  std::vector<std::vector<std::uint32_t>> out;
  for (const ModelPartition& p : parts) out.push_back(p.facilities);
  return out;
}

// The JSON report of `path` run as the whole model in one simulation, and as its parts on
// `threads` threads: the two must be the same bytes.
std::pair<std::string, std::string> whole_and_parts(const std::string& path, const std::vector<std::string>& sets, int threads) {
  const LoadedScenario loaded = load_scenario(std::string(CISIM_SOURCE_DIR) + "/scenarios/" + path, sets);
  REQUIRE(loaded.scenario);
  const Scenario& scenario = *loaded.scenario;
  RunResults whole;
  whole.seed = scenario.seed;
  whole.replications = 2;
  for (std::uint64_t r = 0; r < 2; ++r) {
    CustomsReplication replication{scenario.model, RandomStreams{scenario.seed, r}, {whole_model(scenario.model)}};
    replication.run_part(0);
    whole.per_replication.push_back(replication.finish());
  }
  RunOptions options;
  options.replications = 2;
  options.threads = threads;
  const RunResults parts = run_scenario(scenario, options);
  return {format_json(make_report(loaded, whole)), format_json(make_report(loaded, parts))};
}

}  // namespace

TEST_CASE("ModelPartition: a facility and its streams are a part; heaviest first; every stream and facility once", "[model]") {
  const auto c = three_facilities();
  const auto parts = partition_model(c);
  REQUIRE(facilities_of(parts) == std::vector<std::vector<std::uint32_t>>{{2}, {0}, {1}});
  REQUIRE(parts[0].streams == std::vector<std::uint32_t>{2});
  REQUIRE(parts[0].expected_shipments_per_second == Approx(1.0));
  const ModelPartition whole = whole_model(c);
  REQUIRE(whole.facilities == std::vector<std::uint32_t>{0, 1, 2});
  REQUIRE(whole.streams == std::vector<std::uint32_t>{0, 1, 2});
}

TEST_CASE("ModelPartition: a fulfillment center joins its stream's facility; blitzed facilities are one part", "[model]") {
  auto c = three_facilities();
  SECTION("fulfillment") {
    c.streams[0].fulfillment = FulfillmentSupply{.center = 1};
    REQUIRE(facilities_of(partition_model(c)) == std::vector<std::vector<std::uint32_t>>{{2}, {0, 1}});
  }
  SECTION("two blitzes at facilities 0 and 2: one part, though no blitz covers both") {
    Blitz one;
    one.facilities = {true, false, false};
    Blitz two;
    two.facilities = {false, false, true};
    c.blitzes = {one, two};
    const auto parts = partition_model(c);
    REQUIRE(facilities_of(parts) == std::vector<std::vector<std::uint32_t>>{{0, 2}, {1}});
    REQUIRE(parts[0].holds_blitzes);
    REQUIRE_FALSE(parts[1].holds_blitzes);
  }
  SECTION("a facility without streams is a part of its own") {
    c.streams.pop_back();
    const auto parts = partition_model(c);
    REQUIRE(facilities_of(parts) == std::vector<std::vector<std::uint32_t>>{{0}, {1}, {2}});
    REQUIRE(parts[2].streams.empty());
  }
  SECTION("facilities without streams are one part together (a part per idle facility grew memory with their square)") {
    for (int i = 0; i < 3; ++i) c.facilities.push_back(c.facilities[0]);  // facilities 3, 4 and 5: no stream reaches them
    const auto parts = partition_model(c);
    REQUIRE(facilities_of(parts) == std::vector<std::vector<std::uint32_t>>{{2}, {0}, {1}, {3, 4, 5}});
    REQUIRE(parts[3].streams.empty());
  }
}

TEST_CASE("CustomsReplication: the parts on several threads give the whole model's report byte for byte", "[model]") {
  // Scenarios whose parts differ: national (11 parts), fulfillment centers (center and
  // facility joined), blitzes (blitzed facilities joined), release programs, sellers.
  struct Case {
    std::string path;
    std::vector<std::string> sets;
  };
  const std::vector<Case> cases = {
      {"common/us_fy2024_at_fy2019_enforcement.yaml", {"horizon=2d", "warmup=6h", "streams.*.arrivals.rate=10000/d"}},
      {"breakbulk_mx_ca.yaml", {"horizon=3d", "warmup=1d"}},
      {"ultimate_consignee.yaml", {"horizon=3d", "warmup=1d"}},
      {"mega_flex_2019.yaml", {"streams.*.arrivals.rate=2000/d"}},
      {"release_program_csp1.yaml", {"horizon=3d", "warmup=1d"}},
      {"platform_practices.yaml", {"horizon=2d", "warmup=1d"}},
  };
  // Three threads for two replications: parts of one replication run beside the other's.
  // (One thread, the parts in turn, is what every other test of a whole run exercises.)
  for (const Case& c : cases) {
    INFO(c.path);
    const auto [whole, parts] = whole_and_parts(c.path, c.sets, 3);
    REQUIRE(whole == parts);
  }
}
