// SPDX-License-Identifier: MIT
// CustomsTally: merging the counts of two scopes.
#include "cisim/model/customs_tally.hpp"

namespace cisim {

void CustomsTally::merge(const CustomsTally& o) {
  arrivals += o.arrivals;
  items += o.items;
  de_minimis += o.de_minimis;
  type86 += o.type86;
  informal += o.informal;
  formal += o.formal;
  formal_high_risk += o.formal_high_risk;
  bulk_entries += o.bulk_entries;
  bulk_entries_inspected += o.bulk_entries_inspected;
  bulk_covered += o.bulk_covered;
  breakbulk_parcels += o.breakbulk_parcels;
  split_orders += o.split_orders;
  bulk_duty_avoided_usd += o.bulk_duty_avoided_usd;
  lots_destroyed += o.lots_destroyed;
  units_destroyed += o.units_destroyed;
  items_sampled += o.items_sampled;
  carrying_any += o.carrying_any;
  for (int k = 0; k < kViolationKinds; ++k) {
    carrying[static_cast<std::size_t>(k)] += o.carrying[static_cast<std::size_t>(k)];
    found[static_cast<std::size_t>(k)] += o.found[static_cast<std::size_t>(k)];
  }
  selected_targeted += o.selected_targeted;
  selected_random += o.selected_random;
  selected_blitz += o.selected_blitz;
  selected_release_program += o.selected_release_program;
  selected_not_inspected += o.selected_not_inspected;
  inspected += o.inspected;
  found_any += o.found_any;
  seized += o.seized;
  abandoned += o.abandoned;
  released += o.released;
  leakage += o.leakage;
  counterfeit_interdicted += o.counterfeit_interdicted;
  duties_collected_usd += o.duties_collected_usd;
  duties_forgone_usd += o.duties_forgone_usd;
  penalties_usd += o.penalties_usd;
  dwell_hours.merge(o.dwell_hours);
}

}  // namespace cisim
