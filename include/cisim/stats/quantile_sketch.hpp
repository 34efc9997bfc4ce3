// SPDX-License-Identifier: MIT
// QuantileSketch: p50/p95/p99 of a stream in bounded memory with a bounded relative error.
#pragma once

#include <cstdint>
#include <vector>

namespace cisim {

/// Log-bucket histogram of non-negative values (the DDSketch idea: Masson, Rim and Lee,
/// VLDB 2019). Bucket i holds (gamma^(i-1), gamma^i] with gamma = (1 + a) / (1 - a), and
/// reports 2 gamma^i / (gamma + 1), which is within relative error a of every value in it.
///
/// Guarantee: for min_positive <= values <= max_value, quantile(q) is within relative
/// error `relative_accuracy` of the sample's order statistic x[floor(q (n - 1))].
/// Values below min_positive count as zero (absolute error below min_positive); values
/// above max_value land in the top bucket and are counted in clamped(). Memory is at most
/// ln(max_value / min_positive) / ln(gamma) buckets (about 4,900 at the defaults),
/// whatever the number of observations.
class QuantileSketch {
 public:
  explicit QuantileSketch(double relative_accuracy = 0.005, double min_positive = 1e-9, double max_value = 1e12);

  /// Precondition: x >= 0 and finite.
  void add(double x);
  /// Forgets every observation (warm-up deletion); keeps the accuracy settings.
  void reset();

  /// The q-quantile, q in [0, 1]; q = 0 and q = 1 give the exact min and max. 0 when empty.
  double quantile(double q) const;
  std::uint64_t count() const { return count_; }
  std::uint64_t clamped() const { return clamped_; }
  double relative_accuracy() const { return relative_accuracy_; }

 private:
  int index_of(double x) const;
  double value_of(int index) const;

  double relative_accuracy_;
  double min_positive_;
  double max_value_;
  double log_gamma_;
  double gamma_;
  int max_index_;
  std::uint64_t count_ = 0;
  std::uint64_t zeros_ = 0;
  std::uint64_t clamped_ = 0;
  double min_ = 0.0;
  double max_ = 0.0;
  int first_index_ = 0;                 // index of buckets_[0]
  std::vector<std::uint64_t> buckets_;  // grows to cover the indices seen, never beyond the range
};

}  // namespace cisim
