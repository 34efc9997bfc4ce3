// SPDX-License-Identifier: MIT
// CustomsRun: one part of one replication of the customs model, its event handlers (private).
#pragma once

#include <algorithm>
#include <limits>
#include <memory>
#include <optional>

#include <fmt/core.h>

#include "cisim/base/assert.hpp"
#include "cisim/engine/simulation.hpp"
#include "model/aggregated/aggregated_stream.hpp"
#include "cisim/model/blitz_calendar.hpp"
#include "cisim/model/customs_model.hpp"
#include "cisim/model/customs_recorder.hpp"
#include "cisim/model/entry_rules.hpp"
#include "cisim/model/events.hpp"
#include "cisim/model/fulfillment.hpp"
#include "cisim/model/inspection.hpp"
#include "cisim/model/model_partition.hpp"
#include "cisim/model/officer_pool.hpp"
#include "cisim/model/officer_pool_recorder.hpp"
#include "cisim/model/officer_time_recorder.hpp"
#include "cisim/model/outcome.hpp"
#include "cisim/model/per_shipment_reason.hpp"
#include "cisim/model/post_compliance.hpp"
#include "cisim/model/release_program.hpp"
#include "cisim/model/shipment_trace.hpp"
#include "cisim/model/shipment_counts.hpp"
#include "cisim/model/shipment_draws.hpp"
#include "cisim/model/targeting.hpp"
#include "cisim/model/violator_displacement.hpp"

namespace cisim::detail {

inline const Duration kSlice = Duration::hours(1);

// Events: ArrivalSliceStarted (an hour of a stream's arrivals, each shipment entered and
// selected or released at once), ShipmentPresented (a selected shipment joins its facility's
// inspection line), InspectionCompleted (outcome and release), ShiftChanged (officers),
// SelectedArrival (the next selected shipment of an aggregated stream, docs/performance.md).
// The class is private to the model (customs_model.cpp runs it). This header holds the
// arrival of a shipment, its entry and selection (the per-shipment hot path, inlined);
// customs_run_inspection.cpp its presentation, inspection and release; and
// customs_run_aggregated.cpp the aggregated path's handlers.
class CustomsRun final : public ParcelSink {
 public:
  CustomsRun(const CustomsModelConfig& config, const RandomStreams& streams, const ModelPartition& part, ShipmentTrace* trace)
      : trace_(trace),
        config_(config),
        part_(part),
        sim_(streams),
        rules_(config),
        targeting_(config),
        blitzes_(config, days_covering(config.horizon)),
        release_program_(config, part.streams),
        inspection_(config, streams),
        fulfillment_(config, part.streams),
        recorder_(config, days_covering(config.horizon), part.streams),
        displacement_(config, part.streams, streams, days_covering(config.horizon)),
        posts_(config, streams),
        draws_(config.streams.size()),
        pool_recorders_(config.facilities.size(), nullptr),
        officer_time_(config.facilities.size(), nullptr) {
    // Every facility has a pool (indices stay the model's); only the part's own are observed
    // and get shift changes, and only its streams draw and arrive.
    for (std::size_t f = 0; f < config.facilities.size(); ++f) {
      pools_.emplace_back(on_duty_at(f, SimTime::start()), 1, config.facilities[f].waiting_limit);
    }
    for (const std::uint32_t f : part.facilities) {
      pool_recorders_[f] = &sim_.add_observer<OfficerPoolRecorder>();
      officer_time_[f] = &sim_.add_observer<OfficerTimeRecorder>(days_covering(config.horizon));
      pools_[f].add_observer(pool_recorders_[f], sim_.now());
      pools_[f].add_observer(officer_time_[f], sim_.now());
      schedule_officer_change(f);
    }
    watched_.assign(config.streams.size(), false);
    for (std::size_t s = 0; s < config.streams.size(); ++s) {
      watched_[s] = displacement_.tracks(static_cast<std::uint32_t>(s)) ||
                    posts_.may_score(config.streams[s].mode);
    }
    aggregated_.resize(config.streams.size());
    aggregated_at_.resize(config.facilities.size());
    stream_reason_.assign(config.streams.size(), std::nullopt);
    slice_reason_.assign(config.streams.size(), 0);
    for (const std::uint32_t s : part.streams) {
      draws_[s].emplace(config.streams[s], streams);
      sim_.schedule_at(SimTime::start(), ArrivalSliceStarted{s});
      const StreamFacts facts{&config, s, &draws_[s]->sellers, displacement_.tracks(s), posts_.may_score(config.streams[s].mode)};
      stream_reason_[s] = stream_per_shipment_reason(facts);
      if (stream_reason_[s]) continue;
      aggregated_[s] = std::make_unique<AggregatedStream>(config, s, targeting_, rules_, draws_[s]->sellers, streams);
      aggregated_at_[config.streams[s].facility].push_back(s);
    }
  }

