// SPDX-License-Identifier: MIT
// Bounds of what a scenario may ask for: physically meaningful, and small enough to run.
#pragma once

namespace cisim {

// Decision 0008: a scenario that passes `check` runs to a clean end with bounded memory and
// work. Each bound is far above any real customs value and below where arithmetic or memory
// fails. Bounds are in canonical units (seconds, per second, USD, plain numbers).
inline constexpr double kMaxHorizonSeconds = 3650.0 * 86400.0;           ///< 10 years: results are kept per day
inline constexpr double kMaxRatePerSecond = 1e9 / 86400.0;               ///< 1e9 arrival events a day in one stream
inline constexpr double kMaxProfileMultiplier = 1000.0;                  ///< an hourly, weekly or daily profile entry
inline constexpr double kMaxDurationParameterSeconds = 365.0 * 86400.0;  ///< an inspection, filing or transit time
inline constexpr double kMaxMoneyParameterUsd = 1e9;                     ///< a value distribution's parameters
inline constexpr double kMaxCountParameter = 1e6;                        ///< items, batch sizes, lot units
inline constexpr double kMaxShapeParameter = 1e6;                        ///< gamma shape, beta a and b
inline constexpr double kMaxCoefficientOfVariation = 100.0;              ///< lognormal sd / mean

}  // namespace cisim
