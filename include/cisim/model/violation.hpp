// SPDX-License-Identifier: MIT
// Violation kinds a shipment may carry (its hidden truth), and sets of them as bit masks.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace cisim {

enum class ViolationKind : std::uint8_t { Counterfeit, Undervaluation, Misdescription, Prohibited, Agricultural };
inline constexpr int kViolationKinds = 5;
inline constexpr std::array<std::string_view, kViolationKinds> kViolationNames{
    "counterfeit", "undervaluation", "misdescription", "prohibited", "agricultural"};

/// A set of violation kinds, one bit each.
using ViolationSet = std::uint8_t;
constexpr ViolationSet bit(ViolationKind k) { return static_cast<ViolationSet>(1u << static_cast<unsigned>(k)); }
constexpr bool contains(ViolationSet s, ViolationKind k) { return (s & bit(k)) != 0; }
/// Found violations that lead to seizure rather than release with duty and penalty.
constexpr ViolationSet kSeizable = bit(ViolationKind::Counterfeit) | bit(ViolationKind::Prohibited) | bit(ViolationKind::Agricultural);

/// A value per violation kind (prevalence, sensitivity).
using PerViolation = std::array<double, kViolationKinds>;

}  // namespace cisim
