// SPDX-License-Identifier: MIT
// QuantileSketch: bucket arithmetic on the bits of doubles, and the rank search.
#include "cisim/stats/quantile_sketch.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include "cisim/base/assert.hpp"

namespace cisim {
namespace {
constexpr int kMantissaBits = 52;
}  // namespace

QuantileSketch::QuantileSketch(double relative_accuracy, double min_positive, double max_value)
    : min_positive_(min_positive), max_value_(max_value) {
  CISIM_ASSERT(relative_accuracy > 0.0 && relative_accuracy < 0.5, "relative accuracy must be in (0, 0.5)");
  CISIM_ASSERT(min_positive >= 1e-300 && max_value > min_positive && std::isfinite(max_value),
               "sketch range must be 1e-300 <= min < max, finite");
  // Smallest k with 2^-(k+1) <= accuracy.
  sub_bucket_bits_ = std::max(0, static_cast<int>(std::ceil(std::log2(0.5 / relative_accuracy))));
  CISIM_ASSERT(sub_bucket_bits_ <= 20, "relative accuracy too fine for a bounded sketch");
  max_index_ = index_of(max_value);
}

double QuantileSketch::relative_accuracy() const { return std::ldexp(1.0, -(sub_bucket_bits_ + 1)); }

std::uint64_t QuantileSketch::index_of(double x) const {
  // For positive doubles the bit pattern is monotone in the value: exponent, then mantissa.
  return std::bit_cast<std::uint64_t>(x) >> (kMantissaBits - sub_bucket_bits_);
}

double QuantileSketch::value_of(std::uint64_t index) const {
  const double lo = std::bit_cast<double>(index << (kMantissaBits - sub_bucket_bits_));
  const double hi = std::bit_cast<double>((index + 1) << (kMantissaBits - sub_bucket_bits_));
  return 0.5 * (lo + hi);
}

void QuantileSketch::add(double x) {
  CISIM_ASSERT(std::isfinite(x) && x >= 0.0, "quantile sketch takes finite values >= 0");
  min_ = count_ == 0 ? x : std::min(min_, x);
  max_ = count_ == 0 ? x : std::max(max_, x);
  ++count_;
  if (x < min_positive_) {
    ++zeros_;
    return;
  }
  std::uint64_t index = index_of(x);
  if (x > max_value_) {
    ++clamped_;
    index = max_index_;
  }
  if (buckets_.empty()) [[unlikely]] {
    first_index_ = index;
    buckets_.assign(1, 0);
  } else if (index < first_index_) [[unlikely]] {
    buckets_.insert(buckets_.begin(), first_index_ - index, 0);
    first_index_ = index;
  } else if (index >= first_index_ + buckets_.size()) [[unlikely]] {
    buckets_.resize(index - first_index_ + 1, 0);
  }
  ++buckets_[index - first_index_];
}

void QuantileSketch::reset() {
  count_ = zeros_ = clamped_ = 0;
  min_ = max_ = 0.0;
  buckets_.clear();
}

double QuantileSketch::quantile(double q) const {
  CISIM_ASSERT(q >= 0.0 && q <= 1.0, "quantile level must be in [0, 1]");
  if (count_ == 0) return 0.0;
  if (q == 0.0) return min_;
  if (q == 1.0) return max_;
  // Zero-based rank of the order statistic x[floor(q (n - 1))].
  const auto rank = static_cast<std::uint64_t>(std::floor(q * static_cast<double>(count_ - 1)));
  if (rank < zeros_) return min_;
  std::uint64_t seen = zeros_;
  for (std::size_t i = 0; i < buckets_.size(); ++i) {
    seen += buckets_[i];
    // Clamping to the exact extremes can only bring the answer closer to the truth.
    if (seen > rank) return std::clamp(value_of(first_index_ + i), min_, max_);
  }
  return max_;
}

}  // namespace cisim
