// SPDX-License-Identifier: MIT
// Diagnostic formatting and ordering.
#include "cisim/scenario/diagnostic.hpp"

#include <algorithm>

#include <fmt/core.h>

namespace cisim {

std::string format_diagnostic(const Diagnostic& d) {
  const char* severity = d.severity == Severity::Error ? "error" : "warning";
  std::string where = d.where.file;
  if (d.where.line > 0) where += fmt::format(":{}:{}", d.where.line, d.where.column);
  if (d.key.empty()) return fmt::format("{}: {}: {}", where, severity, d.message);
  return fmt::format("{}: {}: {}: {}", where, severity, d.key, d.message);
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.where < b.where; });
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

}  // namespace cisim
