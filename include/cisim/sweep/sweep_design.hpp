// SPDX-License-Identifier: MIT
// SweepDesign: the points of a parameter sweep, from --vary specs and a design (grid or Latin hypercube).
#pragma once

#include <cstddef>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "cisim/scenario/units.hpp"

namespace cisim {

/// The most points one sweep may have (decision 0008): a million points of even one short
/// replication each is days of work; a larger study is split into sweeps.
inline constexpr std::size_t kMaxSweepPoints = 1'000'000;

/// One --vary KEY=SPEC: the scenario key and the values to give it, as scenario text
/// ("200", "1.5d", "800 USD"), so each value is validated exactly like a --set.
struct VariedKey {
  std::string key;
  std::vector<std::string> values;  ///< a list, or a range's points for a grid
  // For a range: its bounds (in the spec's unit), the unit text and the scale, so a Latin
  // hypercube can place values anywhere in it.
  bool is_range = false;
  double low = 0.0;
  double high = 0.0;
  bool log_scale = false;
  bool whole = false;  ///< both bounds written as whole numbers: values are rounded to whole numbers
  std::string unit;    ///< as written after the numbers: "", "d", "USD", "/h", "%"
};

/// A point of the sweep: one value per varied key, in --vary order.
struct SweepPoint {
  std::size_t index = 0;
  std::vector<std::pair<std::string, std::string>> values;
};

/// Parses "KEY=SPEC" where SPEC is a list "0,200,800" or a range "lo:hi:n" or
/// "lo:hi:n:log" (n >= 2 points, log needs lo > 0), each number optionally followed by a unit
/// ("0USD:800USD:5", "1d:30d:4:log"). A range written with whole-number bounds ("5:20:4")
/// gives whole numbers, for keys such as officer counts. A parse error is returned as its message.
Parsed<VariedKey> parse_vary(const std::string& argument);

/// A --vary range for solve and calibrate: "KEY=LO:HI", or "KEY=LO:HI:log" to search in log
/// space, parsed as a two-point sweep range so units and whole numbers behave as in a sweep.
/// A list, or anything else, is an error naming `command` ("solve needs a range LO:HI, not
/// a list"; "... (solve takes KEY=LO:HI)" with `forms` as what it takes).
Parsed<VariedKey> parse_range_argument(std::string argument, const std::string& command, const std::string& forms);

/// The scenario text of value `v` in a range's unit ("800 USD", "1.5d", "25%"), rounded to a
/// whole number for a whole-number range.
std::string range_value_text(double v, const VariedKey& key);

/// Every combination of the keys' values, the last key varying fastest.
std::vector<SweepPoint> grid_design(const std::vector<VariedKey>& keys);

/// `points` points of a Latin hypercube over the keys' ranges (lists are not allowed):
/// each key's range is cut into `points` equal strata (equal in log space for log ranges),
/// each stratum used once, in an order and at a position drawn from `seed`.
std::vector<SweepPoint> latin_hypercube_design(const std::vector<VariedKey>& keys, std::size_t points, std::uint64_t seed);

/// A grid grown with more values: the points already stored (point number -> values as
/// written) keep their numbers, the new ones are numbered after them in grid order. An
/// error when a stored point is not in the new design.
Parsed<std::vector<SweepPoint>> grow_design(std::vector<SweepPoint> points,
                                            const std::map<std::size_t, std::vector<std::string>>& stored);

}  // namespace cisim
