// SPDX-License-Identifier: MIT
// Unit parsing: every number in a scenario that has a dimension must say its unit.
#include "cisim/scenario/units.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <utility>

#include <fmt/core.h>

namespace cisim {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Splits "1.5d" into the longest leading number-looking part and the rest.
std::pair<std::string_view, std::string_view> split_number(std::string_view s) {
  std::size_t i = 0;
  auto digit = [&](std::size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  while (digit(i) || (i < s.size() && s[i] == '.')) ++i;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E') && (digit(i + 1) || ((s[i + 1] == '-' || s[i + 1] == '+') && digit(i + 2)))) {
    i += 2;
    while (digit(i)) ++i;
  }
  return {s.substr(0, i), trim(s.substr(i))};
}

struct TimeUnit {
  std::string_view name;
  double seconds;
};
constexpr std::array<TimeUnit, 7> kTimeUnits{{{"us", 1e-6},
                                              {"ms", 1e-3},
                                              {"s", 1.0},
                                              {"min", 60.0},
                                              {"h", 3600.0},
                                              {"d", 86400.0},
                                              {"w", 604800.0}}};

// The units as people write them in words, singular or plural: '3 days', '300000 per day'.
constexpr std::array<TimeUnit, 14> kTimeUnitWords{{{"sec", 1.0},
                                                  {"second", 1.0},
                                                  {"seconds", 1.0},
                                                  {"minute", 60.0},
                                                  {"minutes", 60.0},
                                                  {"hr", 3600.0},
                                                  {"hour", 3600.0},
                                                  {"hours", 3600.0},
                                                  {"day", 86400.0},
                                                  {"days", 86400.0},
                                                  {"week", 604800.0},
                                                  {"weeks", 604800.0},
                                                  {"mins", 60.0},
                                                  {"hrs", 3600.0}}};

std::optional<double> seconds_per(std::string_view unit) {
  for (const auto& u : kTimeUnits) {
    if (u.name == unit) return u.seconds;
  }
  for (const auto& u : kTimeUnitWords) {
    if (u.name == unit) return u.seconds;
  }
  return std::nullopt;
}

constexpr const char* kTimeUnitList = "us, ms, s, min, h, d or w";

}  // namespace

std::int64_t days_since_epoch(const CivilDate& date) {
  // Howard Hinnant's days_from_civil.
  const int y = date.year - (date.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int mp = (date.month + 9) % 12;
  const int doy = (153 * mp + 2) / 5 + date.day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

CivilDate civil_date(std::int64_t days) {
  // Howard Hinnant's civil_from_days.
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<int>(z - era * 146097);
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int day = doy - (153 * mp + 2) / 5 + 1;
  const int month = mp < 10 ? mp + 3 : mp - 9;
  const auto year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return CivilDate{year, month, day};
}

int weekday(const CivilDate& date) {
  // 1970-01-01 was a Thursday (3 with Monday = 0).
  const std::int64_t d = days_since_epoch(date);
  return static_cast<int>(((d % 7) + 7 + 3) % 7);
}

std::string to_string(const CivilDate& date) { return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day); }

Parsed<double> parse_real(std::string_view text) {
  const std::string_view s = trim(text);
  if (s.empty()) return Parsed<double>::fail("expected a number, found nothing");
  const std::string_view body = (s.front() == '+') ? s.substr(1) : s;
  double value = 0.0;
  const auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), value, std::chars_format::general);
  if (ec == std::errc::result_out_of_range) {
    return Parsed<double>::fail(fmt::format("number '{}' is out of range", s));
  }
  if (ec != std::errc{} || end != body.data() + body.size() || !std::isfinite(value)) {
    return Parsed<double>::fail(fmt::format("expected a number, found '{}'", s));
  }
  return Parsed<double>::ok(value);
}

Parsed<std::int64_t> parse_integer(std::string_view text) {
  const std::string_view s = trim(text);
  const std::string_view body = (!s.empty() && s.front() == '+') ? s.substr(1) : s;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), value);
  if (ec == std::errc::result_out_of_range) return Parsed<std::int64_t>::fail(fmt::format("whole number '{}' is out of range", s));
  if (ec != std::errc{} || end != body.data() + body.size() || body.empty()) {
    return Parsed<std::int64_t>::fail(fmt::format("expected a whole number, found '{}'", s));
  }
  return Parsed<std::int64_t>::ok(value);
}

Parsed<Duration> parse_duration(std::string_view text) {
  const std::string_view s = trim(text);
  const auto [number, unit] = split_number(s);
  if (number.empty()) return Parsed<Duration>::fail(fmt::format("expected a duration such as '45min', found '{}'", s));
  const auto value = parse_real(number);
  if (!value.value) return Parsed<Duration>::fail(value.error);
  if (unit.empty()) {
    return Parsed<Duration>::fail(fmt::format("duration '{}' has no unit; did you mean '{}min', '{}h' or '{}d'? (units: {})", s,
                                              number, number, number, kTimeUnitList));
  }
  const auto per = seconds_per(unit);
  if (!per) return Parsed<Duration>::fail(fmt::format("unknown time unit '{}' in '{}' (units: {})", unit, s, kTimeUnitList));
  const double seconds = *value.value * *per;
  if (std::fabs(seconds) > 9.2e12) return Parsed<Duration>::fail(fmt::format("duration '{}' is too long (over 290,000 years)", s));
  return Parsed<Duration>::ok(Duration::from_seconds(seconds));
}