  /// The part's events from the start to the horizon, then its conservation check.
  void simulate() {
    auto handle = [this](const ModelEvent& event) { std::visit([this](const auto& e) { on(e); }, event); };
    const SimTime warmup_end = SimTime::start() + config_.warmup;
    recorder_.measure_from(warmup_end);
    trace_from_ = warmup_end;
    sim_.run_until(warmup_end, handle);
    sim_.end_warmup();
    sim_.run_until(SimTime::start() + config_.horizon, handle);
    for (const std::uint32_t s : part_.streams) end_aggregated_slice(s);
    sim_.finish();
    check_conservation();
  }

  const ModelPartition& part() const { return part_; }
  const CustomsRecorder& recorder() const { return recorder_; }
  const BlitzCalendar& blitzes() const { return blitzes_; }
  const OfficerPoolRecorder& pool_recorder(std::size_t f) const { return *pool_recorders_[f]; }
  const OfficerTimeRecorder* officer_time(std::size_t f) const { return officer_time_[f]; }
  std::uint64_t events_processed() const { return sim_.events_processed(); }
  /// Shipments over the whole horizon (warm-up included), and those of them the aggregated
  /// path counted by class without drawing them one by one.
  std::uint64_t shipments_arrived() const { return ledger_arrived_; }
  std::uint64_t shipments_counted_by_class() const { return ledger_counted_by_class_; }
  /// Shipments entered one by one, by the reason their stream or hour kept the per-shipment
  /// path (selected shipments of aggregated hours are not among them).
  const PerShipmentCounts& drawn_one_by_one() const { return drawn_one_by_one_; }

 private:
  // ---- officers: base shifts plus blitz surges ----

  int on_duty_at(std::size_t f, SimTime t) const {
    return config_.facilities[f].officers.officers_at(t) + blitzes_.surge_officers(f, t);
  }

  void schedule_officer_change(std::size_t f) {
    const SimTime now = sim_.now();
    std::optional<SimTime> next = config_.facilities[f].officers.next_change_after(now);
    if (const auto surge = blitzes_.next_surge_change_after(f, now); surge && (!next || *surge < *next)) next = surge;
    if (next && *next <= SimTime::start() + config_.horizon) sim_.schedule_at(*next, ShiftChanged{static_cast<std::uint32_t>(f)});
  }

  void on(const ShiftChanged& e) {
    pools_[e.facility].set_on_duty(sim_.now(), on_duty_at(e.facility, sim_.now()));
    start_inspections(e.facility);
    schedule_officer_change(e.facility);
  }

  // ---- arrivals: one hour of a stream at a time ----

