// SPDX-License-Identifier: MIT
// QuantileSketch: bucket arithmetic and rank search.
#include "cisim/stats/quantile_sketch.hpp"

#include <algorithm>
#include <cmath>

#include "cisim/engine/assert.hpp"

namespace cisim {

QuantileSketch::QuantileSketch(double relative_accuracy, double min_positive, double max_value)
    : relative_accuracy_(relative_accuracy), min_positive_(min_positive), max_value_(max_value) {
  CISIM_ASSERT(relative_accuracy > 0.0 && relative_accuracy < 1.0, "relative accuracy must be in (0, 1)");
  CISIM_ASSERT(min_positive > 0.0 && max_value > min_positive, "sketch range must be 0 < min < max");
  gamma_ = (1.0 + relative_accuracy) / (1.0 - relative_accuracy);
  log_gamma_ = std::log(gamma_);
  max_index_ = static_cast<int>(std::ceil(std::log(max_value) / log_gamma_));
}

int QuantileSketch::index_of(double x) const {
  return static_cast<int>(std::ceil(std::log(x) / log_gamma_));
}

double QuantileSketch::value_of(int index) const {
  return 2.0 * std::exp(index * log_gamma_) / (gamma_ + 1.0);
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
  int index = index_of(x);
  if (x > max_value_) {
    ++clamped_;
    index = max_index_;
  }
  if (buckets_.empty()) {
    first_index_ = index;
    buckets_.assign(1, 0);
  } else if (index < first_index_) {
    buckets_.insert(buckets_.begin(), static_cast<std::size_t>(first_index_ - index), 0);
    first_index_ = index;
  } else if (index >= first_index_ + static_cast<int>(buckets_.size())) {
    buckets_.resize(static_cast<std::size_t>(index - first_index_ + 1), 0);
  }
  ++buckets_[static_cast<std::size_t>(index - first_index_)];
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
  if (rank < zeros_) return std::max(min_, 0.0);
  std::uint64_t seen = zeros_;
  for (std::size_t i = 0; i < buckets_.size(); ++i) {
    seen += buckets_[i];
    if (seen > rank) return std::clamp(value_of(first_index_ + static_cast<int>(i)), min_, max_);
  }
  return max_;
}

}  // namespace cisim
