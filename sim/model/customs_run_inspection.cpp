// SPDX-License-Identifier: MIT
// CustomsRun: a selected shipment's life from its presentation to its release (docs/model.md,
// "A shipment's life", steps 2 to 4), and the end-of-run conservation check.
#include "customs_run.hpp"

namespace cisim::detail {

void CustomsRun::on(const ShipmentPresented& e) {
  ShipmentRecord& r = slots_[e.slot];
  const std::size_t f = config_.streams[r.stream].facility;
  if (r.reason == SelectionReason::Pending) {
    if (!release_program_.inspects(r, draws_[r.stream]->selection)) {
      r.reason = SelectionReason::None;
      if (trace_ && sim_.now() >= trace_from_) trace_->released(r, sim_.now(), false);
      release(r, 0, sim_.now());
      free_slot(e.slot);
      return;
    }
    r.reason = SelectionReason::ReleaseProgram;
  }
  // Capacity-aware selection: with the waiting line full, the shipment goes uninspected.
  const bool accepted = pools_[f].request(sim_.now(), InspectionRequest{e.slot, sim_.now(), 0});
  recorder_.at_event(r, sim_.now(), [&](CustomsTally& t) {
    ++t[selected_count(r.reason)];
    if (!accepted) ++t[Count::SelectedNotInspected];
  });
  if (!accepted) {
    if (trace_ && sim_.now() >= trace_from_) trace_->released(r, sim_.now(), true);
    release(r, 0, sim_.now());
    free_slot(e.slot);
    return;
  }
  start_inspections(f);
}

void CustomsRun::start_inspections(std::size_t f) {
  while (auto started = pools_[f].start_next(sim_.now())) {
    const auto slot = static_cast<std::uint32_t>(started->shipment);
    ShipmentRecord& r = slots_[slot];
    const std::size_t m = inspection_.choose_method(f, r);
    r.method = static_cast<std::uint8_t>(m);
    const double waited_hours = (sim_.now() - started->requested_at).to_hours();
    r.waited_hours = static_cast<float>(waited_hours);
    recorder_.at_event(r, sim_.now(), [&](CustomsTally& t) { t[Per::WaitHours].add(waited_hours); });
    sim_.schedule_in(inspection_.duration(f, m, r), InspectionCompleted{static_cast<std::uint32_t>(f), slot});
  }
  sync_selection(f);
}

void CustomsRun::on(const InspectionCompleted& e) {
  const std::size_t f = e.facility;
  const SimTime now = sim_.now();
  pools_[f].finish(now);
  ShipmentRecord& r = slots_[e.slot];
  Xoshiro256 g = inspection_.inspection_draws(f);
  const Finding finding = inspection_.detect(f, r, g);
  const ViolationSet found = finding.found;
  const double dwell_hours = (now - r.arrived).to_hours();
  if (found && r.seller != kNoSeller) record_finding(r, now);
  release_program_.record(r, found != 0);
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
  if (trace_ && now >= trace_from_) trace_->inspected(r, now, found, outcome);
  if (outcome.interdicted) displacement_.interdicted(r, now);
  if (posts_.scores(config_.streams[r.stream].mode, r.origin)) posts_.inspected(r.origin, found != 0, now);
  if ((outcome.interdicted || outcome.penalty_usd > 0.0) && r.seller != kNoSeller) record_sanction(r);
  if (outcome.interdicted) {
    ++(outcome.abandoned ? ledger_abandoned_ : ledger_seized_);
    fulfillment_.after_seizure(r, now, g, recorder_);
  } else {
    release(r, found, now);
  }
  free_slot(e.slot);
  start_inspections(f);
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