  void on(const ArrivalSliceStarted& e) {
    const CustomsStream& stream = config_.streams[e.stream];
    const SimTime from = sim_.now();
    const SimTime horizon = SimTime::start() + config_.horizon;
    const SimTime to = std::min(from + kSlice, horizon);
    const double seconds = (to - from).to_seconds();
    const double expected_events =
        stream.arrivals.rate_per_second() * stream.arrivals.multiplier_at(from) * rules_.demand_response(stream, from) * seconds;
    ShipmentDraws& d = *draws_[e.stream];
    Xoshiro256& g = d.arrivals;
    blitzes_.begin_slice(stream.facility, from, to);
    const bool moves = displacement_.moves(e.stream);
    if (moves) displacement_.update(e.stream, from);
    std::optional<PerShipmentReason> reason = stream_reason_[e.stream];
    if (!reason) {
      reason = aggregate_slice(e.stream, from, to, expected_events);
      if (!reason) {
        if (to < horizon) sim_.schedule_at(to, e);
        return;
      }
    }
    slice_reason_[e.stream] = static_cast<std::uint8_t>(*reason);
    const std::int64_t events = Poisson{expected_events}(g);
    for (std::int64_t i = 0; i < events; ++i) {
      // Given their number, Poisson arrival times in the hour are independent and uniform.
      const SimTime at = from + Duration::from_seconds(g.uniform01() * seconds);
      const std::int64_t shipments = stream.arrivals.batch(g);
      for (std::int64_t k = 0; k < shipments; ++k) {
        if (stream.fulfillment) {
          fulfillment_.order(e.stream, at, d, recorder_, *this);
        } else {
          bool has_data = true;
          ShipmentRecord r = draw_shipment(config_, e.stream, at, d, has_data);
          if (moves && r.carried) displacement_.route(r);
          enter_inline(r, has_data, Entry::Own);
        }
      }
    }
    if (to < horizon) sim_.schedule_at(to, e);
  }

  void enter(ShipmentRecord& r, bool has_data, Entry entry) override { enter_inline(r, has_data, entry); }

  // ---- the aggregated path (AggregatedStream, docs/performance.md) ----
  // The slice [from, to) of an aggregated stream, counted by class; or why it must take the
  // per-shipment path (an hour row of per_shipment_rules()). Defined in
  // customs_run_aggregated.cpp, as the rest of this section.
  std::optional<PerShipmentReason> aggregate_slice(std::uint32_t s, SimTime from, SimTime to, double expected);
  // The selections a full line refused while the stream slept, counted at the slice's end.
  void end_aggregated_slice(std::uint32_t s);
  void wake_selection(std::uint32_t s, SimTime now);
  // The line of facility f filled up or found room: its aggregated streams sleep or wake.
  void sync_selection(std::size_t f);
  void on(const SelectedArrival& e);
  void on(const HighRiskArrival& e);
  // A selected shipment of an aggregated stream: counted at arrival as enter_inline counts
  // it, then presented (its class fixed its selection): at once, or once its formal entry
  // is filed.
  void present_selected(SelectedShipment& selected);
  void record_finding(const ShipmentRecord& r, SimTime now);
  void record_sanction(const ShipmentRecord& r);

