// SPDX-License-Identifier: MIT
// The hidden truth of a shipment: which violations it carries, and the value it declares.
#pragma once

#include <algorithm>

#include "cisim/model/customs_config.hpp"
#include "cisim/random/xoshiro256.hpp"

namespace cisim {

/// Each kind independently with chance min(1, prevalence x risk). Most shipments carry
/// nothing, so one draw first decides "any at all" (chance 1 - product of the misses); only
/// then are the kinds drawn, again until at least one comes up, which gives exactly the
/// independent draws conditioned on "any". Inline: it runs once per shipment.
/// Each shipment takes exactly one number from `g`: the kinds come from a generator seeded by
/// it, so however many draws one shipment's kinds take, the next shipment's draws are the same
/// (common random numbers: a small change of a prevalence changes few shipments, not all
/// later ones; decision 0016).
/// The product is computed only when the uniform falls within reach of it: 1 - risk x the sum
/// of the prevalences is a lower bound of it (the union bound), so a uniform below that
/// bound is "nothing" without the product, with the same draws and the same answers.
/// Set apart the seed of a shipment's kinds from the word that decided "any" (ASCII "kinds").
inline constexpr std::uint64_t kKindsSeedSalt = 0x6b696e6473ULL;

inline ViolationSet draw_violations(const ProductCategory& category, double risk, Xoshiro256& g) {
  const std::uint64_t word = g();
  const double u = Xoshiro256::unit(word);
  double total = 0.0;
  for (const double prevalence : category.prevalence) total += prevalence;
  if (u < 1.0 - risk * total - 1e-12) return 0;  // the margin covers the rounding of the bound
  PerViolation p{};
  double none = 1.0;
  for (std::size_t k = 0; k < p.size(); ++k) {
    p[k] = std::min(1.0, category.prevalence[k] * risk);
    none *= 1.0 - p[k];
  }
  if (u < none) return 0;
  Xoshiro256 kinds{word ^ kKindsSeedSalt};
  for (;;) {
    ViolationSet carried = 0;
    for (std::size_t k = 0; k < p.size(); ++k) {
      if (p[k] > 0.0 && kinds.uniform01() < p[k]) carried |= bit(static_cast<ViolationKind>(k));
    }
    if (carried) return carried;
  }
}

/// An undervalued shipment declares its true value times the category's factor.
inline double declared_value_usd(const ProductCategory& category, double true_value_usd, ViolationSet carried) {
  return contains(carried, ViolationKind::Undervaluation) ? true_value_usd * category.undervaluation_factor : true_value_usd;
}

}  // namespace cisim
