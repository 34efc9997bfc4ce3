// SPDX-License-Identifier: MIT
// AggregatedStream: a stream's hour of shipments counted by class, the selected drawn one by one.
#pragma once

#include <cstdint>
#include <limits>
#include <cmath>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cisim/model/customs_config.hpp"
#include "model/customs_recorder.hpp"
#include "cisim/model/entry_rules.hpp"
#include "cisim/model/seller_market.hpp"
#include "model/aggregated/ranked_admission.hpp"
#include "model/aggregated/seller_moments.hpp"
#include "model/aggregated/shipment_classes.hpp"
#include "cisim/model/shipment_record.hpp"
#include "cisim/model/shipment_trace.hpp"
#include "cisim/model/targeting.hpp"
#include "cisim/random/random_streams.hpp"

namespace cisim {

/// A selected shipment drawn from its class, with its advance data (as sent) and whether the
/// formal-entry rule makes it a high-risk formal entry.
struct SelectedShipment {
  ShipmentRecord record;
  bool has_data = false;
  bool high_risk = false;
  bool prioritized = false;  ///< of a post whose items get prioritized targeted inspection
};

/// The aggregated path of one stream (docs/performance.md, "The aggregated path"). Within a
/// slice (an hour) every class of shipment arrives as its own Poisson process (thinning), so
/// the shipments that are not selected are counted per class in one step, and the selected
/// ones form a Poisson process of their own. While the facility's inspection line has room,
/// each selected shipment is drawn one by one, conditionally on its class (seller by
/// rejection, value by inversion), and presented as in the per-shipment path. While the
/// line is full, every selected shipment would be turned away: the stream sleeps, and at the
/// end of the slice the selections of its sleeping time are counted per class, refused.
/// By the memoryless property the process restarts exactly when the line has room again.
/// Findings and sanctions of sellers wait for the next slice, as in the per-shipment path,
/// which draws a slice's shipments (and their sellers' histories) at its start.
/// A full risk-ranked line (decision 0020) still admits what scores above its lowest waiting
/// selection, the bar: while asleep with a finite bar the stream draws those one by one
/// (RankedAdmission) and counts the rest of each interval of one bar by class, refused.
class AggregatedStream {
 public:
  /// A stream that no row of per_shipment_rules() keeps on the per-shipment path.
  AggregatedStream(const CustomsModelConfig& config, std::uint32_t s, const Targeting& targeting, const EntryRules& rules,
                   SellerMarket& sellers, const RandomStreams& streams);

  /// The scored posts' terms for the slices that follow (per origin; empty for an origin not
  /// scored), and where their items are counted; classes are rebuilt when the terms change.
  void set_posts(PostCompliance* posts, std::vector<std::optional<PostTerms>> terms);
  /// Of the shipments the last begin_slice() counted, those refused at the border (EO 13904).
  std::uint64_t refused_at_border() const { return refused_at_border_; }

  /// A seller's finding or sanction, applied at the next slice (apply_sellers).
  void record_finding(std::uint32_t seller, SimTime now) { pending_.push_back({seller, now, true}); }
  void record_sanction(std::uint32_t seller) { pending_.push_back({seller, SimTime::start(), false}); }
  /// At the start of every slice of the stream, whichever path it takes.
  void apply_sellers();
  /// Seller turnover up to `until`, applied `now` (SellerMarket::turn_over), after apply_sellers().
  void turn_over_sellers(SimTime now, SimTime until);

  /// Fewer shipments than this expected in an hour are drawn one by one: the tables' upkeep
  /// after the sellers change (a few hundred thousand instructions) would cost more.
  static constexpr double kFewestShipments = 256.0;

