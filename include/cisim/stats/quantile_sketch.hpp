// SPDX-License-Identifier: MIT
// QuantileSketch: p50/p95/p99 of a stream in bounded memory with a bounded relative error.
#pragma once

#include <cstdint>
#include <vector>

namespace cisim {

/// Log-linear histogram of non-negative values (the HdrHistogram layout): each power of two
/// is cut into 2^k equal sub-buckets, and a value's bucket is read straight off the bits of
/// its double (exponent and top k mantissa bits), with no logarithm. A bucket [lo, hi)
/// reports its midpoint, within relative error 2^-(k+1) of every value in it; k is the
/// smallest that meets the requested accuracy (k = 7, bound 0.39%, for the default 0.5%).
///
/// Guarantee: for min_positive <= values <= max_value, quantile(q) is within relative error
/// `relative_accuracy` of the sample's order statistic x[floor(q (n - 1))]. Values below
/// min_positive count as zero (absolute error below min_positive); values above max_value
/// land in the top bucket and are counted in clamped(). Memory is at most
/// 2^k log2(max_value / min_positive) counters (about 9,000 at the defaults), whatever the
/// number of observations.
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
  /// The error bound actually in force, 2^-(k+1) <= the requested accuracy.
  double relative_accuracy() const;

 private:
  std::uint64_t index_of(double x) const;
  double value_of(std::uint64_t index) const;

  int sub_bucket_bits_;  // k
  double min_positive_;
  double max_value_;
  std::uint64_t max_index_;
  std::uint64_t count_ = 0;
  std::uint64_t zeros_ = 0;
  std::uint64_t clamped_ = 0;
  double min_ = 0.0;
  double max_ = 0.0;
  std::uint64_t first_index_ = 0;       // index of buckets_[0]
  std::vector<std::uint64_t> buckets_;  // grows to cover the indices seen, never beyond the range
};

}  // namespace cisim
