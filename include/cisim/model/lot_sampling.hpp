// SPDX-License-Identifier: MIT
// Lot sampling: how many items of a consignment an inspection opens (ISPM 31).
#pragma once

#include <cstdint>

#include "cisim/engine/sim_time.hpp"

namespace cisim {

/// Lot sampling for consignments of several items (ISPM 31; docs/model.md, "Lot sampling"):
/// an inspection opens a sample of the items instead of the whole consignment.
enum class SampleSize : std::uint8_t { All, Fixed, Proportion, Hypergeometric };
struct LotSampling {
  SampleSize size = SampleSize::All;
  int count = 0;                  ///< Fixed: items opened (all when fewer)
  double proportion = 1.0;        ///< Proportion: share of the items, rounded up
  double detection_level = 0.01;  ///< Hypergeometric: share of violating items to detect
  double confidence = 0.95;       ///< ... with this chance
  double contaminated_share = 1.0;  ///< of the items of a violating consignment, that carry the violation
  Duration time_per_item = Duration::zero();  ///< added to the method's duration per item opened
};

/// Items to open in a consignment of `items` under `plan` (at least 1, at most `items`).
std::int64_t sample_size(const LotSampling& plan, std::int64_t items);

/// Smallest n with 1 - C(N - K, n) / C(N, n) >= confidence, K = ceil(level x N): the
/// hypergeometric sample size of ISPM 31 that finds at least one violating item.
std::int64_t hypergeometric_sample_size(std::int64_t items, double detection_level, double confidence);

/// Chance that a sample of n of N items, K of them violating, holds at least one of them.
double hypergeometric_detection(std::int64_t items, std::int64_t violating, std::int64_t sampled);

}  // namespace cisim
