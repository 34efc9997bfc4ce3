// SPDX-License-Identifier: MIT
// ShipmentClasses: a stream's shipments as classes alike in everything the model counts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "cisim/model/customs_config.hpp"
#include "cisim/model/entry_rules.hpp"
#include "cisim/model/post_compliance.hpp"
#include "model/aggregated/seller_moments.hpp"
#include "cisim/model/targeting.hpp"
#include "cisim/random/distributions.hpp"
#include "model/aggregated/truncated_lognormal.hpp"

namespace cisim {

/// Shipments of one stream that the model cannot tell apart before inspection: the same
/// origin, category, advance data, seller group (with or without a history), violations
/// carried, and declared value in one interval between the cuts that change how they are
/// entered and selected (the de minimis threshold, the informal limit, the targeting cut).
struct ShipmentClass {
  std::uint16_t origin = 0;
  std::uint16_t category = 0;
  ViolationSet carried = 0;
  bool has_data = false;
  bool history = false;
  bool targeted = false;
  bool de_minimis = false;
  bool informal = false;  ///< else formal, when not de minimis
  bool high_risk = false;  ///< formal under the formal-entry rule (it then files full data)
  bool sees_data = false;  ///< targeting sees its data: sent, or filed by its entry
  bool refused = false;     ///< held or blocked at the border under its post's measures (EO 13904)
  bool prioritized = false;  ///< its post's items get prioritized targeted inspection
  std::uint32_t group = 0;  ///< (origin, category, data, history, carried): what the sellers decide
  double duty_rate = 0.0;
  /// A postal item that lost de minimis under postal specific duties pays specific_duty_usd
  /// per item (one item per shipment here) instead of duty_rate times its value.
  bool specific_duty = false;
  double specific_duty_usd = 0.0;
  double fixed_chance = 0.0;  ///< P(origin) P(category) P(data) P(value interval | violations)
  TruncatedLogNormal declared;

  /// The entry decision the class was built from (without its duty, which is per shipment).
  EntryDecision entry() const {
    EntryDecision d;
    d.de_minimis = de_minimis;
    d.informal = informal;
    d.specific_duty = specific_duty;
    return d;
  }
};

/// Of a class's selections that targeting does not make, the shares of the random sample and
/// of its post's prioritized selection (the formal-entry rule's own share is the rest).
struct SelectionShares {
  double random = 1.0;
  double prioritized = 0.0;
};

/// The classes of a stream and their chances (docs/performance.md, "The aggregated path").
/// A shipment's class has chance fixed_chance x P(seller group) x P(violations | origin,
/// category, group), the last two from the sellers' moments. Each class's chance now, selected
/// or not, is its chance as built times its group's ratio (current / built): the not-selected
/// are counted from it class by class. The selected classes (targeted, chosen by the random
/// sample or by the formal-entry rule) are drawn one by one from cumulative tables built for
/// the sellers as they were (`built`), and a draw is kept with chance (current / built) /
/// bound for its group: thinning, exact for any current state whose ratio to the built one
/// stays below the bound. refresh() recomputes the ratios and says when the tables must be
/// built again (a ratio past the bound, or far below it).
class ShipmentClasses {
 public:
  ShipmentClasses(const CustomsModelConfig& config, std::uint32_t stream, const Targeting& targeting, const EntryRules& rules);

  /// Classes for the de minimis rules in force at `at`, and tables for the sellers' `moments`.
  void build(SimTime at, const SellerMoments& moments);
  /// Tables for the sellers' `moments`, with the classes as they are.
  void build_tables(const SellerMoments& moments);
  void set_risk(double risk);
  /// De minimis eligibility, or the (dated) audit rate, advance-data share or targeting
  /// threshold at `at` differs from the classes' (they must be built again).
  bool rules_changed(SimTime at) const;
  /// The scored posts' terms (per origin; empty for one not scored) for the classes built
  /// next (rules_changed() says when they differ from those the classes were built with).
  void set_posts(std::vector<std::optional<PostTerms>> posts) { posts_ = std::move(posts); }
  const std::vector<std::optional<PostTerms>>& posts() const { return posts_; }
  /// New ratios for the sellers' `moments`; false when the tables must be built again.
  bool refresh(const SellerMoments& moments);

