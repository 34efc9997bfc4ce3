// SPDX-License-Identifier: MIT
// Lot sampling sample sizes. Sources: ISPM 31 (FAO 2008, Methodologies for sampling of
// consignments), Appendix 2, hypergeometric detection; docs/model.md, "Lot sampling".
#include "cisim/model/lot_sampling.hpp"

#include <algorithm>
#include <cmath>

namespace cisim {
namespace {

// ceil(share x n) without the rounding noise of binary fractions (1% of 1000 is 10, not 11).
std::int64_t share_of(double share, std::int64_t n) {
  return static_cast<std::int64_t>(std::ceil(share * static_cast<double>(n) - 1e-9));
}

}  // namespace

double hypergeometric_detection(std::int64_t items, std::int64_t violating, std::int64_t sampled) {
  // P(no violating item in the sample) = C(N - K, n) / C(N, n) = prod_{i<n} (N - K - i) / (N - i).
  double miss = 1.0;
  for (std::int64_t i = 0; i < sampled && miss > 0.0; ++i) {
    miss *= std::max<double>(0.0, static_cast<double>(items - violating - i)) / static_cast<double>(items - i);
  }
  return 1.0 - miss;
}

std::int64_t hypergeometric_sample_size(std::int64_t items, double detection_level, double confidence) {
  const std::int64_t violating = std::max<std::int64_t>(1, share_of(detection_level, items));
  double miss = 1.0;
  for (std::int64_t n = 1; n <= items; ++n) {
    miss *= std::max<double>(0.0, static_cast<double>(items - violating - (n - 1))) / static_cast<double>(items - (n - 1));
    if (1.0 - miss >= confidence) return n;
  }
  return items;
}

std::int64_t sample_size(const LotSampling& plan, std::int64_t items) {
  std::int64_t n = items;
  switch (plan.size) {
    case SampleSize::All: break;
    case SampleSize::Fixed: n = plan.count; break;
    case SampleSize::Proportion: n = share_of(plan.proportion, items); break;
    case SampleSize::Hypergeometric: n = hypergeometric_sample_size(items, plan.detection_level, plan.confidence); break;
  }
  return std::clamp<std::int64_t>(n, 1, std::max<std::int64_t>(1, items));
}

}  // namespace cisim
