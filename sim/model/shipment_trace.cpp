// SPDX-License-Identifier: MIT
// ShipmentTrace: per-shipment records, bounded, sampled from their own random stream.
#include "cisim/model/shipment_trace.hpp"

#include <algorithm>

#include "cisim/random/distributions.hpp"

namespace cisim {

ShipmentTrace::ShipmentTrace(const TraceOptions& options, const RandomStreams& streams, std::size_t capacity)
    : released_share_(options.released_share), capacity_(capacity), sample_(streams.stream("trace")) {
  records_.reserve(std::min<std::size_t>(capacity_, 4096));
}

TraceRecord ShipmentTrace::base(const ShipmentRecord& r, SimTime at) const {
  TraceRecord t;
  t.at_hours = at.since_start().to_hours();
  t.arrived_hours = r.arrived.since_start().to_hours();
  t.declared_value_usd = r.declared_value_usd;
  t.true_value_usd = r.true_value_usd;
  t.stream = r.stream;
  t.seller = r.seller;
  t.lot = r.lot;
  t.items = r.items;
  t.category = r.category;
  t.origin = r.origin;
  t.blitz = r.blitz;
  t.carried = r.carried;
  t.reason = r.reason;
  t.entry = r.entry;
  t.method = r.method;
  return t;
}

std::vector<TraceRecord> ShipmentTrace::take() {
  std::stable_sort(records_.begin(), records_.end(), [](const TraceRecord& a, const TraceRecord& b) { return a.at_hours < b.at_hours; });
  return std::move(records_);
}

void ShipmentTrace::keep(const TraceRecord& record) {
  if (records_.size() < capacity_) {
    records_.push_back(record);
  } else {
    ++dropped_;
  }
}

void ShipmentTrace::inspected(const ShipmentRecord& r, SimTime at, ViolationSet found, const Outcome& outcome) {
  TraceRecord t = base(r, at);
  t.kind = TraceKind::Inspected;
  t.waited_hours = r.waited_hours;
  t.found = found;
  t.duty_usd = outcome.extra_duty_usd;
  t.penalty_usd = outcome.penalty_usd;
  if (outcome.interdicted) {
    t.outcome = outcome.abandoned ? TraceOutcome::Abandoned : TraceOutcome::Seized;
  } else {
    t.outcome = outcome.extra_duty_usd > 0.0 || outcome.penalty_usd > 0.0 ? TraceOutcome::ReleasedWithDuty : TraceOutcome::Released;
  }
  keep(t);
}

void ShipmentTrace::released(const ShipmentRecord& r, SimTime at, bool line_full) {
  if (released_share_ <= 0.0 || sample_.uniform01() >= released_share_) return;
  released_sampled(r, at, line_full);
}

std::uint64_t ShipmentTrace::sample_of(std::uint64_t shipments) {
  if (released_share_ <= 0.0 || shipments == 0) return 0;
  const auto sampled = static_cast<std::uint64_t>(Binomial{static_cast<std::int64_t>(shipments), released_share_}(sample_));
  const std::uint64_t room = capacity_ - std::min(capacity_, records_.size());
  if (sampled <= room) return sampled;
  dropped_ += sampled - room;
  return room;
}

void ShipmentTrace::released_sampled(const ShipmentRecord& r, SimTime at, bool line_full) {
  TraceRecord t = base(r, at);
  t.kind = line_full ? TraceKind::LineFull : TraceKind::Released;
  keep(t);
}

void ShipmentTrace::refused(const ShipmentRecord& r, SimTime at) {
  if (released_share_ <= 0.0 || sample_.uniform01() >= released_share_) return;
  refused_sampled(r, at);
}

void ShipmentTrace::refused_sampled(const ShipmentRecord& r, SimTime at) {
  TraceRecord t = base(r, at);
  t.kind = TraceKind::Refused;
  t.outcome = TraceOutcome::Refused;
  keep(t);
}

}  // namespace cisim
