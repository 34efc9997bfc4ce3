// SPDX-License-Identifier: MIT
// AggregatedStream's sellers: the moments of their risk multipliers by history, kept up to
// date with findings, sanctions and turnover, and the seller of a selected shipment drawn
// conditionally on its class.
#include <algorithm>

#include "cisim/base/assert.hpp"
#include "model/aggregated/aggregated_stream.hpp"

namespace cisim {

void AggregatedStream::init_sellers(const CustomsModelConfig& config, std::uint32_t s, const SellerMarket& sellers) {
  // The multiplier from which some kind's chance a_k m reaches 1 (SellerMoments keeps the
  // sellers at or above it apart).
  double largest = 0.0;
  const CustomsStream& stream = config.streams[s];
  for (std::size_t o = 0; o < config.origins.size(); ++o) {
    for (std::size_t c = 0; c < config.categories.size(); ++c) {
      if (stream.origin_mix[o] * stream.category_mix[c] == 0.0) continue;
      for (const bool data : {false, true}) {
        for (const double a : classes_.kind_chances(static_cast<std::uint16_t>(o), static_cast<std::uint16_t>(c), data)) largest = std::max(largest, a);
      }
    }
  }
  moments_ = SellerMoments{largest > 0.0 ? 1.0 / largest : 1e300};
  if (sellers.present()) {
    max_multiplier_ = 0.0;
    member_at_.assign(sellers.size(), 0);
    for (std::uint32_t j = 0; j < sellers.size(); ++j) {
      moments_.add(j, sellers.volume_share(j), sellers.risk_multiplier(j));
      max_multiplier_ = std::max(max_multiplier_, sellers.risk_multiplier(j));
      if (sellers.has_history(j)) {
        moments_.gain_history(j, sellers.volume_share(j), sellers.risk_multiplier(j));
        add_history_member(j);
      }
    }
  } else {
    moments_.add(0, 1.0, 1.0);  // no sellers: every shipment as from one seller of multiplier 1
  }
}

void AggregatedStream::apply_sellers() {
  for (const PendingSeller& p : pending_) {
    const std::uint32_t j = p.seller;
    const double w = sellers_->volume_share(j);
    if (p.finding) {
      if (!sellers_->has_history(j)) {
        moments_.gain_history(j, w, sellers_->risk_multiplier(j));
        add_history_member(j);
      }
      sellers_->record_finding(j, p.at);
    } else {
      const double before = sellers_->risk_multiplier(j);
      sellers_->record_sanction(j);
      moments_.change_multiplier(j, w, before, sellers_->risk_multiplier(j), sellers_->has_history(j));
    }
    sellers_changed_ = true;
  }
  pending_.clear();
}

void AggregatedStream::add_history_member(std::uint32_t seller) {
  member_at_[seller] = static_cast<std::uint32_t>(history_members_.size());
  history_members_.push_back(seller);
}

void AggregatedStream::turn_over_sellers(SimTime now, SimTime until) {
  sellers_->turn_over(now, until, [&](std::uint32_t j, double before, bool history) {
    moments_.replace(j, sellers_->volume_share(j), before, history, sellers_->risk_multiplier(j));
    max_multiplier_ = std::max(max_multiplier_, sellers_->risk_multiplier(j));
    if (history) {
      // The newcomer has no history: the last member takes the leaver's place in the list.
      const std::uint32_t last = history_members_.back();
      history_members_[member_at_[j]] = last;
      member_at_[last] = member_at_[j];
      history_members_.pop_back();
    }
    sellers_changed_ = true;
  });
}

// A seller with chance proportional to volume x P(carried | its multiplier), among those of
// the class's group (with or without a history): by rejection from the volume table, or by
// a scan of the group where that is cheaper.
std::uint32_t AggregatedStream::draw_seller(const ShipmentClass& k, Xoshiro256& g) {
  if (!sellers_->present()) return kNoSeller;
  const PerViolation& a = classes_.kind_chances(k.origin, k.category, k.has_data);
  double bound = 1.0;
  for (int kind = 0; kind < kViolationKinds; ++kind) {
    if (contains(k.carried, static_cast<ViolationKind>(kind))) bound *= std::min(1.0, a[static_cast<std::size_t>(kind)] * max_multiplier_);
  }
  const double keep = moments_.chance(k.history, SellerMoments::polynomial(a, k.carried), a, k.carried) / bound;
  // A try costs about what weighing one seller of a scan costs, and a scan weighs the group
  // twice: rejection while it needs fewer tries on average.
  const double group = static_cast<double>(k.history ? history_members_.size() : sellers_->size() - history_members_.size());
  if (keep > 0.0 && 1.0 / keep < 2.0 * group) {
    // Failed tries leave the target distribution as it was, so a scan after many of them (a
    // guard, expected never to be reached: 64 / keep tries) draws from it as exactly.
    for (double tries = 0.0; tries < 64.0 / keep; ++tries) {
      const std::uint32_t j = sellers_->draw(SimTime::start(), std::nullopt, g);
      if (sellers_->has_history(j) != k.history) continue;
      if (g.uniform01() * bound < SellerMoments::chance_given(sellers_->risk_multiplier(j), a, k.carried)) return j;
    }
  }
  auto weight = [&](std::uint32_t j) {
    return sellers_->volume_share(j) * SellerMoments::chance_given(sellers_->risk_multiplier(j), a, k.carried);
  };
  double total = 0.0;
  const auto each = [&](auto&& f) {
    if (k.history) {
      for (const std::uint32_t j : history_members_) f(j);
    } else {
      for (std::uint32_t j = 0; j < sellers_->size(); ++j) {
        if (!sellers_->has_history(j)) f(j);
      }
    }
  };
  each([&](std::uint32_t j) { total += weight(j); });
  CISIM_ASSERT(total > 0.0, "a selected class whose seller group cannot send it");
  double u = g.uniform01() * total;
  std::uint32_t chosen = kNoSeller;
  bool done = false;
  each([&](std::uint32_t j) {
    if (done) return;
    const double w = weight(j);
    if (w <= 0.0) return;
    chosen = j;  // the last seller with a weight stands if rounding leaves u above 0
    u -= w;
    done = u < 0.0;
  });
  return chosen;
}

}  // namespace cisim
