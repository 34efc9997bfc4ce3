// SPDX-License-Identifier: MIT
// The cisim command line: dispatch the subcommand, turn errors into exit codes.
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cisim/run.hpp"
#include "cisim/scenario/did_you_mean.hpp"
#include "cisim/sweep/sweep_database.hpp"
#include "cisim/version.hpp"
#include "commands.hpp"

namespace {

// A message on standard error that cannot throw: when standard error cannot be written either
// (a full disk behind both), the exit code is all that is left to say it, never an abort.
void print_error(const std::string& text) noexcept { std::fputs(text.c_str(), stderr); }

using cisim::app::ExitStatus;

constexpr const char* kUsage =
    "usage: cisim <command> [<args>]   (cisim <command> --help for its options)\n"
    "\n"
    "cisim simulates customs inspection of e-commerce shipments.\n"
    "\n"
    "commands:\n"
    "  run SCENARIO       run a scenario: measured and true violation rates, seizures, duties, waits\n"
    "  compare BASE ALT   both with common random numbers; paired differences with CIs\n"
    "  sweep SCENARIO --vary KEY=SPEC...   parameter sweep into SQLite; resumable, shardable\n"
    "  solve SCENARIO --vary KEY=LO:HI --target 'METRIC<VALUE'   where a metric crosses a target\n"
    "  calibrate SCENARIO --vary KEY=LO:HI... --target 'METRIC=VALUE±TOL'...   keys fitted to targets\n"
    "  merge OUT IN...    combine sweep databases (shards)\n"
    "  export DB          a sweep database as one tidy CSV table\n"
    "  check SCENARIO...  validate scenario files; every problem, located\n"
    "  schema [metrics]   print the scenario (or metric) reference in Markdown\n"
    "\n"
    "options:\n"
    "  -h, --help         print this help and exit\n"
    "  --version          print the cisim version and exit\n"
    "\n"
    "exit codes: 0 ok, 1 simulation or output error, 2 usage or scenario error\n";

}  // namespace

namespace {

int dispatch(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    print_error(fmt::format("{}", kUsage));
    return static_cast<int>(ExitStatus::UsageError);
  }
  const std::string& command = args.front();
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  try {
    if (command == "--version") {
      fmt::print("cisim {}\n", cisim::kVersion);
      return 0;
    }
    if (command == "--help" || command == "-h" || command == "help") {
      fmt::print("{}", kUsage);
      return 0;
    }
    if (command == "run") return static_cast<int>(cisim::app::run_command(rest));
    if (command == "compare") return static_cast<int>(cisim::app::compare_command(rest));
    if (command == "sweep") return static_cast<int>(cisim::app::sweep_command(rest));
    if (command == "solve") return static_cast<int>(cisim::app::solve_command(rest));
    if (command == "calibrate") return static_cast<int>(cisim::app::calibrate_command(rest));
    if (command == "merge") return static_cast<int>(cisim::app::merge_command(rest));
    if (command == "export") return static_cast<int>(cisim::app::export_command(rest));
    if (command == "check") return static_cast<int>(cisim::app::check_command(rest));
    if (command == "schema") return static_cast<int>(cisim::app::schema_command(rest));
    const std::vector<std::string> commands{"run", "compare", "sweep", "solve", "calibrate", "merge", "export", "check", "schema", "--version", "--help"};
    throw cisim::app::UsageError{
        fmt::format("unknown command '{}'{}", command, cisim::did_you_mean_suffix(command, commands))};
  } catch (const cisim::SweepDatabaseError& e) {
    print_error(fmt::format("cisim: error: {}\n", e.what()));
    return static_cast<int>(ExitStatus::SimulationError);
  } catch (const cisim::RunBudgetError& e) {
    print_error(fmt::format("cisim: error: {}\n", e.what()));
    return static_cast<int>(ExitStatus::UsageError);
  } catch (const cisim::app::UsageError& e) {
    print_error(fmt::format("cisim: error: {}\n(cisim --help lists the commands; cisim <command> --help their options)\n", e.message));
    return static_cast<int>(ExitStatus::UsageError);
  } catch (const std::exception& e) {
    print_error(fmt::format("cisim: error: {}\n", e.what()));
    return static_cast<int>(ExitStatus::SimulationError);
  }
}

}  // namespace

// Results on standard output are results too: a full disk or a closed pipe behind it is an
// output error (exit 1), not a silent success with the results lost.
int main(int argc, char** argv) {
  // A file-size limit (ulimit -f) is a full disk by another name: a write past it fails with
  // EFBIG and is reported as such, its temporaries removed, instead of the process being killed.
  std::signal(SIGXFSZ, SIG_IGN);
  const int status = dispatch(argc, argv);
  errno = 0;
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    const int error = errno;
    print_error(fmt::format("cisim: error: cannot write to standard output: {}\n", error != 0 ? std::strerror(error) : "write error"));
    return status != 0 ? status : static_cast<int>(ExitStatus::SimulationError);
  }
  return status;
}
