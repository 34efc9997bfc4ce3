// SPDX-License-Identifier: MIT
// cisim schema: the scenario reference in Markdown.
#include "commands.hpp"

#include <string>
#include <vector>

#include <fmt/core.h>

#include "cisim/scenario/schema.hpp"
#include "options.hpp"

namespace cisim::app {

ExitStatus schema_command(const std::vector<std::string>& args) {
  po::options_description options("cisim schema\n\nPrints the scenario reference in Markdown: every key with its type, "
                                  "unit, default, range,\ndescription and example (docs/scenario-reference.md is this "
                                  "output).\n\noptions");
  options.add_options()("help,h", "print this help and exit");
  if (!parse_or_help(args, options, po::positional_options_description{})) return ExitStatus::Ok;
  fmt::print("{}", schema_markdown());
  return ExitStatus::Ok;
}

}  // namespace cisim::app
