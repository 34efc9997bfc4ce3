// SPDX-License-Identifier: MIT
// Diagnostic: one located problem in a scenario, printed the way compilers print errors.
#pragma once

#include <exception>
#include <string>
#include <vector>

namespace cisim {

/// Where a value came from: a file (1-based line and column), or a --set option (file
/// "--set", line = which --set, column = position in its argument).
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
  friend auto operator<=>(const SourceLocation&, const SourceLocation&) = default;
};

enum class Severity { Error, Warning };

/// A problem found while loading or validating a scenario. `key` is the dotted path of the
/// value concerned (empty for file-level problems such as a bad encoding).
struct Diagnostic {
  Severity severity = Severity::Error;
  SourceLocation where;
  std::string key;
  std::string message;
};

/// `file:line:column: error: key: message`, the format editors jump to.
std::string format_diagnostic(const Diagnostic& d);

/// Sorts by file, line and column (stable, so same-place messages keep their order).
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

bool has_errors(const std::vector<Diagnostic>& diagnostics);

/// Thrown once, after validation, when a scenario has errors; carries all of them.
class ScenarioError : public std::exception {
 public:
  explicit ScenarioError(std::vector<Diagnostic> diagnostics) : diagnostics_(std::move(diagnostics)) {}
  const char* what() const noexcept override { return "scenario has errors"; }
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace cisim
