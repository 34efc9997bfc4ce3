// SPDX-License-Identifier: MIT
// Numbers as analysts read them (tables, Markdown, HTML) and as programs read them back (CSV, JSON).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cisim {

/// The shortest text that reads back to exactly `v` ("15.8", not "15.800000000000001");
/// for CSV files. NaN is empty (a missing value), infinities "inf" / "-inf".
std::string shortest_number(double v);
/// shortest_number(v) appended to `out`, without a string of its own (the long CSV files).
void append_shortest_number(std::string& out, double v);

/// `v` rounded to `decimals` places with thousands separators: "20,861", "1,234.5".
std::string grouped_number(double v, int decimals);

/// A mean and its 95% CI half-width in the unit's reading, the same rule everywhere:
/// - "fraction": percent with 2 decimals, half-width in percentage points ("13.90% ± 0.08 pp");
///   up to 4 decimals when the half-width would show as 0.00 ("4.240% ± 0.003 pp"), and a
///   non-zero rate that would show as 0.00% gets one significant digit ("0.004%");
/// - counts and money ("shipments", "items", "USD", ...): whole numbers with separators
///   ("20,861 ± 12"); below 100, one decimal, since means of counts need not be whole;
/// - anything else (hours, officers, per hour): 3 significant digits, the half-width to the same
///   decimal place, with at least one significant digit of it, at most 6 decimals ("1.27 ± 0.05",
///   "0.0111 ± 0.0006", "0.000002" for 2e-6 h).
/// An undefined mean (NaN: a rate or mean over no shipments) is kUndefinedText.
/// Without a half-width (one replication) only the mean is shown.
std::string format_estimate(double mean, std::optional<double> half_width, std::string_view unit);

/// What a table shows for an undefined value (decision 0015); CSV leaves it empty, JSON null.
inline constexpr const char* kUndefinedText = "n/a";

/// A difference of two estimates: as format_estimate, but a difference of fractions is in
/// percentage points ("-0.52 pp ± 0.10 pp") and a positive one carries its sign.
std::string format_difference(double mean, std::optional<double> half_width, std::string_view unit);

/// A half-width alone, as format_difference shows it but without a sign ("0.45 pp", "8,446").
std::string format_half_width(double half_width, std::string_view unit);

/// `format_estimate` without an interval.
inline std::string format_value(double v, std::string_view unit) { return format_estimate(v, std::nullopt, unit); }

/// The unit as a table shows it after a label: "" for fractions (the cell says %) and for
/// shipments (the default), else " (h)", " (USD)", ...
std::string unit_suffix(std::string_view unit);

}  // namespace cisim
