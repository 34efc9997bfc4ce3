// SPDX-License-Identifier: MIT
// EntryRules: how a shipment is entered (de minimis, informal, formal) and what duty it owes.
#pragma once

#include <cmath>
#include <optional>

#include "cisim/model/customs_config.hpp"
#include "cisim/model/shipment_record.hpp"

namespace cisim {

/// The entry a shipment makes and its duty (docs/model.md, "Entry types", "De minimis variants").
struct EntryDecision {
  bool covered = false;     ///< a parcel of goods already entered in bulk: no claim, no duty
  bool de_minimis = false;
  bool informal = false;    ///< else formal (when neither covered nor de minimis)
  double duty_usd = 0.0;    ///< owed, or forgone under de minimis
  bool specific_duty = false;  ///< duty_usd is the postal duty per item, not ad valorem
};

/// The entry a de minimis shipment of a stream entered as `channel` makes (has_data: the
/// shipment brings advance data, before any entry files it): DeMinimis (released from its
/// manifest), Type86 or Postal.
constexpr EntryKind de_minimis_kind(DeMinimisEntry channel, bool has_data) {
  switch (channel) {
    case DeMinimisEntry::Manifest: return EntryKind::DeMinimis;
    case DeMinimisEntry::Type86: return EntryKind::Type86;
    case DeMinimisEntry::Postal: return EntryKind::Postal;
    default: return has_data ? EntryKind::Type86 : EntryKind::DeMinimis;
  }
}

/// The kind of entry a trace records for decision `d`; `de_minimis_as`: de_minimis_kind.
inline EntryKind entry_kind(const EntryDecision& d, EntryKind de_minimis_as, bool high_risk, Entry entry) {
  if (entry == Entry::BulkEntry) return EntryKind::BulkEntry;
  if (d.covered) return EntryKind::BulkCovered;
  if (d.de_minimis) return de_minimis_as;
  if (d.informal) return EntryKind::Informal;
  return high_risk ? EntryKind::FormalHighRisk : EntryKind::Formal;
}

/// The entry rules of one scenario: de minimis with its 2025 variants, the informal limit,
/// postal specific duties and the duty rates of categories and origins.
class EntryRules {
 public:
  explicit EntryRules(const CustomsModelConfig& config) : config_(&config), policies_(&config.policies) {}

  double duty_rate(std::uint16_t category, std::uint16_t origin) const {
    return config_->categories[category].duty_rate + config_->origins[origin].additional_duty_rate;
  }

  /// De minimis at time `at`: suspended for everyone from its date on, and withheld from
  /// excluded origins and categories from theirs. Dates take effect at 00:00 of the day.
  bool de_minimis_eligible(std::uint16_t origin, std::uint16_t category, SimTime at) const {
    const CustomsPolicies& p = *policies_;
    if (p.de_minimis_suspended_from && at >= *p.de_minimis_suspended_from) return false;
    if (at < p.exclusions_from) return true;
    if (!p.de_minimis_excluded_origins.empty() && p.de_minimis_excluded_origins[origin]) return false;
    if (!p.de_minimis_excluded_categories.empty() && p.de_minimis_excluded_categories[category]) return false;
    return true;
  }

  /// The entry of shipment `r` by mode. A high-risk shipment (formal-entry rule) enters
  /// formally whatever its value; a bulk entry is informal or formal by value, never de
  /// minimis. A postal item that lost de minimis may pay a specific duty per item (2025).
  EntryDecision classify(const ShipmentRecord& r, Mode mode, bool high_risk, Entry entry) const {
    const CustomsPolicies& p = *policies_;
    EntryDecision d;
    d.covered = entry == Entry::BulkCovered;
    if (d.covered) return d;
    const bool under_threshold = entry != Entry::BulkEntry && r.declared_value_usd <= p.de_minimis_threshold_usd && !high_risk;
    d.de_minimis = under_threshold && de_minimis_eligible(r.origin, r.category, r.arrived);
    d.informal = !d.de_minimis && r.declared_value_usd <= p.informal_limit_usd && !high_risk;
    const double rate = duty_rate(r.category, r.origin);
    const bool specific = under_threshold && !d.de_minimis && mode == Mode::Postal && !p.postal_specific_duty.empty();
    d.specific_duty = specific;
    d.duty_usd = specific ? specific_duty(rate) * static_cast<double>(r.items) : rate * r.declared_value_usd;
    return d;
  }

  /// An informal or formal entry files what advance data would have given (docs/model.md,
  /// "Entries bring data"): targeting then sees the shipment as with data.
  bool entry_files_data(const EntryDecision& d) const { return !d.de_minimis && !d.covered && policies_->entries_file_data; }

  /// High-risk under the formal-entry rule (DHS 2020): by origin, by category, or by a
  /// targeting score at or above the rule's; `score` is called only when needed.
  template <class Score>
  bool is_high_risk(const ShipmentRecord& r, Score&& score) const {
    const FormalEntryRule& rule = policies_->formal_entry;
    if (!rule.enabled) return false;
    if (!rule.origins.empty() && rule.origins[r.origin]) return true;
    if (!rule.categories.empty() && rule.categories[r.category]) return true;
    return rule.min_score && score() >= std::log(*rule.min_score / (1.0 - *rule.min_score));
  }

  /// The per-item duty of the band that holds `rate` (the last band above every bound).
  double specific_duty(double rate) const;

  /// Demand response (docs/model.md): the expected duty share a stream's shipments pay for
  /// lost de minimis at time t, against the start, raised to -elasticity; 1 without it.
  double demand_response(const CustomsStream& stream, SimTime t) const;

 private:
  const CustomsModelConfig* config_;
  const CustomsPolicies* policies_;
};

}  // namespace cisim