Parsed<double> parse_rate_per_second(std::string_view text) {
  const std::string_view s = trim(text);
  // "9/min", or "9 per min" and "300000 per day" as people say it.
  std::size_t slash = s.find('/');
  std::size_t unit_from = slash + 1;
  if (slash == std::string_view::npos) {
    slash = s.find(" per ");
    unit_from = slash + 5;
  }
  if (slash == std::string_view::npos) {
    return Parsed<double>::fail(
        fmt::format("rate '{}' has no time unit; did you mean '{}/h' or '{}/d'? (per {})", s, s, s, kTimeUnitList));
  }
  const auto value = parse_real(s.substr(0, slash));
  if (!value.value) return Parsed<double>::fail(value.error);
  const std::string_view unit = trim(s.substr(unit_from));
  const auto per = seconds_per(unit);
  if (!per) return Parsed<double>::fail(fmt::format("unknown time unit '{}' in rate '{}' (per {})", unit, s, kTimeUnitList));
  return Parsed<double>::ok(*value.value / *per);
}

Parsed<double> parse_money_usd(std::string_view text) {
  const std::string_view s = trim(text);
  const auto [number, unit] = split_number(s);
  if (number.empty()) return Parsed<double>::fail(fmt::format("expected an amount such as '800 USD', found '{}'", s));
  const auto value = parse_real(number);
  if (!value.value) return Parsed<double>::fail(value.error);
  if (unit.empty()) return Parsed<double>::fail(fmt::format("amount '{}' has no currency; did you mean '{} USD'?", s, number));
  if (unit != "USD") return Parsed<double>::fail(fmt::format("unknown currency '{}' in '{}'; amounts are in USD", unit, s));
  return Parsed<double>::ok(*value.value);
}

Parsed<double> parse_fraction(std::string_view text, double max) {
  const std::string_view s = trim(text);
  const bool percent = !s.empty() && s.back() == '%';
  const auto value = parse_real(percent ? trim(s.substr(0, s.size() - 1)) : s);
  if (!value.value) return Parsed<double>::fail(value.error);
  const double f = percent ? *value.value / 100.0 : *value.value;
  if (f < 0.0 || f > max) {
    return Parsed<double>::fail(max == 1.0 ? fmt::format("fraction '{}' must be between 0 and 1 (or 0% and 100%)", s)
                                           : fmt::format("rate '{}' must be between 0% and {:g}%", s, 100.0 * max));
  }
  return Parsed<double>::ok(f);
}

Parsed<CivilDate> parse_date(std::string_view text) {
  const std::string_view s = trim(text);
  auto digits = [&](std::size_t from, std::size_t n) {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (i >= s.size() || s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  const auto bad = Parsed<CivilDate>::fail(fmt::format("expected a date as YYYY-MM-DD, found '{}'", s));
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return bad;
  const CivilDate d{digits(0, 4), digits(5, 2), digits(8, 2)};
  if (d.year < 0 || d.month < 1 || d.month > 12 || d.day < 1) return bad;
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  const int days_in_month = kDays[static_cast<std::size_t>(d.month - 1)] + (d.month == 2 && leap ? 1 : 0);
  if (d.day > days_in_month) {
    return Parsed<CivilDate>::fail(fmt::format("date '{}' does not exist ({:04}-{:02} has {} days)", s, d.year, d.month,
                                               days_in_month));
  }
  return Parsed<CivilDate>::ok(d);
}

Parsed<Duration> parse_time_of_day(std::string_view text) {
  const std::string_view s = trim(text);
  const auto bad = Parsed<Duration>::fail(fmt::format("expected a time of day as HH:MM (00:00 to 24:00), found '{}'", s));
  if (s.size() != 5 || s[2] != ':') return bad;
  for (std::size_t i : {0u, 1u, 3u, 4u}) {
    if (s[i] < '0' || s[i] > '9') return bad;
  }
  const int hours = (s[0] - '0') * 10 + (s[1] - '0');
  const int minutes = (s[3] - '0') * 10 + (s[4] - '0');
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) return bad;
  return Parsed<Duration>::ok(Duration::hours(hours) + Duration::minutes(minutes));
}

std::string format_duration(Duration d) {
  const std::int64_t us = d.ticks();
  struct Unit {
    const char* name;
    std::int64_t ticks;
  };
  static constexpr std::array<Unit, 6> kUnits{{{"d", 86'400'000'000LL},
                                               {"h", 3'600'000'000LL},
                                               {"min", 60'000'000LL},
                                               {"s", 1'000'000LL},
                                               {"ms", 1'000LL},
                                               {"us", 1LL}}};
  if (us == 0) return "0s";
  for (const auto& u : kUnits) {
    if (us % u.ticks == 0) return fmt::format("{}{}", us / u.ticks, u.name);
  }
  return fmt::format("{}us", us);
}

}  // namespace cisim
