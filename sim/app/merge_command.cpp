// SPDX-License-Identifier: MIT
// cisim merge: sweep databases (the shards of a sweep) combined into one.
#include "commands.hpp"

#include <unistd.h>

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cisim/sweep/sweep_database.hpp"
#include "options.hpp"
#include "report/temporary_files.hpp"

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
    std::error_code ec;
    if (std::filesystem::equivalent(files[i], files[0], ec)) {
      throw SweepDatabaseError(fmt::format("{}: is the output of the merge too; name the output first, then other files", files[i]));
    }
  }
  // The merge is made in a copy beside OUT and renamed over it at the end, so a merge that is
  // killed or runs out of disk leaves OUT as it was (whole, or absent): never a part merged.
  const std::filesystem::path out{files[0]};
  const std::filesystem::path merging = out.string() + ".merging-" + temporary_suffix();
  // A kill the process can see removes the copy too (register_temporary); SIGKILL leaves it,
  // and the next merge into OUT removes what a process that is gone left.
  constexpr std::array<const char*, 4> kSuffixes{"", "-wal", "-shm", "-journal"};
  const auto remove_merging = [&] {
    std::error_code ignored;
    for (const char* suffix : kSuffixes) {
      std::filesystem::remove(merging.string() + suffix, ignored);
      unregister_temporary(merging.string() + suffix);
    }
  };
  remove_merging();
  remove_stale_temporaries(out.string(), ".merging-");
  for (const char* suffix : kSuffixes) register_temporary(merging.string() + suffix);
  std::size_t points = 0;
  try {
    if (std::filesystem::exists(out)) {
      // Opened for writing and closed first, so its log is checkpointed into the file and
      // removed: the renamed copy then meets no log of the file it replaces.
      { SweepDatabase existing{out.string()}; }
      SweepDatabase{out.string(), SweepDatabase::Access::ReadOnly}.copy_to(merging.string());
    }
    SweepDatabase merged{merging.string()};
    merged.set_full_disk_advice(fmt::format("{} is left as it was: free space and merge again", out.string()));
    for (std::size_t i = 1; i < files.size(); ++i) merged.merge_from(files[i]);
    points = merged.finished_points().size();
  } catch (...) {
    remove_merging();
    throw;
  }
  std::error_code ec;
  std::filesystem::rename(merging, out, ec);
  if (ec) {
    remove_merging();
    throw SweepDatabaseError(fmt::format("{}: cannot replace it with the merged database: {}", out.string(), ec.message()));
  }
  remove_merging();  // the renamed copy's name is gone; its log files, if any, with it
  fmt::print("merged {} databases into {}: {} points\n", files.size() - 1, files[0], points);
  return ExitStatus::Ok;
}

}  // namespace cisim::app
