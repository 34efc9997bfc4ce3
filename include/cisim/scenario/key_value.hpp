// SPDX-License-Identifier: MIT
// The number a value written for a scenario key stands for, in the key's canonical unit.
#pragma once

#include <optional>
#include <string>

namespace cisim {

/// A value as a number in the canonical unit of its key's type (schema.hpp): durations in
/// seconds ("s"), rates per second ("1/s"), money in "USD", fractions as "fraction" (2% is
/// 0.02), whole and plain numbers in the key's unit ("officers", "", ...).
struct CanonicalValue {
  double value = 0.0;
  std::string unit;
};

struct KeySpec;
/// The schema row of a dotted key ("facilities.jfk.officers.count", ids or `*`), or null.
const KeySpec* key_spec_of(const std::string& key);

enum class KeyType;
/// The type of the value a dotted key holds: its schema row's, or for a parameter of a
/// distribution-valued key (`facilities.jfk.methods.physical.duration.mean`) the quantity the
/// distribution is over (a duration's mean is a Duration, a shape a Real). Empty when neither.
std::optional<KeyType> value_type_of(const std::string& key);

/// `text` written for the dotted `key` ("facilities.jfk.officers.count", ids or `*`), as a
/// number (a distribution's parameters too: `duration.mean=6min` is 360 s); empty when the key
/// is not numeric (text, choices) or the text does not parse (validation reports that separately).
std::optional<CanonicalValue> canonical_value(const std::string& key, const std::string& text);

}  // namespace cisim
