// SPDX-License-Identifier: MIT
// Tally: streaming per-observation statistics (Welford's mean and variance, min, max).
#pragma once

#include <cstdint>
#include <optional>

namespace cisim {

/// Count, mean, variance, min and max of a stream of observations (per-shipment values
/// such as waits), in constant memory. Welford's update keeps the variance accurate when
/// the mean is large next to the spread.
/// Empty state: count() == 0; min() and max() are empty, mean() and variance() are 0.
class Tally {
 public:
  void add(double x) {
    ++n_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(n_);
    m2_ += delta * (x - mean_);
    if (n_ == 1 || x < min_) min_ = x;
    if (n_ == 1 || x > max_) max_ = x;
  }
  /// Forgets every observation (warm-up deletion).
  void reset() { *this = Tally{}; }
  /// Adds another tally's observations, as if they had been added here (Chan, Golub and
  /// LeVeque's pairwise update of the mean and sum of squares).
  void merge(const Tally& other);

  std::uint64_t count() const { return n_; }
  double mean() const { return mean_; }
  /// Sample variance (divisor n - 1); 0 below two observations.
  double variance() const { return n_ > 1 ? m2_ / static_cast<double>(n_ - 1) : 0.0; }
  double sd() const;
  std::optional<double> min() const { return n_ > 0 ? std::optional<double>{min_} : std::nullopt; }
  std::optional<double> max() const { return n_ > 0 ? std::optional<double>{max_} : std::nullopt; }

 private:
  std::uint64_t n_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;
  double min_ = 0.0;
  double max_ = 0.0;
};

}  // namespace cisim
