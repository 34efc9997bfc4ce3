// SPDX-License-Identifier: MIT
// cisim schema: the scenario reference or the metric reference in Markdown.
#include "commands.hpp"

#include <string>
#include <vector>

#include <fmt/core.h>

#include "cisim/model/metric_catalogue.hpp"
#include "cisim/scenario/schema.hpp"
#include "options.hpp"

namespace cisim::app {

ExitStatus schema_command(const std::vector<std::string>& args) {
  po::options_description options("cisim schema [scenario|metrics]\n\nPrints a reference in Markdown. scenario (the default): "
                                  "every scenario key with its type,\nunit, default, range, description and example "
                                  "(docs/scenario-reference.md is this output).\nmetrics: every reported metric with its "
                                  "unit, kind, window and scopes (docs/metrics.md).\n\noptions");
  options.add_options()("help,h", "print this help and exit")("subject", po::value<std::string>()->default_value("scenario"),
                                                               "scenario or metrics");
  po::positional_options_description positional;
  positional.add("subject", 1);
  const auto parsed = parse_or_help(args, options, positional);
  if (!parsed) return ExitStatus::Ok;
  const std::string subject = choose((*parsed)["subject"].as<std::string>(), {"scenario", "metrics"}, "subject");
  fmt::print("{}", subject == "metrics" ? format_metric_reference() : schema_markdown());
  return ExitStatus::Ok;
}

}  // namespace cisim::app
