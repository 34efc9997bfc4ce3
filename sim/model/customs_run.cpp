// SPDX-License-Identifier: MIT
// CustomsRun: a shipment's life in the order of docs/model.md: the hour of its stream, its entry
// and selection, its presentation, inspection and release; then the conservation check.
#include "customs_run.hpp"

#include <algorithm>
#include <limits>

#include <fmt/core.h>

#include "cisim/base/assert.hpp"
#include "cisim/model/outcome.hpp"
#include "model/aggregated/aggregated_source.hpp"
#include "model/drawn_source.hpp"
#include "model/shipment_counts.hpp"

namespace cisim::detail {
namespace {

const Duration kSlice = Duration::hours(1);

}  // namespace

CustomsRun::CustomsRun(const CustomsModelConfig& config, const RandomStreams& streams, const ModelPartition& part,
                       ShipmentTrace* trace)
    : trace_(trace),
      trace_from_(SimTime::start() + config.warmup),
      audits_(config.policies.audit_rate.max() > 0.0),
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
      sources_(config.streams.size()),
      aggregated_(config.streams.size(), false),
      aggregated_at_(config.facilities.size()),
      pool_recorders_(config.facilities.size(), nullptr),
      officer_time_(config.facilities.size(), nullptr) {
  // Only the part's own facilities have a pool (indices stay the model's): a pool for every
  // facility in every part made memory grow with the square of their number (issue 28). Only
  // they are observed and get shift changes, and only its streams draw and arrive.
  // With a random audit, its examinations have a line of their own, ahead of the others and
  // not bounded by the waiting limit (docs/model.md, "Random audit").
  const bool audit = config.policies.audit_rate.max() > 0.0;
  pools_.resize(config.facilities.size());
  for (const std::uint32_t f : part.facilities) {
    pools_[f] = std::make_unique<OfficerPool>(on_duty_at(f, SimTime::start()), audit ? 2 : 1, config.facilities[f].waiting_limit);
    if (audit) pools_[f]->exempt_from_limit(1);
    // A risk-ranked line orders the class that holds targeted selections by score.
    if (config.policies.targeting.ranked_line) pools_[f]->rank_class(audit ? 1 : 0);
  }
  for (const std::uint32_t f : part.facilities) {
    pool_recorders_[f] = &sim_.add_observer<OfficerPoolRecorder>();
    officer_time_[f] = &sim_.add_observer<OfficerTimeRecorder>(days_covering(config.horizon));
    pools_[f]->add_observer(pool_recorders_[f], sim_.now());
    pools_[f]->add_observer(officer_time_[f], sim_.now());
    schedule_officer_change(f);
  }
  watched_.assign(config.streams.size(), false);
  for (std::size_t s = 0; s < config.streams.size(); ++s) {
    watched_[s] = displacement_.tracks(static_cast<std::uint32_t>(s)) || posts_.may_score(config.streams[s].mode);
  }
  // Each of the part's streams gets its source: drawn when a stream row of the table of
  // eligibility applies (its reason), else aggregated.
  for (const std::uint32_t s : part.streams) {
    ShipmentDraws& d = draws_[s].emplace(config.streams[s], streams);
    const std::optional<PerShipmentReason> reason = stream_per_shipment_reason({&config, s, &d.sellers, displacement_.tracks(s)});
    // An aggregated stream's hours that a row keeps one by one are drawn with their reason.
    DrawnSource drawn{config, s, d, reason.value_or(PerShipmentReason::Exact), fulfillment_, displacement_, recorder_, *this};
    if (reason) {
      sources_[s] = std::make_unique<DrawnSource>(std::move(drawn));
    } else {
      sources_[s] = std::make_unique<AggregatedSource>(config, s, targeting_, rules_, d, streams, posts_, std::move(drawn),
                                                       recorder_, trace_, *this);
      aggregated_at_[config.streams[s].facility].push_back(s);
      aggregated_[s] = true;
    }
    sim_.schedule_at(SimTime::start(), ArrivalSliceStarted{s});
  }
}

void CustomsRun::simulate() {
  auto handle = [this](const ModelEvent& event) { std::visit([this](const auto& e) { on(e); }, event); };
  recorder_.measure_from(trace_from_);
  sim_.run_until(trace_from_, handle);
  sim_.end_warmup();
  sim_.run_until(SimTime::start() + config_.horizon, handle);
  for (const std::uint32_t s : part_.streams) sources_[s]->end_hour(sim_.now());
  sim_.finish();
  check_conservation();
}

PerShipmentCounts CustomsRun::drawn_one_by_one() const {
  PerShipmentCounts counts{};
  for (const std::uint32_t s : part_.streams) {
    const PerShipmentCounts& c = sources_[s]->drawn_one_by_one();
    for (std::size_t k = 0; k < counts.size(); ++k) counts[k] += c[k];
  }
  return counts;
}

// ---- officers: base shifts plus blitz surges ----

int CustomsRun::on_duty_at(std::size_t f, SimTime t) const {
  return config_.facilities[f].officers.officers_at(t) + blitzes_.surge_officers(f, t);
}

void CustomsRun::schedule_officer_change(std::size_t f) {
  const SimTime now = sim_.now();
  std::optional<SimTime> next = config_.facilities[f].officers.next_change_after(now);
  if (const auto surge = blitzes_.next_surge_change_after(f, now); surge && (!next || *surge < *next)) next = surge;
  if (next && *next <= SimTime::start() + config_.horizon) sim_.schedule_at(*next, ShiftChanged{static_cast<std::uint32_t>(f)});
}

void CustomsRun::on(const ShiftChanged& e) {
  pool(e.facility).set_on_duty(sim_.now(), on_duty_at(e.facility, sim_.now()));
  start_inspections(e.facility);
  schedule_officer_change(e.facility);
}

// ---- 1. arrival: one hour of a stream at a time, drawn or counted by its source ----

void CustomsRun::on(const ArrivalSliceStarted& e) {
  const CustomsStream& stream = config_.streams[e.stream];
  const SimTime horizon = SimTime::start() + config_.horizon;
  StreamHour hour;
  hour.from = sim_.now();
  hour.to = std::min(hour.from + kSlice, horizon);
  hour.expected_arrivals = stream.arrivals.rate_per_second() * stream.rate_scale.at(hour.from) * stream.arrivals.multiplier_at(hour.from) *
                           rules_.demand_response(stream, hour.from) * (hour.to - hour.from).to_seconds();
  blitzes_.begin_slice(stream.facility, hour.from, hour.to);
  hour.blitz_in_force = blitzes_.slice_in_force();
  hour.warmup_ends = hour.from < trace_from_ && hour.to > trace_from_;
  if (displacement_.moves(e.stream)) displacement_.update(e.stream, hour.from);
  if (posts_.may_score(stream.mode) && aggregated_[e.stream]) post_terms(e.stream, hour);
  sources_[e.stream]->hour(hour);
  if (hour.to < horizon) sim_.schedule_at(hour.to, e);
}

void CustomsRun::post_terms(std::uint32_t s, StreamHour& hour) {
  for (const std::uint32_t other : part_.streams) {
    if (posts_.may_score(config_.streams[other].mode)) sources_[other]->end_hour(hour.from);
  }
  const CustomsStream& stream = config_.streams[s];
  hour.posts.resize(config_.origins.size());
  for (std::size_t o = 0; o < hour.posts.size(); ++o) {
    const auto origin = static_cast<std::uint16_t>(o);
    if (stream.origin_mix[o] == 0.0 || !posts_.scores(stream.mode, origin)) continue;
    hour.posts[o] = PostTerms{posts_.measure(origin, hour.from), posts_.data_share(origin, stream.advance_data_share.at(hour.from))};
  }
  hour.post_quarter_ends = posts_.quarter_end() > hour.from && posts_.quarter_end() < hour.to;
}

void CustomsRun::counted_by_class(std::uint64_t arrived, std::uint64_t refused, std::uint64_t line_refused,
                                  std::uint32_t facility, SimTime from, SimTime now) {
  ledger_arrived_ += arrived;
  ledger_released_ += arrived - refused;
  ledger_refused_ += refused;
  ledger_counted_by_class_ += arrived;
  // Refusals of the warm-up are forgotten with it.
  if (line_refused > 0 && from >= trace_from_) pool(facility).refuse(now, line_refused);
}

// ---- 2. entry and selection (docs/model.md, "Entry types", "Selection order") ----

// Blitz first (each blitz that may select it, in scenario order), then targeting, then
// the random compliance sample (`sampled`: its draw, made by the caller).
[[gnu::always_inline]] inline SelectionReason CustomsRun::select(ShipmentRecord& r, bool has_data, bool sampled) {
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

// Inlined: it is on the per-shipment path, once per shipment drawn.
[[gnu::always_inline]] inline void CustomsRun::count_entry(ShipmentRecord& r, bool& has_data, bool high_risk, Entry entry, bool refused, bool rerouted) {
  if (high_risk) has_data = true;
  const EntryDecision d = rules_.classify(r, config_.streams[r.stream].mode, high_risk, entry);
  // The trace and the audit's scope by entry channel read it.
  const EntryKind de_minimis_as = de_minimis_kind(config_.streams[r.stream].de_minimis_entry, has_data);
  if (trace_ || audits_) r.entry = entry_kind(d, de_minimis_as, high_risk, entry);
  // An entry files what advance data would have given (docs/model.md, "Entries bring data").
  if (rules_.entry_files_data(d)) has_data = true;
  ArrivalFacts facts = arrival_facts(d, de_minimis_as == EntryKind::Type86, high_risk, r.carried);
  facts.refused = refused;
  facts.bulk_entry = r.bulk_entry;
  facts.breakbulk = entry == Entry::BreakBulkParcel;
  facts.rerouted = rerouted;
  recorder_.at_arrival(r, eligible_, [&](CustomsTally& t) { count_arrivals(t, facts, 1, r.items, d.duty_usd); });
  ++ledger_arrived_;
}

// The reason a shipment entered as `r` is selected, or None (docs/model.md, "Selection order").
[[gnu::always_inline]] inline SelectionReason CustomsRun::selection_reason(ShipmentRecord& r, bool has_data, bool high_risk,
                                                                           PostMeasure post) {
  // One uniform per shipment for the audit, the random sample and the formal-entry rule's
  // own share, drawn whatever else selects it, so that a change that selects one shipment
  // differently does not shift the draws of the next (common random numbers; decision 0016).
  // The audit comes first, before any other selection; given that it did not take the
  // shipment (u >= audit rate), (u - rate) / (1 - rate) is uniform again, and so on.
  const CustomsPolicies& policy = config_.policies;
  // A dated audit rate: the draw is made whenever any date audits, so the rate's dates do not
  // shift the draws.
  const double audit_rate = audits_ ? policy.audit_rate.at(r.arrived) : 0.0, random_rate = policy.random_rate,
               rule_rate = policy.formal_entry.inspection_rate;
  double u = audits_ || random_rate > 0.0 || rule_rate > 0.0 ? draws_[r.stream]->selection.uniform01() : 1.0;
  if (audit_rate > 0.0) [[unlikely]] {
    if (u < audit_rate) return SelectionReason::Audit;
    u = (u - audit_rate) / (1.0 - audit_rate);
  }
  const SelectionReason reason = select(r, has_data, u < random_rate);
  if (reason != SelectionReason::None) return reason;
  // Prioritized targeted inspection of a non-compliant post's items.
  if (post != PostMeasure::None && posts_.prioritized_selection(r.origin)) return SelectionReason::Targeted;
  if (high_risk && rule_rate > 0.0 && u - random_rate < rule_rate * (1.0 - random_rate)) return SelectionReason::FormalEntryRule;
  return SelectionReason::None;
}

void CustomsRun::enter(ShipmentRecord& r, bool has_data, Entry entry) {
  const CustomsStream& stream = config_.streams[r.stream];
  r.bulk_entry = entry == Entry::BulkEntry;
  // Streams that displacement observes or whose posts may be scored: one test for the rest.
  const bool watched = watched_[r.stream];
  PostMeasure post = PostMeasure::None;
  if (watched) [[unlikely]] {
    if (r.carried) displacement_.arrived(r);
    // A scored foreign post (EO 13904): its measures, and its improved data when asked for it.
    if (posts_.scores(stream.mode, r.origin)) {
      post = posts_.measure(r.origin, r.arrived);
      has_data = posts_.arrive(r.origin, post, has_data, stream.advance_data_share.at(r.arrived));
    }
  }
  const bool refused = post == PostMeasure::Blocked || (post == PostMeasure::DataRequired && !has_data);
  // Formal entry for high-risk shipments: whatever the value, and with the full data a
  // formal entry files, which the targeting then sees.
  const bool high_risk = entry != Entry::BulkCovered && rules_.is_high_risk(r, [&] { return score(r, has_data); });
  // A release program replaces blitz selection: no blitz can select its shipments.
  if (stream.release_program) {
    eligible_.clear();
  } else {
    blitzes_.eligible(stream.facility, r.arrived, r.origin, r.category, eligible_);
  }
  count_entry(r, has_data, high_risk, entry, refused, watched && r.stream != r.drawn_stream);
  if (refused) {
    ++ledger_refused_;  // held or blocked at the border: it never enters commerce
    if (traced(r.arrived)) trace_->refused(r, r.arrived);
    return;
  }
  if (stream.release_program) {
    // A release program decides when the shipment reaches the facility, after the outcomes
    // of earlier inspections are known (CSP-1 depends on them).
    r.reason = SelectionReason::Pending;
    sim_.schedule_at(r.arrived, ShipmentPresented{allocate(r)});
    return;
  }
  r.reason = selection_reason(r, has_data, high_risk, post);
  rank(r, has_data);
  if (r.reason == SelectionReason::None) {
    if (traced(r.arrived)) trace_->released(r, r.arrived, false);
    release(r, 0, r.arrived);
    return;
  }
  // A formal entry is presented once it is filed.
  const std::uint32_t slot = allocate(r);
  sim_.schedule_at(high_risk ? r.arrived + config_.policies.formal_entry.filing_delay : r.arrived, ShipmentPresented{slot});
}

// A selected shipment of an aggregated class: its class decided its selection (no blitz is in
// force in an aggregated hour) and the formal-entry rule; it is entered as enter() enters.
void CustomsRun::present_selected(SelectedShipment& selected) {
  ShipmentRecord& r = selected.record;
  bool has_data = selected.has_data;
  const CustomsStream& stream = config_.streams[r.stream];
  // A scored post's item counts toward its quarter's score (the class gave its data).
  if (posts_.scores(stream.mode, r.origin)) posts_.count_items(r.origin, posts_.measure(r.origin, r.arrived), 1, has_data ? 1 : 0);
  eligible_.clear();
  count_entry(r, has_data, selected.high_risk, Entry::Own, false, false);
  CISIM_ASSERT(r.reason != SelectionReason::Targeted || selected.prioritized ||
                   targeting_.targets(r, stream.mode, has_data, has_data && seller_has_history(r)),
               "an aggregated class selected a shipment that targeting would not");
  rank(r, has_data);
  // A formal entry is presented once it is filed (enter's rule); any other at once.
  if (selected.high_risk && config_.policies.formal_entry.filing_delay > Duration::zero()) {
    sim_.schedule_at(r.arrived + config_.policies.formal_entry.filing_delay, ShipmentPresented{allocate(r)});
  } else {
    on(ShipmentPresented{allocate(r)});
  }
}

// ---- 3. presentation: the inspection line, or released uninspected when it is full ----

void CustomsRun::on(const ShipmentPresented& e) {
  ShipmentRecord& r = slots_[e.slot];
  const std::size_t f = config_.streams[r.stream].facility;
  if (r.reason == SelectionReason::Pending) {
    if (!release_program_.inspects(r, draws_[r.stream]->selection)) {
      r.reason = SelectionReason::None;
      if (traced(sim_.now())) trace_->released(r, sim_.now(), false);
      release(r, 0, sim_.now());
      free_slot(e.slot);
      return;
    }
    r.reason = SelectionReason::ReleaseProgram;
  }
  // Capacity-aware selection: with the waiting line full, the shipment goes uninspected.
  // The audit's line comes first (priority class 0); the others share the next one.
  // In a risk-ranked line the other selections go ahead of the targeted ones (an infinite score).
  const int priority = audits_ && r.reason != SelectionReason::Audit ? 1 : 0;
  const double rank = r.reason == SelectionReason::Targeted ? r.score : std::numeric_limits<double>::infinity();
  const bool accepted = pool(f).request(sim_.now(), InspectionRequest{e.slot, sim_.now(), priority, rank});
  recorder_.at_event(r, sim_.now(), [&](CustomsTally& t) {
    ++t[selected_count(r.reason)];
    if (!accepted) ++t[Count::SelectedNotInspected];
  });
  if (!accepted) {
    release_unexamined(e.slot);
    return;
  }
  // A higher-scored selection took the place of the lowest in a full risk-ranked line.
  if (const auto evicted = pool(f).pop_evicted()) [[unlikely]] {
    const auto slot = static_cast<std::uint32_t>(evicted->shipment);
    recorder_.at_event(slots_[slot], sim_.now(), [](CustomsTally& t) { ++t[Count::SelectedNotInspected]; });
    release_unexamined(slot);
  }
  start_inspections(f);
}

// A selection the full line turned away, or turned out for a higher score: released as it is.
void CustomsRun::release_unexamined(std::uint32_t slot) {
  const ShipmentRecord& r = slots_[slot];
  if (traced(sim_.now())) trace_->released(r, sim_.now(), true);
  release(r, 0, sim_.now());
  free_slot(slot);
}

void CustomsRun::start_inspections(std::size_t f) {
  while (auto started = pool(f).start_next(sim_.now())) {
    const auto slot = static_cast<std::uint32_t>(started->shipment);
    ShipmentRecord& r = slots_[slot];
    const std::size_t m = inspection_.choose_method(f, r);
    r.method = static_cast<std::uint8_t>(m);
    const double waited_hours = (sim_.now() - started->requested_at).to_hours();
    r.waited_hours = static_cast<float>(waited_hours);
    recorder_.at_event(r, sim_.now(), [&](CustomsTally& t) { t[Per::WaitHours].add(waited_hours); });
    sim_.schedule_in(inspection_.duration(f, m, r, sim_.now()), InspectionCompleted{static_cast<std::uint32_t>(f), slot});
  }
  line_changed(f);
}

void CustomsRun::line_changed(std::size_t f) {
  const bool room = pool(f).has_room();
  for (const std::uint32_t s : aggregated_at_[f]) sources_[s]->line_changed(room, sim_.now());
}

// ---- 4. inspection, outcome and release ----

void CustomsRun::on(const InspectionCompleted& e) {
  const std::size_t f = e.facility;
  const SimTime now = sim_.now();
  pool(f).finish(now);
  ShipmentRecord& r = slots_[e.slot];
  Xoshiro256 g = inspection_.inspection_draws(f);
  const Finding finding = inspection_.detect(f, r, g);
  const ViolationSet found = finding.found;
  const double dwell_hours = (now - r.arrived).to_hours();
  if (found && sent_by_seller(r)) sources_[r.drawn_stream]->seller_found(r.seller, now);
  release_program_.record(r, found != 0, r.seller == kNoSeller || sent_by_seller(r));
  const Outcome outcome = decide_outcome(r, found, config_.policies, rules_.duty_rate(r.category, r.origin), g);
  recorder_.at_event(r, now, [&](CustomsTally& t) {
    ++t[Count::Inspected];
    if (r.bulk_entry) ++t[Count::BulkEntriesInspected];
    t[Count::ItemsSampled] += static_cast<std::uint64_t>(finding.items_opened);
    if (found) {
      ++t[Count::FoundAny];
      for (int k = 0; k < kViolationKinds; ++k) {
        if (contains(found, static_cast<ViolationKind>(k))) ++t[cisim::found(static_cast<ViolationKind>(k))];
      }
    }
    t[Per::DwellHours].add(dwell_hours);
    if (outcome.interdicted) {
      ++t[outcome.abandoned ? Count::Abandoned : Count::Seized];
      if (!outcome.abandoned && contains(found, ViolationKind::Counterfeit)) ++t[Count::IprSeized];
      if (contains(r.carried, ViolationKind::Counterfeit)) ++t[Count::CounterfeitInterdicted];
    }
    t[Sum::DutiesCollectedUsd] += outcome.extra_duty_usd;
    t[Sum::PenaltiesUsd] += outcome.penalty_usd;
  });
  if (traced(now)) trace_->inspected(r, now, found, outcome);
  if (outcome.interdicted) displacement_.interdicted(r, now);
  if (posts_.scores(config_.streams[r.stream].mode, r.origin)) posts_.inspected(r.origin, found != 0, now);
  if ((outcome.interdicted || outcome.penalty_usd > 0.0) && sent_by_seller(r)) sources_[r.drawn_stream]->seller_sanctioned(r.seller);
  if (outcome.interdicted) {
    ++(outcome.abandoned ? ledger_abandoned_ : ledger_seized_);
    fulfillment_.after_seizure(r, now, g, recorder_);
  } else {
    release(r, found, now);
  }
  free_slot(e.slot);
  start_inspections(f);
}

// A shipment leaves cisim's custody at `at`; violations it still carries unfound are leakage.
void CustomsRun::release(const ShipmentRecord& r, ViolationSet found, SimTime at) {
  const bool leaked = leaks(r, found);
  recorder_.at_event(r, at, [&](CustomsTally& t) { count_releases(t, 1, leaked ? 1 : 0); });
  ++ledger_released_;
}

// ---- the shipments in the system, and their conservation ----

std::uint32_t CustomsRun::allocate(const ShipmentRecord& r) {
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

void CustomsRun::check_conservation() const {
  const std::uint64_t in_system = slots_.size() - free_.size();
  const std::uint64_t accounted = ledger_released_ + ledger_seized_ + ledger_abandoned_ + ledger_refused_ + in_system;
  if (accounted != ledger_arrived_) {
    throw ConservationError(fmt::format(
        "shipments not conserved at {} h: arrived {} != released {} + seized {} + abandoned {} + refused {} + in the system {}",
        sim_.now().since_start().to_hours(), ledger_arrived_, ledger_released_, ledger_seized_, ledger_abandoned_,
        ledger_refused_, in_system));
  }
}

}  // namespace cisim::detail
