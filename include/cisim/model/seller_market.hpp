// SPDX-License-Identifier: MIT
// SellerMarket: one stream's sellers, their volumes and propensities, and platform practices.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "cisim/model/customs_config.hpp"
#include "cisim/random/distributions.hpp"
#include "cisim/random/random_streams.hpp"

namespace cisim {

/// A seller population drawn once per replication (Zipf volumes, beta propensities) and what
/// the platform does with it (docs/model.md, "Platform practices"): vetting refuses some
/// high-propensity sellers before the run, notice-and-takedown and suspension delist sellers
/// found violating, and category limits keep high-propensity sellers out of some categories.
/// Invariant: a delisted or refused seller is never drawn while another can be (the draw is
/// repeated; past 64 tries the last draw stands, which only happens when nearly all are out).
/// A stream without sellers has an empty market (present() is false).
class SellerMarket {
 public:
  SellerMarket() = default;
  /// Draws the population of `stream` from its "sellers/<stream>" and "vetting/<stream>" streams.
  SellerMarket(const CustomsStream& stream, const RandomStreams& streams);

  bool present() const { return population_ != nullptr; }
  std::size_t size() const { return risk_multiplier_.size(); }

  /// A seller by volume share at time `at`, for a sale in `category` (none: any category).
  /// Inline: it runs once per shipment; without takedown, suspension or category limits no
  /// seller is ever excluded and the one draw stands.
  std::uint32_t draw(SimTime at, std::optional<std::uint16_t> category, Xoshiro256& g) const {
    const auto seller = static_cast<std::uint32_t>(volume_(g));
    if (!may_exclude_ || !excluded(seller, at, category)) return seller;
    return draw_again(at, category, g);
  }
  /// A high-propensity seller may not sell a category the platform limits.
  bool restricted(std::uint32_t seller, std::uint16_t category) const {
    return !population_->restricted_categories.empty() && population_->restricted_categories[category] &&
           risk_multiplier_[seller] >= population_->vetting_above;
  }
  double risk_multiplier(std::uint32_t seller) const { return risk_multiplier_[seller]; }
  /// The seller's share of the stream's volume (0 for a refused one).
  double volume_share(std::uint32_t seller) const { return volume_.probability(seller); }
  /// Takedown, suspension or category limits may keep a seller from being drawn.
  bool may_exclude() const { return may_exclude_; }
  /// A violation was found on one of the seller's shipments (a targeting feature).
  bool has_history(std::uint32_t seller) const { return history_[seller]; }
  /// A finding: remembered, and the seller delisted after the takedown latency, or at once
  /// at the suspension count.
  void record_finding(std::uint32_t seller, SimTime now);
  /// A seizure of, or penalty on, one of the seller's shipments: specific deterrence lowers
  /// its propensity by the population's `deterrence` share (docs/model.md, "Deterrence").
  void record_sanction(std::uint32_t seller) { risk_multiplier_[seller] *= 1.0 - population_->deterrence; }

  /// Seller turnover (docs/model.md, "Seller turnover"): the sellers who left before `until`
  /// are replaced at `now`, each by a newcomer with the same volume share, a fresh (vetted)
  /// propensity, no history or findings, listed. `replaced(seller, multiplier_before, history_before)` is
  /// called for each, before the next. Exits are one Poisson process over the population (each
  /// seller leaves at rate 1 / mean_tenure), drawn from the stream "turnover/<stream>" alone,
  /// so both stream sources see the same exits. A slot the platform refused stays refused.
  template <class Replaced>
  void turn_over(SimTime now, SimTime until, Replaced&& replaced) {
    while (next_exit_ < until) {
      const auto seller = std::min(static_cast<std::uint32_t>(turnover_.uniform01() * static_cast<double>(size())),
                                           static_cast<std::uint32_t>(size() - 1));
      if (volume_.probability(seller) > 0.0) {
        const double before = risk_multiplier_[seller];
        const bool history = history_[seller];
        enter(seller, now);
        replaced(seller, before, history);
      }
      next_exit_ = next_exit_ + exit_gap();
    }
  }
  /// Sellers replaced so far.
  std::uint64_t replacements() const { return replacements_; }
  /// When the seller in this slot entered (the start for the first ones): a shipment that
  /// arrived before it was sent by its predecessor, whose findings and sanctions the newcomer
  /// must not inherit.
  bool sent(std::uint32_t seller, SimTime arrived) const { return entered_at_.empty() || entered_at_[seller] <= arrived; }

 private:
  bool excluded(std::uint32_t seller, SimTime at, std::optional<std::uint16_t> category) const {
    return at >= delisted_at_[seller] || (category && restricted(seller, *category));
  }
  // The redraws after an excluded seller: at most 64 in all, the last standing.
  std::uint32_t draw_again(SimTime at, std::optional<std::uint16_t> category, Xoshiro256& g) const;
  // A newcomer in `seller`'s place, and the time to the population's next exit.
  void enter(std::uint32_t seller, SimTime now);
  Duration exit_gap();
  // A propensity multiplier the platform's vetting accepts (at most 64 applicants; the last stands).
  double vetted_multiplier(Xoshiro256& g) const;

  const SellerPopulation* population_ = nullptr;
  bool may_exclude_ = false;  // takedown, suspension or category limits are set
  Categorical volume_{std::vector<double>{1.0}};
  std::vector<double> risk_multiplier_;
  std::vector<bool> history_;
  std::vector<std::uint16_t> findings_;
  std::vector<SimTime> delisted_at_;  // SimTime::max() while listed
  Xoshiro256 turnover_{0};            // exit times, the slot that leaves, the newcomer's propensity
  SimTime next_exit_ = SimTime::max(); // never without turnover
  std::uint64_t replacements_ = 0;
  std::vector<SimTime> entered_at_;  // per seller, with turnover only
};

}  // namespace cisim
