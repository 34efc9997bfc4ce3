// SPDX-License-Identifier: MIT
// Validator's checks of one value by its key type: numbers, units, ranges, choices and lists.
#include "validator.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cisim/base/assert.hpp"
#include "cisim/scenario/did_you_mean.hpp"
#include "cisim/scenario/units.hpp"

namespace cisim::detail {

namespace {
// A bound in the unit a user writes for the key's type.
std::string bound_text(const KeySpec& spec, double v) {
  if (v == 0.0) return spec.type == KeyType::Duration ? "0s" : "0";
  switch (spec.type) {
    case KeyType::Duration: return format_duration(Duration::from_seconds(v));
    case KeyType::Rate: return fmt::format("{:g}/d", v * 86400.0);
    case KeyType::Money: return fmt::format("{:g} USD", v);
    default: return fmt::format("{:g}", v);
  }
}
}  // namespace

template <class T>
bool Validator::check_range(const KeySpec& spec, T value, double canonical, const RawNode& node, const std::string& path) {
  (void)value;
  if (spec.min && (canonical < *spec.min || (spec.min_exclusive && canonical == *spec.min))) {
    const std::string bound = bound_text(spec, *spec.min);
    error(node.where, path,
          fmt::format("must be {} {} (got '{}')", spec.min_exclusive ? "more than" : "at least", bound, node.scalar));
    return false;
  }
  if (spec.max && canonical > *spec.max) {
    error(node.where, path, fmt::format("must be at most {} (got '{}')", bound_text(spec, *spec.max), node.scalar));
    return false;
  }
  return true;
}

void Validator::store(const std::string& path, TypedValue value, const SourceLocation& where) {
  values_[path] = Located{std::move(value), where};
}

void Validator::check_leaf(const RawNode& node, const KeySpec& spec, const std::string& path) {
  if (spec.dated && node.is_map()) {
    check_dated(node, spec, path);
    return;
  }
  switch (spec.type) {
    case KeyType::DurationDist:
      if (auto d = check_distribution(node, path, Quantity::Duration)) store(path, std::get<Distribution>(*d), node.where);
      return;
    case KeyType::MoneyDist:
      if (auto d = check_distribution(node, path, Quantity::Money)) store(path, std::get<Distribution>(*d), node.where);
      return;
    case KeyType::CountDist:
      if (auto d = check_distribution(node, path, Quantity::Count)) store(path, std::get<CountDistribution>(*d), node.where);
      return;
    case KeyType::IdList: check_id_list(node, path); return;
    case KeyType::RealList: check_real_list(node, spec, path); return;
    case KeyType::PathList: check_path_list(node, path); return;
    default: break;
  }
  if (!node.is_scalar()) {
    error(node.where, path, fmt::format("expected {}, found {}", expected_text(spec.type), describe(node)));
    return;
  }
  const std::string& text = node.scalar;
  switch (spec.type) {
    case KeyType::Integer: {
      if (spec.allows_unlimited && text == "unlimited") {
        store(path, Unlimited{}, node.where);
        return;
      }
      auto parsed = parse_integer(text);
      if (!parsed.value && spec.allows_unlimited) {
        const std::vector<std::string> word{"unlimited"};
        parsed.error = fmt::format("expected a whole number or 'unlimited', found '{}'{}", text, did_you_mean_suffix(text, word));
      }
      if (auto v = take(parsed, node, path); v && check_range(spec, *v, static_cast<double>(*v), node, path)) {
        store(path, *v, node.where);
      }
      return;
    }
    case KeyType::Real:
      if (auto v = take(parse_real(text), node, path); v && check_range(spec, *v, *v, node, path)) store(path, *v, node.where);
      return;
    case KeyType::Fraction:
      // A fraction is 0 to 100%, unless its key allows more (duty rates: 2025 tariffs reached 145%).
      if (auto v = take(parse_fraction(text, spec.max.value_or(1.0)), node, path)) store(path, *v, node.where);
      return;
    case KeyType::Duration:
      if (auto v = take(parse_duration(text), node, path); v && check_range(spec, *v, v->to_seconds(), node, path)) {
        store(path, *v, node.where);
      }
      return;
    case KeyType::TimeOfDay:
      if (auto v = take(parse_time_of_day(text), node, path)) store(path, *v, node.where);
      return;
    case KeyType::Rate:
      if (auto v = take(parse_rate_per_second(text), node, path); v && check_range(spec, *v, *v, node, path)) {
        store(path, *v, node.where);
      }
      return;
    case KeyType::Money:
      if (auto v = take(parse_money_usd(text), node, path); v && check_range(spec, *v, *v, node, path)) store(path, *v, node.where);
      return;
    case KeyType::Date:
      if (auto v = take(parse_date(text), node, path)) store(path, *v, node.where);
      return;
    case KeyType::Choice:
      if (std::find(spec.choices.begin(), spec.choices.end(), text) == spec.choices.end()) {
        error(node.where, path,
              fmt::format("unknown value '{}'{}{}", text, did_you_mean_suffix(text, spec.choices),
                          did_you_mean(text, spec.choices) ? "" : fmt::format("; expected one of {}", list_of(spec.choices))));
        return;
      }
      store(path, text, node.where);
      return;
    case KeyType::Reference:
    case KeyType::Text:
      store(path, text, node.where);
      return;
    default:
      CISIM_ASSERT(false, "leaf type without a check");
  }
}

void Validator::check_real_list(const RawNode& node, const KeySpec& spec, const std::string& path) {
  if (!node.is_sequence()) {
    error(node.where, path, fmt::format("expected a list of numbers such as [1, 2, 3], found {}", describe(node)));
    return;
  }
  if (spec.length && node.items.size() != *spec.length) {
    error(node.where, path, fmt::format("needs exactly {} entries (got {})", *spec.length, node.items.size()));
    return;
  }
  std::vector<double> values;
  bool ok = true;
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const RawNode& item = node.items[i];
    const std::string item_path = fmt::format("{}[{}]", path, i);
    if (!item.is_scalar()) {
      error(item.where, item_path, fmt::format("expected a number, found {}", describe(item)));
      ok = false;
      continue;
    }
    auto v = take(parse_real(item.scalar), item, item_path);
    if (!v || !check_range(spec, *v, *v, item, item_path)) {
      ok = false;
      continue;
    }
    values.push_back(*v);
  }
  if (!ok) return;
  if (!values.empty() && std::all_of(values.begin(), values.end(), [](double x) { return x == 0.0; })) {
    error(node.where, path, "needs at least one entry above 0 (a profile of zeros means no arrivals; set the rate to 0/d instead)");
    return;
  }
  store(path, values, node.where);
}

void Validator::check_id_list(const RawNode& node, const std::string& path) {
  if (!node.is_sequence()) {
    error(node.where, path, fmt::format("expected a list of ids such as [a, b], found {}", describe(node)));
    return;
  }
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const RawNode& item = node.items[i];
    if (!item.is_scalar()) {
      error(item.where, fmt::format("{}[{}]", path, i), fmt::format("expected an id, found {}", describe(item)));
      return;
    }
    ids.push_back(item.scalar);
    item_where_[fmt::format("{}[{}]", path, i)] = item.where;
  }
  store(path, ids, node.where);
}

void Validator::check_path_list(const RawNode& node, const std::string& path) {
  std::vector<std::string> paths;
  if (node.is_scalar()) {
    paths.push_back(node.scalar);
  } else if (node.is_sequence()) {
    for (const auto& item : node.items) {
      if (!item.is_scalar()) {
        error(item.where, path, fmt::format("expected a file path, found {}", describe(item)));
        return;
      }
      paths.push_back(item.scalar);
    }
  } else {
    error(node.where, path, fmt::format("expected a path or a list of paths, found {}", describe(node)));
    return;
  }
  store(path, paths, node.where);
}

}  // namespace cisim::detail