  // Entry, counting, selection and release of one shipment at r.arrived (docs/model.md,
  // "Entry types", "Selection order"). Always inlined: it is the per-shipment hot path, and
  // most of its branches fold away for ordinary shipments (Entry::Own).
  [[gnu::always_inline]] inline void enter_inline(ShipmentRecord& r, bool has_data, Entry entry) {
    const CustomsStream& stream = config_.streams[r.stream];
    const std::size_t f = stream.facility;
    const auto& policy = config_.policies;
    r.bulk_entry = entry == Entry::BulkEntry;
    // Streams that displacement observes or whose posts may be scored: one test for the rest.
    const bool watched = watched_[r.stream];
    PostMeasure post = PostMeasure::None;
    if (watched) [[unlikely]] {
      if (r.carried) displacement_.arrived(r);
      // A scored foreign post (EO 13904): its measures, and its improved data when asked for it.
      if (posts_.scores(stream.mode, r.origin)) {
        post = posts_.measure(r.origin, r.arrived);
        has_data = posts_.arrive(r.origin, post, has_data, stream.advance_data_share);
      }
    }
    const bool refused = post == PostMeasure::Blocked || (post == PostMeasure::DataRequired && !has_data);
    // Formal entry for high-risk shipments: whatever the value, and with the full data a
    // formal entry files, which the targeting then sees.
    const bool high_risk = entry != Entry::BulkCovered && rules_.is_high_risk(r, [&] { return score(r, has_data); });
    if (high_risk) has_data = true;
    const EntryDecision d = rules_.classify(r, stream.mode, high_risk, entry);
    if (trace_) r.entry = entry_kind(d, has_data, high_risk, entry);
    // An entry files what advance data would have given (docs/model.md, "Entries bring data").
    if (rules_.entry_files_data(d)) has_data = true;
    // A release program replaces blitz selection: no blitz can select its shipments.
    if (stream.release_program) {
      eligible_.clear();
    } else {
      blitzes_.eligible(f, r.arrived, r.origin, r.category, eligible_);
    }
    ArrivalFacts facts = arrival_facts(d, has_data, high_risk, r.carried);
    facts.refused = refused;
    facts.bulk_entry = r.bulk_entry;
    facts.breakbulk = entry == Entry::BreakBulkParcel;
    facts.rerouted = watched && r.stream != r.drawn_stream;  // routes are watched
    recorder_.at_arrival(r, eligible_, [&](CustomsTally& t) { count_arrivals(t, facts, 1, r.items, d.duty_usd); });
    ++ledger_arrived_;
    ++drawn_one_by_one_[slice_reason_[r.drawn_stream]];
    if (refused) {
      ++ledger_refused_;  // held or blocked at the border: it never enters commerce
      if (trace_ && r.arrived >= trace_from_) trace_->refused(r, r.arrived);
      return;
    }
    if (stream.release_program) {
      // A release program decides when the shipment reaches the facility, after the outcomes
      // of earlier inspections are known (CSP-1 depends on them).
      r.reason = SelectionReason::Pending;
      sim_.schedule_at(r.arrived, ShipmentPresented{allocate(r)});
      return;
    }
    // One uniform per shipment for the random sample and the formal-entry rule's own share,
    // drawn whatever else selects it, so that a change that selects one shipment differently
    // does not shift the draws of the next (common random numbers; decision 0016). Given that
    // the sample did not take it (u >= rate), (u - rate) / (1 - rate) is uniform again.
    const double random_rate = policy.random_rate, rule_rate = policy.formal_entry.inspection_rate;
    const double u = random_rate > 0.0 || rule_rate > 0.0 ? draws_[r.stream]->selection.uniform01() : 1.0;
    r.reason = select(r, has_data, u < random_rate);
    if (r.reason == SelectionReason::None && post != PostMeasure::None && posts_.prioritized_selection(r.origin)) {
      r.reason = SelectionReason::Targeted;  // prioritized targeted inspection of a non-compliant post
    }
    if (r.reason == SelectionReason::None && high_risk && rule_rate > 0.0 && u - random_rate < rule_rate * (1.0 - random_rate)) {
      r.reason = SelectionReason::FormalEntryRule;
    }
    if (r.reason == SelectionReason::None) {
      if (trace_ && r.arrived >= trace_from_) trace_->released(r, r.arrived, false);
      release(r, 0, r.arrived);
      return;
    }
    // A formal entry is presented once it is filed.
    const std::uint32_t slot = allocate(r);
    sim_.schedule_at(high_risk ? r.arrived + policy.formal_entry.filing_delay : r.arrived, ShipmentPresented{slot});
  }

  // Blitz first (each blitz that may select it, in scenario order), then targeting, then
  // the random compliance sample (`sampled`: its draw, made by the caller).
  SelectionReason select(ShipmentRecord& r, bool has_data, bool sampled) {
    Xoshiro256& g = draws_[r.stream]->selection;
    for (const std::size_t b : eligible_) {
      const Blitz& blitz = config_.blitzes[b];
      const bool chosen = blitz.daily_count ? blitzes_.take_daily_quota(b, config_.streams[r.stream].facility, r.arrived)
                                            : g.uniform01() < blitz.selection_rate.value_or(0.0);
      if (chosen) {
        r.blitz = static_cast<std::int16_t>(b);
        return SelectionReason::Blitz;
      }
    }
    if (targeting_.enabled() && targeting_.targets(r, config_.streams[r.stream].mode, has_data, has_data && seller_has_history(r))) {
      return SelectionReason::Targeted;
    }
    if (sampled) return SelectionReason::Random;
    return SelectionReason::None;
  }

