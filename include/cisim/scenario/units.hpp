// SPDX-License-Identifier: MIT
// Parsing of scenario values with explicit units: durations, rates, money, fractions, dates.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cisim/engine/sim_time.hpp"

namespace cisim {

/// A parsed value, or the reason it could not be parsed (a message in diagnostic style:
/// lower case, user text quoted, units stated, a suggestion where one helps).
template <class T>
struct Parsed {
  std::optional<T> value;
  std::string error;
  static Parsed ok(T v) { return Parsed{std::move(v), {}}; }
  static Parsed fail(std::string message) { return Parsed{std::nullopt, std::move(message)}; }
};

/// A calendar date (proleptic Gregorian).
struct CivilDate {
  int year = 1970;
  int month = 1;
  int day = 1;
  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};
/// Days since 1970-01-01 (negative before).
std::int64_t days_since_epoch(const CivilDate& date);
/// The date `days` after 1970-01-01 (the inverse of days_since_epoch).
CivilDate civil_date(std::int64_t days);
/// 0 = Monday ... 6 = Sunday.
int weekday(const CivilDate& date);
std::string to_string(const CivilDate& date);

/// A finite decimal number: "12", "-0.5", "1e6". Refuses nan, inf, hex and out-of-range values.
Parsed<double> parse_real(std::string_view text);
/// A whole number: "12", "-3". Refuses "1.5" and "1e3".
Parsed<std::int64_t> parse_integer(std::string_view text);
/// A length of time: number then unit, "30s", "45min", "2h", "1.5d", "92d", "1w" (also "ms", "us").
Parsed<Duration> parse_duration(std::string_view text);
/// A rate per unit time, "9/h", "4000000/d", "0.5/s", "9/min"; returned per second.
Parsed<double> parse_rate_per_second(std::string_view text);
/// Money in US dollars, "800 USD" or "800USD".
Parsed<double> parse_money_usd(std::string_view text);
/// A fraction in [0, 1], "0.02" or "2%".
Parsed<double> parse_fraction(std::string_view text, double max = 1.0);
/// An ISO 8601 date, "2019-07-01".
Parsed<CivilDate> parse_date(std::string_view text);
/// A time of day "HH:MM" from "00:00" to "24:00", as the offset from midnight.
Parsed<Duration> parse_time_of_day(std::string_view text);

/// Formats a duration the way scenarios write it, with the largest unit that keeps it exact
/// ("90min", "2h", "1.5d" is written "36h").
std::string format_duration(Duration d);

}  // namespace cisim
