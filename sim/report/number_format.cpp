// SPDX-License-Identifier: MIT
// Number formatting: one rule per unit for every human-readable output, shortest text for files.
#include "cisim/report/number_format.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

#include <fmt/core.h>
#include <fmt/format.h>

namespace cisim {
namespace {

// Units whose values are counted or summed whole: shown as whole numbers with separators.
bool whole_unit(std::string_view unit) {
  return unit == "shipments" || unit == "items" || unit == "USD" || unit == "orders" || unit == "lots";
}

// Decimal places that show `v` to `digits` significant digits (at least 0).
int decimals_for(double v, int digits) {
  if (v == 0.0 || !std::isfinite(v)) return 0;
  const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(v))));
  return std::max(0, digits - 1 - magnitude);
}

}  // namespace

std::string shortest_number(double v) {
  std::string out;
  append_shortest_number(out, v);
  return out;
}

void append_shortest_number(std::string& out, double v) {
  if (std::isnan(v)) return;
  if (std::isinf(v)) {
    out += v > 0 ? "inf" : "-inf";
  } else if (v == 0.0) {
    out += '0';  // not "-0"
  } else {
    // Through fmt's own buffer (on the stack): a back_inserter into a std::string would need a
    // template instance the shared libfmt does not export to every compiler.
    fmt::memory_buffer digits;
    fmt::format_to(fmt::appender(digits), "{}", v);
    out.append(digits.data(), digits.size());
  }
}

std::string grouped_number(double v, int decimals) {
  if (!std::isfinite(v)) return shortest_number(v);
  std::string text = fmt::format("{:.{}f}", std::fabs(v), decimals);
  if (text.find_first_not_of("0.") == std::string::npos) return text;  // no "-0"
  const auto point = text.find('.');
  const std::size_t int_digits = point == std::string::npos ? text.size() : point;
  std::string out = v < 0 ? "-" : "";
  for (std::size_t i = 0; i < int_digits; ++i) {
    if (i > 0 && (int_digits - i) % 3 == 0) out += ',';
    out += text[i];
  }
  out += text.substr(int_digits);
  return out;
}

std::string format_estimate(double mean, std::optional<double> half_width, std::string_view unit) {
  if (std::isnan(mean)) return kUndefinedText;
  if (unit == "fraction") {
    const double pct = 100.0 * mean;
    // Two decimals, more (up to four) when the half-width or a small non-zero rate would
    // otherwise read as zero.
    int decimals = 2;
    if (half_width && *half_width > 0.0) decimals = std::clamp(decimals_for(100.0 * *half_width, 1), 2, 4);
    if (pct != 0.0 && std::fabs(pct) < 0.005) decimals = std::max(decimals, std::min(decimals_for(pct, 1), 6));
    std::string out = grouped_number(pct, decimals) + "%";
    if (half_width) out += fmt::format(" ± {} pp", grouped_number(100.0 * *half_width, decimals));
    return out;
  }
  int decimals = 0;
  if (whole_unit(unit)) {
    decimals = std::fabs(mean) < 100.0 && mean != std::round(mean) ? 1 : 0;
  } else {
    // Three significant digits of the mean, and at least one of the half-width, so that a short
    // wait (0.0111 h) or a small but real difference never reads as 0.000; at most 6 decimals.
    decimals = decimals_for(mean, 3);
    if (half_width && *half_width > 0.0) decimals = std::max(decimals, decimals_for(*half_width, 1));
    decimals = std::min(decimals, 6);
  }
  std::string out = grouped_number(mean, decimals);
  if (half_width) out += " ± " + grouped_number(*half_width, decimals);
  return out;
}

std::string format_difference(double mean, std::optional<double> half_width, std::string_view unit) {
  if (std::isnan(mean)) return kUndefinedText;
  std::string out;
  if (unit == "fraction") {
    const double pp = 100.0 * mean;
    const int decimals = pp != 0.0 && std::fabs(pp) < 0.005 ? decimals_for(pp, 1) : 2;
    out = grouped_number(pp, decimals) + " pp";
    if (half_width) out += fmt::format(" ± {} pp", grouped_number(100.0 * *half_width, std::max(decimals, 2)));
  } else {
    out = format_estimate(mean, half_width, unit);
  }
  return mean > 0.0 ? "+" + out : out;
}

std::string format_half_width(double half_width, std::string_view unit) {
  std::string text = format_difference(half_width, std::nullopt, unit);
  if (!text.empty() && text.front() == '+') text.erase(0, 1);
  return text;
}

std::string unit_suffix(std::string_view unit) {
  if (unit == "fraction" || unit == "shipments" || unit.empty()) return "";
  return fmt::format(" ({})", unit);
}

}  // namespace cisim
