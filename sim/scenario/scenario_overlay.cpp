// SPDX-License-Identifier: MIT
// scenario_overlay: --set arguments as nested YAML keys over an included scenario.
#include "cisim/scenario/scenario_overlay.hpp"

#include <sstream>

#include <yaml-cpp/yaml.h>

namespace cisim {

std::string comment_lines(const std::string& text) {
  std::string out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) out += (line.empty() ? "#" : "# " + line) + "\n";
  return out;
}

std::string scenario_overlay(const std::string& include_path, const std::vector<std::string>& set_arguments,
                             const std::string& header) {
  YAML::Node root(YAML::NodeType::Map);
  root["include"] = include_path;
  for (const std::string& argument : set_arguments) {
    const auto equals = argument.find('=');
    if (equals == std::string::npos) continue;  // load_scenario reports it; the caller's check fails
    const std::string key = argument.substr(0, equals);
    const std::string value = argument.substr(equals + 1);
    std::vector<std::string> segments;
    std::string segment;
    for (char c : key) {
      if (c == '.') {
        segments.push_back(segment);
        segment.clear();
      } else {
        segment += c;
      }
    }
    segments.push_back(segment);
    YAML::Node node = root;
    for (std::size_t i = 0; i + 1 < segments.size(); ++i) {
      if (!node[segments[i]].IsMap()) node[segments[i]] = YAML::Node(YAML::NodeType::Map);
      node.reset(node[segments[i]]);  // reset rebinds; = would assign into the node
    }
    YAML::Node parsed;
    try {
      if (!value.empty()) parsed = YAML::Load(value);
    } catch (const YAML::Exception&) {
      parsed = value;  // load_scenario read it already; kept as text, the caller's check compares
    }
    node[segments.back()] = parsed;
  }
  YAML::Emitter out;
  out << root;
  return comment_lines(header) + out.c_str() + "\n";
}

}  // namespace cisim
