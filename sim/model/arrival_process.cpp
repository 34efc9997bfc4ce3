// SPDX-License-Identifier: MIT
// ArrivalProcess: profile lookups and thinning.
#include "cisim/model/arrival_process.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "cisim/base/assert.hpp"

namespace cisim {
namespace {

std::vector<double> scaled_to_mean_one(std::vector<double> profile) {
  if (profile.empty()) return profile;
  double sum = std::accumulate(profile.begin(), profile.end(), 0.0);
  CISIM_ASSERT(sum > 0.0, "a rate profile needs a positive entry");
  if (!std::isfinite(static_cast<double>(profile.size()) / sum)) {
    // Entries so small (subnormal) that the scale overflows: to [0, 1] by the largest first.
    const double top = *std::max_element(profile.begin(), profile.end());
    for (double& x : profile) x /= top;
    sum = std::accumulate(profile.begin(), profile.end(), 0.0);
  }
  const double scale = static_cast<double>(profile.size()) / sum;
  for (double& x : profile) {
    CISIM_ASSERT(x >= 0.0, "rate profile entries must be >= 0");
    x *= scale;
  }
  return profile;
}

double peak(const std::vector<double>& profile) {
  return profile.empty() ? 1.0 : *std::max_element(profile.begin(), profile.end());
}

}  // namespace

ArrivalProcess::ArrivalProcess(double rate_per_second, std::vector<double> hourly_profile,
                               std::vector<double> weekly_profile, std::vector<double> daily_profile,
                               CountDistribution batch_size, int start_weekday)
    : rate_per_second_(rate_per_second),
      hourly_(scaled_to_mean_one(std::move(hourly_profile))),
      weekly_(scaled_to_mean_one(std::move(weekly_profile))),
      daily_(std::move(daily_profile)),
      batch_size_(std::move(batch_size)),
      start_weekday_(start_weekday) {
  CISIM_ASSERT(rate_per_second >= 0.0, "arrival rate must be >= 0");
  CISIM_ASSERT(hourly_.empty() || hourly_.size() == 24, "hourly profile needs 24 entries");
  CISIM_ASSERT(weekly_.empty() || weekly_.size() == 7, "weekly profile needs 7 entries");
  CISIM_ASSERT(start_weekday >= 0 && start_weekday < 7, "weekday must be 0 (Monday) to 6");
  for (double x : daily_) CISIM_ASSERT(x >= 0.0, "daily profile entries must be >= 0");
  peak_multiplier_ = peak(hourly_) * peak(weekly_) * peak(daily_);
  flat_ = hourly_.empty() && weekly_.empty() && daily_.empty();
  const auto* constant = std::get_if<Constant>(&batch_size_);
  single_ = constant != nullptr && constant->value == 1.0;
}

double ArrivalProcess::multiplier_at(SimTime t) const {
  if (flat_) return 1.0;
  const std::int64_t hours = t.ticks() / Duration::hours(1).ticks();
  const std::int64_t days = hours / 24;
  double m = 1.0;
  if (!hourly_.empty()) m *= hourly_[static_cast<std::size_t>(hours % 24)];
  if (!weekly_.empty()) m *= weekly_[static_cast<std::size_t>((days + start_weekday_) % 7)];
  if (!daily_.empty()) m *= daily_[static_cast<std::size_t>(days % static_cast<std::int64_t>(daily_.size()))];
  return m;
}

std::optional<SimTime> ArrivalProcess::next_event_thinned(SimTime now, Xoshiro256& g) const {
  if (rate_per_second_ <= 0.0) return std::nullopt;
  const double peak_rate = rate_per_second_ * peak_multiplier_;
  SimTime t = now;
  for (;;) {
    // 1 - U lies in (0, 1], so the logarithm is finite.
    t += Duration::from_seconds(-std::log(1.0 - g.uniform01()) / peak_rate);
    if (flat_) return t;
    if (g.uniform01() * peak_multiplier_ < multiplier_at(t)) return t;
  }
}

}  // namespace cisim
