// SPDX-License-Identifier: MIT
// cisim merge: sweep databases (the shards of a sweep) combined into one.
#include "commands.hpp"

#include <filesystem>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cisim/sweep/sweep_database.hpp"
#include "options.hpp"

namespace cisim::app {

ExitStatus merge_command(const std::vector<std::string>& args) {
  po::options_description options("cisim merge OUT.db IN.db...\n\nCombines sweep databases (for example the shards of a "
                                  "cluster job) into OUT.db, created if\nmissing. The inputs must come from the same sweep; "
                                  "a point present twice must have identical\nresults, or the merge is refused.\n\noptions");
  options.add_options()("help,h", "print this help and exit")("files", po::value<std::vector<std::string>>(), "OUT.db then IN.db...");
  po::positional_options_description positional;
  positional.add("files", -1);
  const auto parsed = parse_or_help(args, options, positional);
  if (!parsed) return ExitStatus::Ok;
  const po::variables_map& vm = *parsed;
  const auto files = strings(vm, "files");
  if (files.size() < 2) throw UsageError{"merge needs OUT.db and at least one IN.db"};
  for (std::size_t i = 1; i < files.size(); ++i) {
    if (!std::filesystem::is_regular_file(files[i])) throw UsageError{fmt::format("{}: no such sweep database", files[i])};
  }
  SweepDatabase out{files[0]};
  for (std::size_t i = 1; i < files.size(); ++i) out.merge_from(files[i]);
  fmt::print("merged {} databases into {}: {} points\n", files.size() - 1, files[0], out.finished_points().size());
  return ExitStatus::Ok;
}

}  // namespace cisim::app
