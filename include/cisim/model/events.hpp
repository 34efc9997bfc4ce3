// SPDX-License-Identifier: MIT
// The closed set of customs-model events: small facts in the past tense, held in one std::variant.
#pragma once

#include <cstdint>
#include <variant>

namespace cisim {

/// An officer at facility `facility` finished inspecting a shipment. `slot` names the
/// shipment's record among those in the system (32 bits: at most 4 billion at once).
struct InspectionCompleted {
  std::uint32_t facility = 0;
  std::uint32_t slot = 0;
};

/// A shift boundary at facility `facility`: the officer count may change.
struct ShiftChanged {
  std::uint32_t facility = 0;
};

/// The next hour of a stream's arrivals begins: its shipments are generated at once, and
/// only those that need an officer get an event of their own (ShipmentPresented).
struct ArrivalSliceStarted {
  std::uint32_t stream = 0;
};

/// A shipment selected for inspection reaches its facility's inspection line. `slot` names
/// its record among the shipments in the system.
struct ShipmentPresented {
  std::uint32_t slot = 0;
};

/// The next candidate of an aggregated stream's selected shipments (AggregatedStream). Stale,
/// and ignored, when the stream's generation has moved on (it slept, or its slice ended).
struct SelectedArrival {
  std::uint32_t stream = 0;
  std::uint32_t generation = 0;
};

/// The next selected high-risk shipment of an aggregated stream whose formal entry is filed
/// before it is presented (a filing delay): it arrives now, and is presented after the delay.
struct HighRiskArrival {
  std::uint32_t stream = 0;
  std::uint32_t generation = 0;  ///< stale when the stream's filed generation has moved on
};

/// The next audited shipment of an aggregated stream (policies.audit): a Poisson process of
/// its own that never sleeps, since the audit's line is never full.
struct AuditArrival {
  std::uint32_t stream = 0;
  std::uint32_t generation = 0;  ///< stale when the stream's steady generation has moved on
};

/// Every event of the model. Trivially copyable and 12 bytes: the event queue copies it
/// through the heap without allocating, and an entry with its key fits in 32 bytes.
using ModelEvent =
    std::variant<ArrivalSliceStarted, ShipmentPresented, InspectionCompleted, ShiftChanged, SelectedArrival, HighRiskArrival,
                 AuditArrival>;

}  // namespace cisim

static_assert(sizeof(cisim::ModelEvent) <= 12, "keep events small: they are copied on every heap move");
