// SPDX-License-Identifier: MIT
// The cisim command line: parse options, dispatch the subcommand, turn errors into exit codes.
#include <cstdio>
#include <exception>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>
#include <fmt/core.h>

#include "cisim/version.hpp"

namespace po = boost::program_options;

namespace {

enum class ExitStatus : int { Ok = 0, SimulationError = 1, UsageError = 2 };

constexpr const char* kUsage =
    "usage: cisim [--version] [--help] <command> [<args>]\n"
    "\n"
    "cisim simulates customs inspection of e-commerce shipments.\n"
    "\n"
    "commands arrive with the scenario layer (run, check, schema, compare, sweep);\n"
    "see docs/cli.md.\n";

}  // namespace

int main(int argc, char** argv) {
  try {
    po::options_description global("options");
    global.add_options()("help,h", "print this help and exit")("version", "print the cisim version and exit");
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(global).run(), vm);
    po::notify(vm);
    if (vm.count("version")) {
      fmt::print("cisim {}\n", cisim::kVersion);
      return static_cast<int>(ExitStatus::Ok);
    }
    if (vm.count("help") || argc == 1) {
      std::ostringstream options;
      options << global;
      fmt::print("{}\n{}", kUsage, options.str());
      return argc == 1 ? static_cast<int>(ExitStatus::UsageError) : static_cast<int>(ExitStatus::Ok);
    }
    return static_cast<int>(ExitStatus::Ok);
  } catch (const po::error& e) {
    fmt::print(stderr, "cisim: error: {}\n{}", e.what(), kUsage);
    return static_cast<int>(ExitStatus::UsageError);
  } catch (const std::exception& e) {
    fmt::print(stderr, "cisim: internal error: {}\n", e.what());
    return static_cast<int>(ExitStatus::SimulationError);
  }
}