  /// Whether the slice [from, to) can be aggregated: the de minimis rules stay the same in it.
  bool can_aggregate(SimTime from, SimTime to);
  /// Starts an aggregated slice in which `expected` shipments arrive on average: counts the
  /// shipments not selected into `recorder` and returns how many. The stream starts asleep.
  /// With a `trace`, its share of them is drawn from their classes into it (with the trace's
  /// own random numbers: the run's draws are the same with or without it).
  std::uint64_t begin_slice(SimTime from, SimTime to, double expected, CustomsRecorder& recorder, ShipmentTrace* trace);
  /// Ends the current aggregated slice at `now` (if any): counts the selections refused
  /// while asleep into `recorder` at the slice's start, and returns how many; a `trace`
  /// samples them as begin_slice's, at times while the stream slept.
  std::uint64_t end_slice(SimTime now, CustomsRecorder& recorder, ShipmentTrace* trace);

  bool in_slice() const { return in_slice_; }
  SimTime slice_from() const { return slice_from_; }
  SimTime slice_to() const { return slice_to_; }
  bool awake() const { return awake_; }
  /// Whether selections are presented one by one: awake, or asleep with a finite bar.
  bool presenting() const { return awake_ || std::isfinite(bar_); }
  /// Changes whenever a pending selection event goes stale (sleep, a new bar, wake, slice
  /// start and end).
  std::uint32_t generation() const { return generation_; }
  /// The line is full at `now` with `bar` (infinite unless ranked), or the bar changed: the
  /// selections of the last bar's interval not presented are counted into `recorder`, refused,
  /// and their number returned.
  std::uint64_t sleep(SimTime now, double bar, CustomsRecorder& recorder, ShipmentTrace* trace);
  std::uint64_t wake(SimTime now, CustomsRecorder& recorder, ShipmentTrace* trace);
  /// The time of the next candidate selection after `now`, if before the slice's end.
  std::optional<SimTime> next_selected(SimTime now);
  /// The candidate at `now`: a selected shipment drawn from its class (asleep: one that passes
  /// the bar), or empty when the candidate is thinned out.
  std::optional<SelectedShipment> selected_shipment(SimTime now);
  /// The selected high-risk shipments whose entry is filed first (a filing delay): a Poisson
  /// process that never sleeps, since the line they meet is the one after the delay. Its
  /// pending event is stale once steady_generation() changes (slice start and end).
  std::uint32_t steady_generation() const { return steady_generation_; }
  std::optional<SimTime> next_filed(SimTime now);
  std::optional<SelectedShipment> filed_shipment(SimTime now);
  /// The audited shipments (policies.audit): a Poisson process that never sleeps either,
  /// since the audit's line is never full; stale as the filed one's.
  std::optional<SimTime> next_audited(SimTime now);
  std::optional<SelectedShipment> audited_shipment(SimTime now);

  const ShipmentClasses& classes() const { return classes_; }

 private:
  struct PendingSeller {
    std::uint32_t seller;
    SimTime at;
    bool finding;  // else a sanction
  };
  // Where the selections refused by the full line were counted from: the sleeping time with
  // no bar (one count per slice), or one interval of a finite bar (`ranked`, `salt` > 0).
  struct Refusals {
    std::span<const std::pair<SimTime, SimTime>> when;
    double seconds = 0.0;
    std::uint32_t salt = 0;
    const RankedAdmission* ranked = nullptr;
  };
  // Each class's Poisson count of the slice, not selected (the whole slice) or selected and
  // refused (`refusals`), each from a generator of the class-hour's own (and interval's).
  void count_classes(const Refusals* refusals);
  Xoshiro256 class_draws(std::uint64_t stream_seed, std::size_t i, std::uint32_t salt) const;
  std::uint64_t flush(CustomsRecorder& recorder, SimTime at, const Refusals* refusals, ShipmentTrace* trace);
  // Ends the sleeping interval at `now`: a finite bar's refusals counted now, else its time
  // kept for the slice's end.
  std::uint64_t close_asleep(SimTime now, CustomsRecorder& recorder, ShipmentTrace* trace);
  // Shipment i of class k whose trace record is sampled: value (from `declared`), seller and
  // arrival time from the trace's stream (uniform in the slice, or in `refusals` when refused).
  void trace_sampled(const ShipmentClass& k, const TruncatedLogNormal& declared, SelectionReason reason,
                     const Refusals* refusals, ShipmentTrace& trace);
  // The reason of one selection of class i that targeting does not make, from g: the random
  // sample, its post's prioritized selection or the formal-entry rule, by their shares.
  SelectionReason untargeted_reason(std::size_t i, Xoshiro256& g) const;
  // A selected shipment of class i drawn with g: targeted, or the random sample's or the
  // formal-entry rule's (by their shares).
  SelectedShipment selected_of(std::size_t i, const TruncatedLogNormal& declared, SimTime now, Xoshiro256& g);
  std::optional<SimTime> next_candidate(SimTime now, double chance, Xoshiro256& g) const;
  // Candidate i of a selected process at `now`: thinned by keep(), else drawn from its class.
  std::optional<SelectedShipment> candidate_shipment(std::size_t i, SimTime now, Xoshiro256& g);
  ShipmentRecord record_of(const ShipmentClass& k, const TruncatedLogNormal& declared, SimTime at, Xoshiro256& g);
  double duty_usd(const ShipmentClass& k, const TruncatedLogNormal& declared, std::uint64_t shipments, Xoshiro256& g);
  std::uint32_t draw_seller(const ShipmentClass& k, Xoshiro256& g);

