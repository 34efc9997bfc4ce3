// SPDX-License-Identifier: MIT
// Reading scenario text into a RawNode, safely: no input may crash, hang or exhaust memory.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cisim/scenario/diagnostic.hpp"
#include "cisim/scenario/raw_node.hpp"

namespace cisim {

/// Limits that keep hostile files harmless. A real scenario is a few kilobytes.
struct ReadLimits {
  std::size_t max_file_bytes = 16u << 20;  ///< larger files are refused before parsing
  std::size_t max_nodes = 1'000'000;       ///< after alias expansion: stops "billion laughs"
  std::size_t max_scanned_values = 200'000;  ///< ',' and line ends in the text, checked before parsing
  int max_depth = 64;                      ///< nesting of maps and lists
};

/// Parses `text` (the contents of `file`, used in locations) into a RawNode. A UTF-8 byte
/// order mark and CRLF line ends are accepted. On failure returns nothing and appends
/// located errors to `diagnostics`: invalid UTF-8, NUL or other control bytes, tabs used
/// for indentation, YAML syntax errors, nesting or alias expansion beyond the limits.
std::optional<RawNode> read_yaml_text(std::string_view text, const std::string& file, std::vector<Diagnostic>& diagnostics,
                                      const ReadLimits& limits = {});

/// Reads a whole file as text (at most limits.max_file_bytes); a missing file, a directory
/// or an oversized file is a located error.
std::optional<std::string> read_text_file(const std::string& path, std::vector<Diagnostic>& diagnostics,
                                          const ReadLimits& limits = {});

/// Reads and parses a file; a missing file, a directory or an oversized file is a
/// located error too.
std::optional<RawNode> read_yaml_file(const std::string& path, std::vector<Diagnostic>& diagnostics,
                                      const ReadLimits& limits = {});

}  // namespace cisim
