// SPDX-License-Identifier: MIT
// Outcome: what follows an inspection: seizure, abandonment, duty and penalty, or release.
#pragma once

#include "cisim/model/customs_config.hpp"
#include "cisim/model/shipment_record.hpp"
#include "cisim/random/xoshiro256.hpp"

namespace cisim {

/// The result of an inspection for the shipment (docs/model.md, "Abandonment"): a seizable
/// find (counterfeit, prohibited, agricultural) is seized, or abandoned and destroyed with
/// chance `abandon_share`; found undervaluation or misdescription pays duty on the true value
/// and a penalty, and the shipment is released; what is released still carrying an unfound
/// violation is leakage.
struct Outcome {
  bool interdicted = false;  ///< seized or abandoned: it does not enter
  bool abandoned = false;
  double extra_duty_usd = 0.0;
  double penalty_usd = 0.0;
};

inline Outcome decide_outcome(const ShipmentRecord& r, ViolationSet found, const CustomsPolicies& policies, double duty_rate,
                              Xoshiro256& g) {
  Outcome o;
  if (found & kSeizable) {
    o.interdicted = true;
    o.abandoned = g.uniform01() < policies.abandon_share;
  } else if (found & (bit(ViolationKind::Undervaluation) | bit(ViolationKind::Misdescription))) {
    o.extra_duty_usd = duty_rate * (r.true_value_usd - r.declared_value_usd);
    o.penalty_usd = policies.penalty_rate * r.true_value_usd;
  }
  return o;
}

/// Released while carrying a violation that was not found.
constexpr bool leaks(const ShipmentRecord& r, ViolationSet found) { return (r.carried & static_cast<ViolationSet>(~found)) != 0; }

}  // namespace cisim
