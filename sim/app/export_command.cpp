// SPDX-License-Identifier: MIT
// cisim export: a sweep database as one tidy CSV table.
#include "commands.hpp"

#include <filesystem>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cisim/report/output_files.hpp"
#include "cisim/sweep/sweep_database.hpp"
#include "options.hpp"

namespace cisim::app {

ExitStatus export_command(const std::vector<std::string>& args) {
  po::options_description options("cisim export DB [--format csv] [--out FILE]\n\nWrites a sweep database's results as one "
                                  "tidy CSV table for R or pandas: point, every varied key,\nreplication, scope, scope_name, "
                                  "metric, value.\n\noptions");
  options.add_options()("help,h", "print this help and exit")("format,f", po::value<std::string>()->default_value("csv"), "csv")(
      "out,o", po::value<std::string>(), "file to write (whole or not at all); default: standard output")(
      "db", po::value<std::string>(), "sweep database");
  po::positional_options_description positional;
  positional.add("db", 1);
  const auto parsed = parse_or_help(args, options, positional);
  if (!parsed) return ExitStatus::Ok;
  const po::variables_map& vm = *parsed;
  if (!vm.count("db")) throw UsageError{"missing DB: the sweep database to export"};
  choose(vm["format"].as<std::string>(), {"csv"}, "format");
  const std::string db_path = vm["db"].as<std::string>();
  if (!std::filesystem::is_regular_file(db_path)) throw UsageError{fmt::format("{}: no such sweep database", db_path)};
  if (vm.count("out")) check_output_file(vm["out"].as<std::string>(), "out", {db_path});
  const std::string csv = SweepDatabase{db_path, SweepDatabase::Access::ReadOnly}.export_csv();
  if (vm.count("out")) write_file_atomically(vm["out"].as<std::string>(), csv);
  else fmt::print("{}", csv);
  return ExitStatus::Ok;
}

}  // namespace cisim::app
