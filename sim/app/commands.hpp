// SPDX-License-Identifier: MIT
// The cisim subcommands (one <name>_command.cpp each): each takes its arguments after the name, returns an exit code.
#pragma once

#include <string>
#include <vector>

namespace cisim::app {

enum class ExitStatus : int { Ok = 0, SimulationError = 1, UsageError = 2 };

/// A bad command line: printed with the command's usage, exit code 2.
struct UsageError {
  std::string message;
};

ExitStatus run_command(const std::vector<std::string>& args);
ExitStatus compare_command(const std::vector<std::string>& args);
ExitStatus sweep_command(const std::vector<std::string>& args);
ExitStatus merge_command(const std::vector<std::string>& args);
ExitStatus export_command(const std::vector<std::string>& args);
ExitStatus check_command(const std::vector<std::string>& args);
ExitStatus schema_command(const std::vector<std::string>& args);
ExitStatus solve_command(const std::vector<std::string>& args);
ExitStatus calibrate_command(const std::vector<std::string>& args);

}  // namespace cisim::app
