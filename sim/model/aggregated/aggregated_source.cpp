// SPDX-License-Identifier: MIT
// AggregatedSource: an hour counted by class or drawn, its selected process, its refusals.
#include "model/aggregated/aggregated_source.hpp"

namespace cisim {

AggregatedSource::AggregatedSource(const CustomsModelConfig& config, std::uint32_t s, const Targeting& targeting,
                                   const EntryRules& rules, ShipmentDraws& draws, const RandomStreams& streams,
                                   PostCompliance& posts, DrawnSource drawn, CustomsRecorder& recorder, ShipmentTrace* trace,
                                   StreamHost& host)
    : s_(s),
      facility_(static_cast<std::uint32_t>(config.streams[s].facility)),
      stream_(config, s, targeting, rules, draws.sellers, streams),
      drawn_(std::move(drawn)),
      posts_(&posts),
      recorder_(&recorder),
      trace_(trace),
      measured_from_(SimTime::start() + config.warmup),
      host_(&host) {}

void AggregatedSource::hour(const StreamHour& hour) {
  end_hour(hour.from);
  stream_.apply_sellers();
  stream_.turn_over_sellers(hour.from, hour.to);
  if (!hour.posts.empty()) stream_.set_posts(posts_, hour.posts);
  HourFacts facts;
  facts.expected_shipments = hour.expected_arrivals;  // one shipment per arrival (no batches)
  facts.blitz_in_force = hour.blitz_in_force;
  facts.warmup_ends = hour.warmup_ends;
  facts.post_quarter_ends = hour.post_quarter_ends;
  // The rules' row comes last: asking it builds the classes, which only hours that may be
  // counted by class should do.
  std::optional<PerShipmentReason> reason = hour_per_shipment_reason(facts);
  if (!reason) {
    facts.rules_change = !stream_.can_aggregate(hour.from, hour.to);
    reason = hour_per_shipment_reason(facts);
  }
  if (reason) {
    drawn_.draw(hour, *reason);
    return;
  }
  const std::uint64_t counted = stream_.begin_slice(hour.from, hour.to, hour.expected_arrivals, *recorder_, trace_at(hour.from));
  host_->counted_by_class(counted, stream_.refused_at_border(), 0, facility_, hour.from, hour.from);
  line_changed(host_->line_has_room(facility_), hour.from);  // the slice starts asleep, with no bar
  if (const auto at = stream_.next_filed(hour.from)) host_->schedule(*at, HighRiskArrival{s_, stream_.steady_generation()});
  if (const auto at = stream_.next_audited(hour.from)) host_->schedule(*at, AuditArrival{s_, stream_.steady_generation()});
}

void AggregatedSource::end_hour(SimTime now) {
  if (!stream_.in_slice() || stream_.slice_to() > now) return;
  const SimTime from = stream_.slice_from();
  const std::uint64_t refused = stream_.end_slice(now, *recorder_, trace_at(from));
  host_->counted_by_class(refused, 0, refused, facility_, from, now);
}

void AggregatedSource::line_changed(bool room, SimTime now) {
  if (!stream_.in_slice() || (room && stream_.awake())) return;
  const std::uint32_t generation = stream_.generation();
  const SimTime from = stream_.slice_from();
  // Full: a ranked line's bar (its lowest score), which the stream may take up or keep.
  const std::uint64_t refused = room ? stream_.wake(now, *recorder_, trace_at(from))
                                     : stream_.sleep(now, host_->admission_bar(facility_), *recorder_, trace_at(from));
  if (refused > 0) host_->counted_by_class(refused, 0, refused, facility_, from, now);
  if (stream_.generation() != generation) schedule_selected(now);
}

void AggregatedSource::schedule_selected(SimTime now) {
  if (!stream_.presenting()) return;
  if (const auto at = stream_.next_selected(now)) host_->schedule(*at, SelectedArrival{s_, stream_.generation()});
}

void AggregatedSource::on(const SelectedArrival& e, SimTime now) {
  if (e.generation != stream_.generation()) return;  // stale: it slept, woke, took a new bar, or its slice ended
  if (auto selected = stream_.selected_shipment(now)) host_->present_selected(*selected);
  // A presentation that changed the stream's state (asleep, awake, a new bar) scheduled the next.
  if (e.generation != stream_.generation()) return;
  // Asleep, the line's bar may have risen past the table's: the stream may take it up.
  if (!stream_.awake()) line_changed(false, now);
  if (e.generation == stream_.generation()) schedule_selected(now);
}

void AggregatedSource::on(const HighRiskArrival& e, SimTime now) {
  if (e.generation != stream_.steady_generation()) return;  // stale: its slice ended
  if (auto selected = stream_.filed_shipment(now)) host_->present_selected(*selected);
  if (const auto at = stream_.next_filed(now)) host_->schedule(*at, HighRiskArrival{s_, stream_.steady_generation()});
}

void AggregatedSource::on(const AuditArrival& e, SimTime now) {
  if (e.generation != stream_.steady_generation()) return;  // stale: its slice ended
  if (auto audited = stream_.audited_shipment(now)) host_->present_selected(*audited);
  if (const auto at = stream_.next_audited(now)) host_->schedule(*at, AuditArrival{s_, stream_.steady_generation()});
}

}  // namespace cisim