  /// The chance per shipment that it is of class i and not selected, and that it is of
  /// class i and selected (without a filing delay): as the sellers are now. The aggregated
  /// path draws each class's Poisson count of an hour from these (decision 0016).
  double not_selected_chance(std::size_t i) const { return all_kept_ ? not_selected_[i] : not_selected_[i] * ratio_[groups_[i]]; }
  double selected_chance(std::size_t i) const { return all_kept_ ? selected_[i] : selected_[i] * ratio_[groups_[i]]; }
  /// Chances per shipment of a candidate from each table: the class chances the tables were
  /// built with, times the bound. A Poisson number of candidates, each kept by keep(), is
  /// exactly a Poisson number of shipments of each class.
  double candidate_chance_selected() const { return selected_total_ * bound_; }
  /// Class i's weight in the selected table (its chance of being selected as built), and
  /// the bound of keep(): a table of a part of the selected classes draws candidates as
  /// this one does (RankedAdmission).
  double selected_as_built(std::size_t i) const { return selected_[i]; }
  double bound() const { return bound_; }
  /// Selected high-risk shipments whose formal entry is filed before they are presented
  /// (a filing delay): a table of their own, since the line they meet is the one of later.
  double candidate_chance_filed() const { return filed_total_ * bound_; }
  /// Audited shipments (policies.audit): a share of every class that enters, a table of
  /// their own, since their line is the audit's.
  double candidate_chance_audit() const { return audit_total_ * bound_; }
  /// A class drawn with chance proportional to its table weight, by inversion of the
  /// cumulative weights: a small change of the weights moves few draws to another class.
  std::size_t draw_selected(Xoshiro256& g) const { return draw(selected_cumulative_, g); }
  std::size_t draw_filed(Xoshiro256& g) const { return draw(filed_cumulative_, g); }
  std::size_t draw_audited(Xoshiro256& g) const { return draw(audit_cumulative_, g); }
  /// Of class i's selections not made by targeting, the shares of the random sample and of
  /// its post's prioritized selection; the rest are the formal-entry rule's own.
  SelectionShares selection_shares(std::size_t i) const;
  /// Inline: it runs once per shipment not selected.
  bool keep(std::size_t i, Xoshiro256& g) const { return all_kept_ || g.uniform01() * bound_ < ratio_[groups_[i]]; }

  std::size_t size() const { return classes_.size(); }
  const ShipmentClass& operator[](std::size_t i) const { return classes_[i]; }
  /// a_k of the violation draw for (origin, category, advance data): prevalence x origin,
  /// stream and entry-channel multipliers.
  const PerViolation& kind_chances(std::uint16_t origin, std::uint16_t category, bool data) const {
    return kind_chances_[(static_cast<std::size_t>(origin) * categories_ + category) * 2 + (data ? 1 : 0)];
  }
  /// Table builds so far (for the benchmark's account of the cost).
  std::uint64_t builds() const { return builds_; }

 private:
  // The chance that a shipment of class k not targeted is selected all the same.
  double chance_chosen(const ShipmentClass& k) const;
  // De minimis eligibility per (origin, category) at `at`.
  std::vector<char> eligibility(SimTime at) const;
  // P(group) x P(violations | group) for every (origin, category, history, carried).
  void group_chances(const SellerMoments& moments, std::vector<double>& out) const;
  void add_classes(SimTime at, std::uint16_t o, std::uint16_t c, bool data, bool history, ViolationSet v, double chance);
  std::uint32_t group_of(std::size_t o, std::size_t c, bool data, bool history, ViolationSet v) const {
    return static_cast<std::uint32_t>((((o * categories_ + c) * 2 + (data ? 1 : 0)) * 2 + (history ? 1 : 0)) * 32 + v);
  }

  const CustomsModelConfig* config_;
  const CustomsStream* stream_;
  const Targeting* targeting_;
  const EntryRules* rules_;
  std::size_t categories_;
  std::vector<PerViolation> kind_chances_;  // per (origin, category, data)
  std::vector<SellerMoments::Moments> polynomials_;  // per (origin, category, data, carried): P(V | m)
  std::vector<char> eligible_;              // de minimis per (origin, category), as built
  double built_audit_ = 0.0;                // the audit rate (dated) the classes were built with
  double built_data_share_ = 1.0;           // the advance-data share (dated) they were built with
  double built_risk_ = 1.0;                 // the stream's risk multiplier (dated) kind_chances_ holds
  std::size_t built_threshold_step_ = 0;    // the targeting threshold's step (dated) they were built with
  std::vector<std::optional<PostTerms>> posts_, built_posts_;  // per origin: asked for, and as built
  std::vector<ShipmentClass> classes_;
  std::vector<std::uint32_t> groups_;  // classes_[i].group, packed for keep()
  std::vector<double> built_;   // group chances the tables were built with
  std::vector<double> ratio_;   // current / built, per group
  static std::size_t draw(const std::vector<double>& cumulative, Xoshiro256& g);
  std::vector<double> not_selected_, selected_;  // per class, as built: P(class and (not) selected)
  std::vector<double> selected_cumulative_, filed_cumulative_, audit_cumulative_;
  double selected_total_ = 0.0, filed_total_ = 0.0, audit_total_ = 0.0;
  double bound_ = 1.0;
  bool all_kept_ = true;
  std::uint64_t builds_ = 0;
};

}  // namespace cisim
