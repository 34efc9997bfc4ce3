// SPDX-License-Identifier: MIT
// CustomsRun: the aggregated path's handlers (AggregatedStream, docs/performance.md).
#include "customs_run.hpp"

namespace cisim::detail {

std::optional<PerShipmentReason> CustomsRun::aggregate_slice(std::uint32_t s, SimTime from, SimTime to, double expected) {
  AggregatedStream& a = *aggregated_[s];
  end_aggregated_slice(s);
  a.apply_sellers();
  const SimTime warmup_end = SimTime::start() + config_.warmup;
  HourFacts hour;
  hour.expected_shipments = expected;
  hour.blitz_in_force = blitzes_.slice_in_force();
  hour.warmup_ends = from < warmup_end && to > warmup_end;
  // The rules' row comes last: asking it builds the classes, which only hours that may be
  // counted by class should do.
  if (auto reason = hour_per_shipment_reason(hour)) return reason;
  hour.rules_change = !a.can_aggregate(from, to);
  if (auto reason = hour_per_shipment_reason(hour)) return reason;
  const std::uint64_t counted = a.begin_slice(from, to, expected, recorder_, from >= trace_from_ ? trace_ : nullptr);
  ledger_arrived_ += counted;
  ledger_released_ += counted;
  ledger_counted_by_class_ += counted;
  if (pools_[config_.streams[s].facility].has_room()) wake_selection(s, from);
  if (const auto at = a.next_filed(from)) sim_.schedule_at(*at, HighRiskArrival{s, a.filed_generation()});
  return std::nullopt;
}

void CustomsRun::end_aggregated_slice(std::uint32_t s) {
  if (!aggregated_[s] || !aggregated_[s]->in_slice()) return;
  AggregatedStream& a = *aggregated_[s];
  const SimTime slice_from = a.slice_from();
  const std::uint64_t refused = a.end_slice(sim_.now(), recorder_, slice_from >= trace_from_ ? trace_ : nullptr);
  ledger_arrived_ += refused;
  ledger_released_ += refused;
  ledger_counted_by_class_ += refused;
  // Refusals of the warm-up are forgotten with it.
  if (refused > 0 && slice_from >= SimTime::start() + config_.warmup) {
    pools_[config_.streams[s].facility].refuse(sim_.now(), refused);
  }
}

void CustomsRun::wake_selection(std::uint32_t s, SimTime now) {
  AggregatedStream& a = *aggregated_[s];
  a.wake(now);
  if (const auto at = a.next_selected(now)) sim_.schedule_at(*at, SelectedArrival{s, a.generation()});
}

void CustomsRun::sync_selection(std::size_t f) {
  if (aggregated_at_[f].empty()) return;
  const bool room = pools_[f].has_room();
  for (const std::uint32_t s : aggregated_at_[f]) {
    AggregatedStream& a = *aggregated_[s];
    if (!a.in_slice() || a.awake() == room) continue;
    if (room) {
      wake_selection(s, sim_.now());
    } else {
      a.sleep(sim_.now());
    }
  }
}

void CustomsRun::on(const SelectedArrival& e) {
  AggregatedStream& a = *aggregated_[e.stream];
  if (e.generation != a.generation()) return;  // stale: it slept, or its slice ended
  if (auto selected = a.selected_shipment(sim_.now())) present_selected(*selected);
  if (a.awake()) {
    if (const auto at = a.next_selected(sim_.now())) sim_.schedule_at(*at, SelectedArrival{e.stream, a.generation()});
  }
}

void CustomsRun::on(const HighRiskArrival& e) {
  AggregatedStream& a = *aggregated_[e.stream];
  if (e.generation != a.filed_generation()) return;  // stale: its slice ended
  if (auto selected = a.filed_shipment(sim_.now())) present_selected(*selected);
  if (const auto at = a.next_filed(sim_.now())) sim_.schedule_at(*at, HighRiskArrival{e.stream, a.filed_generation()});
}

void CustomsRun::present_selected(SelectedShipment& selected) {
  ShipmentRecord& r = selected.record;
  bool has_data = selected.has_data;
  const bool high_risk = selected.high_risk;
  const CustomsStream& stream = config_.streams[r.stream];
  // The class decided the formal-entry rule (its value interval is cut at the rule's score).
  if (high_risk) has_data = true;  // a formal entry files full data
  const EntryDecision d = rules_.classify(r, stream.mode, high_risk, Entry::Own);
  if (trace_) r.entry = entry_kind(d, has_data, high_risk, Entry::Own);
  if (rules_.entry_files_data(d)) has_data = true;
  CISIM_ASSERT(r.reason != SelectionReason::Targeted || targeting_.targets(r, stream.mode, has_data, has_data && seller_has_history(r)),
               "an aggregated class selected a shipment that targeting would not");
  const ArrivalFacts facts = arrival_facts(d, has_data, high_risk, r.carried);
  recorder_.at_arrival(r, [&](CustomsTally& t) { count_arrivals(t, facts, 1, r.items, d.duty_usd); });
  ++ledger_arrived_;
  // A formal entry is presented once it is filed (enter_inline's rule).
  if (high_risk && config_.policies.formal_entry.filing_delay > Duration::zero()) {
    sim_.schedule_at(r.arrived + config_.policies.formal_entry.filing_delay, ShipmentPresented{allocate(r)});
  } else {
    on(ShipmentPresented{allocate(r)});
  }
}

void CustomsRun::record_finding(const ShipmentRecord& r, SimTime now) {
  if (aggregated_[r.drawn_stream]) {
    aggregated_[r.drawn_stream]->record_finding(r.seller, now);
  } else {
    draws_[r.drawn_stream]->sellers.record_finding(r.seller, now);
  }
}

void CustomsRun::record_sanction(const ShipmentRecord& r) {
  if (aggregated_[r.drawn_stream]) {
    aggregated_[r.drawn_stream]->record_sanction(r.seller);
  } else {
    draws_[r.drawn_stream]->sellers.record_sanction(r.seller);
  }
}

}  // namespace cisim::detail
