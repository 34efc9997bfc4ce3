// SPDX-License-Identifier: MIT
// Simulated time as integer microseconds; the only place where time units are converted.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace cisim {

/// A length of simulated time in whole microseconds (64-bit signed: about 292,000 years
/// either way). Integer ticks keep the clock exact: adding many small steps never drifts.
class Duration {
 public:
  static constexpr std::int64_t kTicksPerSecond = 1'000'000;

  constexpr Duration() = default;
  static constexpr Duration from_ticks(std::int64_t microseconds) { return Duration{microseconds}; }
  static constexpr Duration microseconds(std::int64_t n) { return Duration{n}; }
  static constexpr Duration seconds(std::int64_t n) { return Duration{n * kTicksPerSecond}; }
  static constexpr Duration minutes(std::int64_t n) { return seconds(n * 60); }
  static constexpr Duration hours(std::int64_t n) { return seconds(n * 3600); }
  static constexpr Duration days(std::int64_t n) { return seconds(n * 86400); }
  /// Rounds to the nearest microsecond (half away from zero). Precondition: finite and
  /// within range. Inline because it runs once per scheduled event.
  static Duration from_seconds(double seconds) {
    const double ticks = seconds * static_cast<double>(kTicksPerSecond);
    // 9.2e18 is the int64 range; beyond it the cast is undefined behaviour, so refuse loudly.
    if (!(ticks > -9.2e18 && ticks < 9.2e18)) [[unlikely]] out_of_range(seconds);
    // Round half away from zero, exactly, without a libm call: truncation is exact, and so
    // is the remainder for |ticks| < 2^53; above that every double is an integer.
    auto whole = static_cast<std::int64_t>(ticks);
    const double remainder = ticks - static_cast<double>(whole);
    if (remainder >= 0.5) ++whole;
    if (remainder <= -0.5) --whole;
    return Duration{whole};
  }
  static Duration from_minutes(double minutes) { return from_seconds(minutes * 60.0); }
  static Duration from_hours(double hours) { return from_seconds(hours * 3600.0); }
  static constexpr Duration zero() { return Duration{0}; }
  static constexpr Duration max() { return Duration{std::numeric_limits<std::int64_t>::max()}; }

  constexpr std::int64_t ticks() const { return ticks_; }
  constexpr double to_seconds() const { return static_cast<double>(ticks_) / kTicksPerSecond; }
  constexpr double to_minutes() const { return to_seconds() / 60.0; }
  constexpr double to_hours() const { return to_seconds() / 3600.0; }
  constexpr double to_days() const { return to_seconds() / 86400.0; }

  constexpr Duration operator+(Duration o) const { return Duration{ticks_ + o.ticks_}; }
  constexpr Duration operator-(Duration o) const { return Duration{ticks_ - o.ticks_}; }
  constexpr Duration operator*(std::int64_t k) const { return Duration{ticks_ * k}; }
  constexpr Duration& operator+=(Duration o) { ticks_ += o.ticks_; return *this; }
  constexpr Duration& operator-=(Duration o) { ticks_ -= o.ticks_; return *this; }
  constexpr auto operator<=>(const Duration&) const = default;

 private:
  [[noreturn]] static void out_of_range(double seconds);
  constexpr explicit Duration(std::int64_t ticks) : ticks_(ticks) {}
  std::int64_t ticks_ = 0;
};

/// A point of simulated time: microseconds since the start of the run (the scenario's
/// start_date at 00:00). Ordered; differences are Durations.
class SimTime {
 public:
  constexpr SimTime() = default;
  static constexpr SimTime from_ticks(std::int64_t microseconds) { return SimTime{microseconds}; }
  static constexpr SimTime start() { return SimTime{0}; }
  static constexpr SimTime max() { return SimTime{std::numeric_limits<std::int64_t>::max()}; }

  constexpr std::int64_t ticks() const { return ticks_; }
  /// Time since the start of the run.
  constexpr Duration since_start() const { return Duration::from_ticks(ticks_); }

  constexpr SimTime operator+(Duration d) const { return SimTime{ticks_ + d.ticks()}; }
  constexpr SimTime operator-(Duration d) const { return SimTime{ticks_ - d.ticks()}; }
  constexpr Duration operator-(SimTime o) const { return Duration::from_ticks(ticks_ - o.ticks_); }
  constexpr SimTime& operator+=(Duration d) { ticks_ += d.ticks(); return *this; }
  constexpr auto operator<=>(const SimTime&) const = default;

 private:
  constexpr explicit SimTime(std::int64_t ticks) : ticks_(ticks) {}
  std::int64_t ticks_ = 0;
};

constexpr SimTime operator+(Duration d, SimTime t) { return t + d; }

/// The day of the run that holds `t`: day 0 begins at SimTime::start(). Precondition: t >= start.
constexpr std::size_t day_index(SimTime t) { return static_cast<std::size_t>(t.ticks() / Duration::days(1).ticks()); }

/// The whole days that cover a run of length `horizon` (a part day counts; at least one).
constexpr std::size_t days_covering(Duration horizon) {
  const std::int64_t day = Duration::days(1).ticks();
  return static_cast<std::size_t>(horizon.ticks() <= day ? 1 : (horizon.ticks() + day - 1) / day);
}

}  // namespace cisim
