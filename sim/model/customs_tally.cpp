// SPDX-License-Identifier: MIT
// CustomsTally: merging the counters of two scopes.
#include "cisim/model/customs_tally.hpp"

namespace cisim {

void CustomsTally::merge(const CustomsTally& o) {
  for (std::size_t i = 0; i < kCounts; ++i) counts[i] += o.counts[i];
  for (std::size_t i = 0; i < kSums; ++i) sums[i] += o.sums[i];
  for (std::size_t i = 0; i < kPers; ++i) pers[i].merge(o.pers[i]);
}

}  // namespace cisim
