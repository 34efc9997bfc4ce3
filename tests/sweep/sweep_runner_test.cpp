// SPDX-License-Identifier: MIT
#include "cisim/sweep/sweep_runner.hpp"

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <unistd.h>

#include <catch2/catch.hpp>

#include "cisim/sweep/sweep_database.hpp"
#include "support/scenario_text.hpp"

using namespace cisim;

namespace {

// A sweep database in the temporary directory, removed (with its WAL files) at the end of the test.
struct TempDatabase {
  TempDatabase()
      : path((std::filesystem::temp_directory_path() / ("cisim_sweep_runner_test_" + std::to_string(::getpid()) + ".db"))
                 .string()) {
    remove_files();
  }
  ~TempDatabase() { remove_files(); }
  void remove_files() const {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
  std::string path;
};

// The small valid scenario with 2 replications and a fixed seed, as a sweep runs it; its
// clock counts its readings in `clock_readings`.
SweepRunner small_runner(std::vector<std::string> base_sets = {}, int* clock_readings = nullptr) {
  RunOptions options;
  options.seed = 7;
  options.replications = 2;
  auto load = [](const std::vector<std::string>& sets) {
    return load_scenario_text(cisim::testing::valid_scenario_text(), "small.yaml", sets);
  };
  auto clock = [clock_readings] {
    if (clock_readings) ++*clock_readings;
    return 0.0;
  };
  return SweepRunner{load, std::move(base_sets), options, clock};
}

std::vector<SweepPoint> points_of(const std::string& vary) {
  const auto key = parse_vary(vary);
  REQUIRE(key.value);
  return grid_design({*key.value});
}

const std::string kMorningShift = "facilities.jfk_imf.officers.shifts[0].count";

// A new sweep database and three points of the small scenario to run into it.
struct ThreePointSweep {
  ThreePointSweep() { db.initialise({{"seed", "7"}}, {kMorningShift}); }
  TempDatabase file;
  SweepDatabase db{file.path};
  int clock_readings = 0;
  SweepRunner runner = small_runner({}, &clock_readings);
  std::vector<SweepPoint> points = points_of(kMorningShift + "=3,4,5");
};

}  // namespace

TEST_CASE("shard_points: shard i of n takes the points whose index % n == i, in order", "[sweep]") {
  const auto points = points_of(kMorningShift + "=1,2,3,4,5");
  const auto mine = shard_points(points, 1, 2);
  REQUIRE(mine.size() == 2);
  REQUIRE(mine[0].index == 1);
  REQUIRE(mine[1].index == 3);
  REQUIRE(shard_points(points, 0, 1).size() == 5);
}

TEST_CASE("SweepRunner: a point's --set arguments are the base ones, then one per varied key", "[sweep]") {
  const auto runner = small_runner({"seed=3"});
  const auto points = points_of(kMorningShift + "=4,5");
  REQUIRE(runner.set_arguments(points[1]) == std::vector<std::string>{"seed=3", kMorningShift + "=5"});
}

TEST_CASE("SweepRunner: first_invalid names the first point that is not a valid scenario", "[sweep]") {
  const auto runner = small_runner();
  REQUIRE_FALSE(runner.first_invalid(points_of(kMorningShift + "=4,5")));
  const auto bad = runner.first_invalid(points_of(kMorningShift + "=4,-1,-2"));
  REQUIRE(bad);
  REQUIRE(bad->index == 1);
  REQUIRE(bad->diagnostics.size() == 1);
  REQUIRE(bad->diagnostics[0].key == kMorningShift);
  REQUIRE(bad->diagnostics[0].message == "must be at least 0 (got '-1')");
}

TEST_CASE("SweepRunner: runs and stores every point once, and a second run finds them all finished", "[sweep]") {
  ThreePointSweep sweep;
  std::vector<std::size_t> reported;
  auto on_point = [&](const SweepPoint& p, const SweepProgress& so_far) {
    reported.push_back(p.index);
    REQUIRE(so_far.run_now == reported.size());
  };
  const auto first = sweep.runner.run(sweep.db, sweep.points, [] { return false; }, on_point);
  REQUIRE(first.run_now == 3);
  REQUIRE(first.already_finished == 0);
  REQUIRE(reported == std::vector<std::size_t>{0, 1, 2});
  REQUIRE(sweep.db.finished_points() == std::set<std::size_t>{0, 1, 2});
  REQUIRE(sweep.clock_readings == 2 * 3);  // before and after each point, nothing else

  const auto second = sweep.runner.run(sweep.db, sweep.points, [] { return false; });
  REQUIRE(second.run_now == 0);
  REQUIRE(second.already_finished == 3);
}

TEST_CASE("SweepRunner: a stop request ends the run before the next point and keeps the finished ones", "[sweep]") {
  ThreePointSweep sweep;
  int asked = 0;
  const auto stopped = sweep.runner.run(sweep.db, sweep.points, [&] { return asked++ >= 1; });  // yes from the second point on
  REQUIRE(stopped.run_now == 1);
  REQUIRE(sweep.db.finished_points() == std::set<std::size_t>{0});

  const auto resumed = sweep.runner.run(sweep.db, sweep.points, [] { return false; });
  REQUIRE(resumed.already_finished == 1);
  REQUIRE(resumed.run_now == 2);
  REQUIRE(sweep.db.finished_points() == std::set<std::size_t>{0, 1, 2});
}

TEST_CASE("SweepDatabase: an undefined value (a rate over no shipments) is stored as NULL and exported empty, never 0", "[sweep]") {
  // The small scenario has no counterfeits, so the share of counterfeits interdicted is
  // undefined in every replication (decision 0015).
  ThreePointSweep sweep;
  sweep.db.set_meta("varied_keys", kMorningShift);  // what export reads its columns from, as cisim sweep writes it
  sweep.runner.run(sweep.db, sweep.points, [] { return false; });
  const std::string csv = sweep.db.export_csv();
  std::size_t rows = 0;
  for (std::size_t at = csv.find(",run,all,counterfeit_interdiction_rate,"); at != std::string::npos;
       at = csv.find(",run,all,counterfeit_interdiction_rate,", at + 1)) {
    const std::size_t end = csv.find('\n', at);
    REQUIRE(csv.substr(at, end - at) == ",run,all,counterfeit_interdiction_rate,");
    ++rows;
  }
  REQUIRE(rows == 3 * 2);  // 3 points x 2 replications
  // Defined metrics are stored as numbers beside them.
  REQUIRE(csv.find(",run,all,arrivals,\n") == std::string::npos);
}