  const CustomsModelConfig* config_;
  std::uint32_t stream_;
  SellerMarket* sellers_;
  // Streams apart, so that what one part draws does not shift another's draws between two
  // scenarios compared with common random numbers (decision 0016): the seeds of
  // "aggregate/<s>" and "aggregate_values/<s>" (class counts and their values), and
  // "aggregate_refused/<s>" and "aggregate_refused_values/<s>" (selections refused by the full
  // line), from which each class-hour seeds generators of its own;
  // "aggregate_selected/<s>" (the selected process, drawn one by one); and "trace_values/<s>",
  // which only a trace draws from.
  std::uint64_t count_seed_, refused_seed_, values_seed_, refused_values_seed_;
  Xoshiro256 selected_g_, trace_g_;
  Xoshiro256 filed_g_;  // "aggregate_filed/<s>": the selected high-risk entries filed first
  Xoshiro256 audit_g_;  // "aggregate_audit/<s>": the audited shipments
  Xoshiro256 ranked_g_;  // "aggregate_ranked/<s>": selections that pass a full ranked line's bar
  std::optional<RankedAdmission> ranked_;  // a bounded risk-ranked line only
  double bar_ = std::numeric_limits<double>::infinity();
  std::uint32_t bars_ = 0;  // intervals of a finite bar counted in the slice
  std::uint32_t drawn_since_bar_ = 0;  // candidates of the current bar's table
  static constexpr std::uint32_t kStaleAfter = 64;
  SellerMoments moments_;
  ShipmentClasses classes_;
  double max_multiplier_ = 1.0;
  std::vector<std::uint32_t> history_members_;  // the sellers with a history, in no order
  std::vector<std::uint32_t> member_at_;        // a seller's place in history_members_ (when it has one)
  void add_history_member(std::uint32_t seller);
  // The sellers' moments and history list at the start (aggregated_sellers.cpp).
  void init_sellers(const CustomsModelConfig& config, std::uint32_t s, const SellerMarket& sellers);
  std::vector<PendingSeller> pending_;
  bool sellers_changed_ = false;
  std::vector<std::uint32_t> counts_;    // per class, until flushed
  std::vector<std::uint32_t> touched_;   // classes with a count
  bool in_slice_ = false, awake_ = false;
  SimTime slice_from_, slice_to_, asleep_since_;
  double per_second_ = 0.0;     // expected shipments per second in the slice
  double asleep_seconds_ = 0.0;
  std::vector<std::pair<SimTime, SimTime>> asleep_;  // the slice's sleeping intervals, for a trace
  std::uint32_t generation_ = 0;
  std::uint32_t steady_generation_ = 0;
  PostCompliance* posts_ = nullptr;  // where scored posts' items are counted (their terms: classes_.posts())
  std::uint64_t refused_at_border_ = 0;
};

}  // namespace cisim
