// SPDX-License-Identifier: MIT
// ShipmentTrace: per-shipment records of one replication (--trace): every inspected shipment,
// and a random sample of the shipments released without inspection.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "cisim/engine/sim_time.hpp"
#include "cisim/model/outcome.hpp"
#include "cisim/model/shipment_record.hpp"
#include "cisim/random/random_streams.hpp"
#include "cisim/random/xoshiro256.hpp"

namespace cisim {

/// What a run traces (decision 0009). The limit bounds the whole run's records: each of R
/// replications keeps at most ceil(limit / R), so a long run cannot fill memory or disk and
/// every replication is represented.
struct TraceOptions {
  bool enabled = false;
  double released_share = 0.0;  ///< share of uninspected releases also recorded, in [0, 1]
  std::size_t limit = 1'000'000;
};
inline constexpr std::size_t kMaxTraceRecords = 10'000'000;

/// Each replication's share of the trace's limit: ceil(limit / replications), the limit capped
/// at kMaxTraceRecords (the one place it is computed: the run keeps it, the CLI says it).
inline std::size_t trace_records_per_replication(const TraceOptions& t, std::size_t replications) {
  const std::size_t limit = t.limit < kMaxTraceRecords ? t.limit : kMaxTraceRecords;
  return replications == 0 ? 0 : (limit + replications - 1) / replications;
}

/// Why a record is in the trace.
enum class TraceKind : std::uint8_t { Inspected, Released, LineFull, Refused };
/// What became of the shipment.
enum class TraceOutcome : std::uint8_t { Released, ReleasedWithDuty, Seized, Abandoned, Refused };

/// One shipment, as an inspection database would hold it (and a little more: its truth).
struct TraceRecord {
  double at_hours = 0.0;        ///< when the record was made (inspection finished, or release), hours from the start
  double arrived_hours = 0.0;
  double waited_hours = 0.0;    ///< in the inspection line (inspected shipments)
  double declared_value_usd = 0.0;
  double true_value_usd = 0.0;
  double duty_usd = 0.0;        ///< extra duty on undervaluation found
  double penalty_usd = 0.0;
  std::uint32_t stream = 0;
  std::uint32_t seller = kNoSeller;
  std::uint32_t lot = kNoLot;
  std::uint32_t items = 1;
  std::uint16_t category = 0;
  std::uint16_t origin = 0;
  std::int16_t blitz = kNoBlitz;
  ViolationSet carried = 0;
  ViolationSet found = 0;
  SelectionReason reason = SelectionReason::None;
  EntryKind entry = EntryKind::DeMinimis;
  std::uint8_t method = 0;
  TraceKind kind = TraceKind::Inspected;
  TraceOutcome outcome = TraceOutcome::Released;
};

class ShipmentTrace {
 public:
  /// Samples released shipments with its own named stream ("trace"), so a traced run draws
  /// exactly the numbers an untraced one does: its results are the same.
  ShipmentTrace(const TraceOptions& options, const RandomStreams& streams, std::size_t capacity);

  void inspected(const ShipmentRecord& r, SimTime at, ViolationSet found, const Outcome& outcome);
  /// A shipment released without inspection: recorded with chance released_share.
  void released(const ShipmentRecord& r, SimTime at, bool line_full);
  /// A shipment refused at arrival under EO 13904's measures (held or blocked): sampled as a release.
  void refused(const ShipmentRecord& r, SimTime at);
  /// Of `shipments` released uninspected together (a class counted by the aggregated path),
  /// how many the trace samples: Binomial(shipments, share) from the trace's own stream, as
  /// many draws of released() would give. Those past the trace's capacity are counted as
  /// dropped and not returned.
  std::uint64_t sample_of(std::uint64_t shipments);
  /// A sampled release drawn from its class (after sample_of): recorded without a draw.
  void released_sampled(const ShipmentRecord& r, SimTime at, bool line_full);
  /// A sampled refusal at the border drawn from its class (after sample_of).
  void refused_sampled(const ShipmentRecord& r, SimTime at);

  const std::vector<TraceRecord>& records() const { return records_; }
  /// The records in time order (arrival slices record releases ahead of the clock).
  std::vector<TraceRecord> take();
  /// Records that did not fit within the capacity.
  std::uint64_t dropped() const { return dropped_; }

 private:
  TraceRecord base(const ShipmentRecord& r, SimTime at) const;
  void keep(const TraceRecord& record);

  double released_share_;
  std::size_t capacity_;
  Xoshiro256 sample_;
  std::vector<TraceRecord> records_;
  std::uint64_t dropped_ = 0;
};

}  // namespace cisim
