// SPDX-License-Identifier: MIT
// The benchmarks' positional arguments: `--help` prints the usage, a number that is not a
// positive integer is an error that names the argument (exit 2), never a silent default.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/core.h>

#include "cisim/scenario/diagnostic.hpp"
#include "cisim/scenario/load.hpp"

namespace cisim::bench {

class BenchArguments {
 public:
  /// `usage` is the whole help text; it is printed for -h/--help (exit 0) and after an error.
  BenchArguments(int argc, char** argv, std::string usage) : argc_{argc}, argv_{argv}, usage_{std::move(usage)} {
    for (int i = 1; i < argc; ++i) {
      const std::string_view a = argv[i];
      if (a == "-h" || a == "--help") {
        fmt::print("{}", usage_);
        std::exit(0);
      }
    }
  }

  /// Positional argument `index` (1-based) as text, or `fallback` when it is not given.
  std::string text(int index, const std::string& fallback) const { return index < argc_ ? argv_[index] : fallback; }

  /// Positional argument `index` as a positive integer, or `fallback` when it is not given.
  int positive(int index, std::string_view name, int fallback) const {
    if (index >= argc_) return fallback;
    const std::string a = argv_[index];
    char* end = nullptr;
    const long v = std::strtol(a.c_str(), &end, 10);
    if (a.empty() || *end != '\0' || v < 1 || v > 1'000'000) fail(fmt::format("{} must be a whole number from 1 to 1000000 (got '{}')", name, a));
    return static_cast<int>(v);
  }

  [[noreturn]] void fail(const std::string& message) const {
    fmt::print(stderr, "{}: {}\n\n{}", argv_[0], message, usage_);
    std::exit(2);
  }

  /// Loads a scenario or exits 2 with the loader's diagnostics (file:line:column: what).
  Scenario load(const std::string& path, const std::vector<std::string>& sets) const {
    const auto loaded = load_scenario(path, sets);
    if (!loaded.scenario) {
      for (const auto& d : loaded.diagnostics) fmt::print(stderr, "{}\n", format_diagnostic(d));
      fail(fmt::format("cannot load {} (is SOURCE_DIR the cisim checkout?)", path));
    }
    return *loaded.scenario;
  }

 private:
  int argc_;
  char** argv_;
  std::string usage_;
};

}  // namespace cisim::bench
