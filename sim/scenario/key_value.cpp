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

std::optional<KeyType> value_type_of(const std::string& key) {
  if (const KeySpec* spec = key_spec_of(key)) return spec->type;
  const auto dot = key.rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  const KeySpec* parent = key_spec_of(key.substr(0, dot));
  if (!parent) return std::nullopt;
  const std::string leaf = key.substr(dot + 1);
  // A distribution's dimensionless parameters (a shape, a probability) are plain numbers; its
  // location and scale parameters (mean, sd, min, max, mode, value, ...) are in its quantity.
  const bool plain = leaf == "shape" || leaf == "a" || leaf == "b" || leaf == "k";  // as the validator reads them
  switch (parent->type) {
    case KeyType::DurationDist: return plain ? KeyType::Real : KeyType::Duration;
    case KeyType::MoneyDist: return plain ? KeyType::Real : KeyType::Money;
    case KeyType::CountDist: return KeyType::Real;
    default: return std::nullopt;
  }
}

std::optional<CanonicalValue> canonical_value(const std::string& key, const std::string& text) {
  const auto type = value_type_of(key);
  if (!type) return std::nullopt;
  const KeySpec* spec = key_spec_of(key);
  const std::string unit = spec ? spec->unit : "";
  switch (*type) {
    case KeyType::Integer: return from(parse_integer(text), unit);
    case KeyType::Real: return from(parse_real(text), unit);
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
