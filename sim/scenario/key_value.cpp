// SPDX-License-Identifier: MIT
// canonical_value: a key's schema type decides how its text reads as a number.
#include "cisim/scenario/key_value.hpp"

#include "cisim/scenario/schema.hpp"
#include "cisim/scenario/units.hpp"

namespace cisim {
namespace {

template <typename T>
std::optional<CanonicalValue> from(const Parsed<T>& parsed, const std::string& unit) {
  if (!parsed.value) return std::nullopt;
  return CanonicalValue{static_cast<double>(*parsed.value), unit};
}

}  // namespace

const KeySpec* key_spec_of(const std::string& key) {
  std::string pattern;
  std::size_t start = 0;
  for (;;) {
    const auto dot = key.find('.', start);
    pattern = child_pattern(pattern, key.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) return find_key_spec(pattern);
    start = dot + 1;
  }
}

std::optional<CanonicalValue> canonical_value(const std::string& key, const std::string& text) {
  const KeySpec* spec = key_spec_of(key);
  if (!spec) return std::nullopt;
  switch (spec->type) {
    case KeyType::Integer: return from(parse_integer(text), spec->unit);
    case KeyType::Real: return from(parse_real(text), spec->unit);
    case KeyType::Fraction: return from(parse_fraction(text), "fraction");
    case KeyType::Money: return from(parse_money_usd(text), "USD");
    case KeyType::Rate: return from(parse_rate_per_second(text), "1/s");
    case KeyType::Duration: {
      const auto d = parse_duration(text);
      if (!d.value) return std::nullopt;
      return CanonicalValue{d.value->to_seconds(), "s"};
    }
    default: return std::nullopt;
  }
}

}  // namespace cisim
