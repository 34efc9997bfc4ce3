// SPDX-License-Identifier: MIT
// EntryRules: specific duties by rate band and the demand response to lost de minimis.
#include "cisim/model/entry_rules.hpp"

#include <cmath>

namespace cisim {

double EntryRules::specific_duty(double rate) const {
  for (const auto& band : policies_->postal_specific_duty) {
    if (rate <= band.up_to_rate) return band.usd_per_item;
  }
  return policies_->postal_specific_duty.back().usd_per_item;
}

double EntryRules::demand_response(const CustomsStream& stream, SimTime t) const {
  if (stream.demand_elasticity == 0.0) return 1.0;
  auto added_cost = [&](SimTime when) {
    double share = 0.0;
    for (std::size_t o = 0; o < stream.origin_mix.size(); ++o) {
      for (std::size_t c = 0; c < stream.category_mix.size(); ++c) {
        const double w = stream.origin_mix[o] * stream.category_mix[c];
        if (w == 0.0 || de_minimis_eligible(static_cast<std::uint16_t>(o), static_cast<std::uint16_t>(c), when)) continue;
        const double rate = duty_rate(static_cast<std::uint16_t>(c), static_cast<std::uint16_t>(o));
        const double mean_value = mean_of(config_->categories[c].true_value_usd);
        // A postal item under a specific duty pays it per item: as a share of its value.
        const bool specific = stream.mode == Mode::Postal && !policies_->postal_specific_duty.empty() && mean_value > 0.0;
        share += w * (specific ? specific_duty(rate) * mean_of(stream.items) / mean_value : rate);
      }
    }
    return share;
  };
  return std::pow((1.0 + added_cost(t)) / (1.0 + added_cost(SimTime::start())), -stream.demand_elasticity);
}

}  // namespace cisim