  bool seller_has_history(const ShipmentRecord& r) const {
    return r.seller != kNoSeller && draws_[r.drawn_stream]->sellers.has_history(r.seller);
  }
  double score(const ShipmentRecord& r, bool has_data) const {
    return targeting_.score(r, config_.streams[r.stream].mode, has_data, seller_has_history(r));
  }

  // ---- inspection ----

  void on(const ShipmentPresented& e);

  void start_inspections(std::size_t f);

  void on(const InspectionCompleted& e);

  // A shipment leaves cisim's custody at `at`; violations it still carries unfound are leakage.
  void release(const ShipmentRecord& r, ViolationSet found, SimTime at) {
    const bool leaked = leaks(r, found);
    recorder_.at_event(r, at, [&](CustomsTally& t) { count_releases(t, 1, leaked ? 1 : 0); });
    ++ledger_released_;
  }

  // ---- shipments in the system ----

  std::uint32_t allocate(const ShipmentRecord& r) {
    if (!free_.empty()) {
      const std::uint32_t slot = free_.back();
      free_.pop_back();
      slots_[slot] = r;
      return slot;
    }
    CISIM_ASSERT(slots_.size() < std::numeric_limits<std::uint32_t>::max(), "more shipments in the system than slots");
    slots_.push_back(r);
    return static_cast<std::uint32_t>(slots_.size() - 1);
  }
  void free_slot(std::uint32_t slot) { free_.push_back(slot); }

  void check_conservation() const;

  ShipmentTrace* trace_;  // null unless --trace
  SimTime trace_from_;    // the end of the warm-up: the trace holds the measured window
  const CustomsModelConfig& config_;
  const ModelPartition& part_;
  Simulation<ModelEvent> sim_;
  EntryRules rules_;
  Targeting targeting_;
  BlitzCalendar blitzes_;
  ReleaseProgram release_program_;
  Inspection inspection_;
  Fulfillment fulfillment_;
  CustomsRecorder recorder_;
  ViolatorDisplacement displacement_;
  PostCompliance posts_;
  std::vector<char> watched_;  // per stream: displacement counts it, or its posts may be scored
  std::vector<std::optional<ShipmentDraws>> draws_;  // per stream; the part's own only
  std::vector<std::unique_ptr<AggregatedStream>> aggregated_;  // per stream; null: per shipment
  std::vector<std::vector<std::uint32_t>> aggregated_at_;      // per facility: its aggregated streams
  std::vector<OfficerPool> pools_;                    // per facility
  std::vector<OfficerPoolRecorder*> pool_recorders_;  // per facility; the part's own only
  std::vector<OfficerTimeRecorder*> officer_time_;    // per facility; the part's own only
  std::vector<std::size_t> eligible_;  // blitzes that may select the shipment being entered
  std::vector<ShipmentRecord> slots_;
  std::vector<std::uint32_t> free_;
  std::uint64_t ledger_arrived_ = 0, ledger_released_ = 0, ledger_seized_ = 0, ledger_abandoned_ = 0, ledger_refused_ = 0;
  std::uint64_t ledger_counted_by_class_ = 0;  // of ledger_arrived_: never drawn one by one
  std::vector<std::optional<PerShipmentReason>> stream_reason_;  // per stream: why it is never aggregated
  std::vector<std::uint8_t> slice_reason_;  // per stream: why its current hour is drawn one by one
  PerShipmentCounts drawn_one_by_one_{};
};

}  // namespace cisim::detail
