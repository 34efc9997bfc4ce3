// SPDX-License-Identifier: MIT
// The closed set of model events: small facts in the past tense, held in one std::variant.
#pragma once

#include <cstdint>
#include <variant>

namespace cisim {

/// The next shipment of stream `stream` arrived (the arrival schedules its successor).
struct ShipmentArrived {
  std::uint32_t stream = 0;
};

/// An officer at facility `facility` finished inspecting a shipment.
struct InspectionCompleted {
  std::uint32_t facility = 0;
  std::uint64_t shipment = 0;
};

/// A shift boundary at facility `facility`: the officer count may change.
struct ShiftChanged {
  std::uint32_t facility = 0;
};

/// Every event of the model. Trivially copyable, 16 bytes of payload: the event queue
/// copies it through the heap without allocating.
using ModelEvent = std::variant<ShipmentArrived, InspectionCompleted, ShiftChanged>;

}  // namespace cisim
