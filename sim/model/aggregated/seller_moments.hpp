// SPDX-License-Identifier: MIT
// SellerMoments: the volume-weighted moments of a stream's seller risk multipliers, by history.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "cisim/model/violation.hpp"

namespace cisim {

/// A shipment of a seller with multiplier m carries each kind k independently with chance
/// min(1, a_k m) (draw_violations, with a_k = prevalence x origin and stream multipliers).
/// While every a_k m is below 1, the chance that it carries exactly the set V is a
/// polynomial of degree at most 5 in m:
///   P(V | m) = prod_{k in V} a_k m  x  prod_{k not in V} (1 - a_k m),
/// so over the sellers of a group, weighted by volume, its mean is a combination of the
/// group's first five moments of m. The aggregated path (docs/performance.md) then needs no
/// sum over 40,000 sellers, only these numbers, kept up to date as sellers gain a history (a
/// finding) or lower their multiplier (deterrence). The few sellers whose multiplier is at
/// or above `cap` (1 / the largest a_k), for whom some chance reaches 1, are kept apart and
/// summed one by one with the exact, capped chances.
class SellerMoments {
 public:
  static constexpr std::size_t kDegree = kViolationKinds;
  using Moments = std::array<double, kDegree + 1>;

  /// `cap`: the multiplier from which some kind's chance may reach 1.
  explicit SellerMoments(double cap = 1e300) : cap_(cap) {}

  /// Adds seller `id` of volume share `weight` and multiplier `m`, without history.
  void add(std::uint32_t id, double weight, double m);
  /// The seller has a history from now on.
  void gain_history(std::uint32_t id, double weight, double m);
  /// The seller's multiplier moves from `from` to `to` (specific deterrence).
  void change_multiplier(std::uint32_t id, double weight, double from, double to, bool history);

  /// A newcomer without history takes the place of the seller `id` (turnover), whose
  /// multiplier was `from` and history `history`; its multiplier is `to`.
  void replace(std::uint32_t id, double weight, double from, bool history, double to);

  /// The volume share of the sellers with (or without) a history.
  double share(bool history) const;
  /// P(a shipment's seller is in the group and it carries exactly V): the share times the
  /// group's mean of P(V | m). `polynomial` is polynomial(a, v), computed once by the caller.
  double chance(bool history, const Moments& polynomial, const PerViolation& a, ViolationSet v) const;
  /// chance() for all 32 sets at once: `polynomials[v]` is polynomial(a, v). What the
  /// aggregated path's tables need after each change of the sellers.
  void chances(bool history, const PerViolation& a, const Moments* polynomials, std::array<double, 32>& out) const;
  /// The coefficients of P(V | m) in powers of m (uncapped).
  static Moments polynomial(const PerViolation& a, ViolationSet v);
  /// P(V | m) for one seller, with the chances capped at 1.
  static double chance_given(double m, const PerViolation& a, ViolationSet v);

 private:
  struct Capped {
    std::uint32_t id;
    double weight;
    double m;
    bool history;
  };
  void place(std::uint32_t id, double weight, double m, bool history, double sign);
  static void accumulate(Moments& into, double weight, double m, double sign);
  double cap_;
  double volume_ = 0.0;         // all sellers
  double history_volume_ = 0.0; // those with a history
  Moments total_{};             // sellers below the cap
  Moments history_{};           // of them, those with a history
  std::vector<Capped> capped_;
};

}  // namespace cisim
