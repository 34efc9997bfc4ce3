// SPDX-License-Identifier: MIT
#include "cisim/report/output_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include <unistd.h>

using cisim::write_file_atomically;

TEST_CASE("write_file_atomically: replaces the file whole and leaves no temporary", "[report]") {
  const auto dir = std::filesystem::temp_directory_path() / ("cisim_out_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = (dir / "summary.json").string();
  write_file_atomically(file, "old");
  write_file_atomically(file, "new contents");
  std::stringstream read;
  read << std::ifstream(file).rdbuf();
  REQUIRE(read.str() == "new contents");
  REQUIRE(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator{}) == 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("write_file_atomically: a missing directory is an error naming the path", "[report]") {
  REQUIRE_THROWS_WITH(write_file_atomically("/nonexistent_cisim_dir/summary.json", "x"),
                      "/nonexistent_cisim_dir/summary.json: cannot write: No such file or directory");
}

TEST_CASE("write_files_as_a_set: a file that cannot be written leaves the previous set whole", "[report]") {
  const auto dir = std::filesystem::temp_directory_path() / ("cisim_set_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto a = (dir / "metrics.csv").string();
  const auto b = (dir / "summary.json").string();
  cisim::write_files_as_a_set({{a, "run 1 metrics"}, {b, "run 1 summary"}});
  // The second file of run 2 goes to a directory that does not exist: nothing is replaced.
  REQUIRE_THROWS(cisim::write_files_as_a_set({{a, "run 2 metrics"}, {(dir / "missing" / "summary.json").string(), "x"}}));
  std::stringstream read;
  read << std::ifstream(a).rdbuf();
  REQUIRE(read.str() == "run 1 metrics");
  REQUIRE(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator{}) == 2);
  std::filesystem::remove_all(dir);
}
