// SPDX-License-Identifier: MIT
// Tally: the parts that need <cmath>.
#include "cisim/stats/tally.hpp"

#include <algorithm>
#include <cmath>

namespace cisim {

double Tally::sd() const { return std::sqrt(variance()); }

void Tally::merge(const Tally& other) {
  if (other.n_ == 0) return;
  if (n_ == 0) {
    *this = other;
    return;
  }
  const double n = static_cast<double>(n_ + other.n_);
  const double delta = other.mean_ - mean_;
  mean_ += delta * static_cast<double>(other.n_) / n;
  m2_ += other.m2_ + delta * delta * static_cast<double>(n_) * static_cast<double>(other.n_) / n;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  n_ += other.n_;
}

}  // namespace cisim
