// SPDX-License-Identifier: MIT
// Schema-driven validation of a RawNode and construction of the typed Scenario.
#include "cisim/scenario/validate.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <variant>

#include <fmt/core.h>

#include "cisim/base/assert.hpp"
#include "cisim/scenario/did_you_mean.hpp"
#include "cisim/scenario/schema.hpp"
#include "cisim/scenario/yaml_reader.hpp"

namespace cisim {
namespace {

struct Unlimited {};
using TypedValue = std::variant<Unlimited, std::int64_t, double, Duration, CivilDate, std::string, std::vector<double>,
                                std::vector<std::string>, Distribution, CountDistribution>;

struct Located {
  TypedValue value;
  SourceLocation where;
};

std::string join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

std::string list_of(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + fmt::format("'{}'", n);
  return out;
}

const char* expected_text(KeyType t) {
  switch (t) {
    case KeyType::Section: return "a map of keys";
    case KeyType::IdMap: return "a map of ids";
    case KeyType::List: return "a list";
    case KeyType::Integer: return "a whole number";
    case KeyType::Real: return "a number";
    case KeyType::Fraction: return "a fraction such as '0.02' or '2%'";
    case KeyType::Duration: return "a duration such as '45min'";
    case KeyType::TimeOfDay: return "a time of day such as '08:00'";
    case KeyType::Rate: return "a rate such as '9/h'";
    case KeyType::Money: return "an amount such as '800 USD'";
    case KeyType::Date: return "a date such as '2019-07-01'";
    case KeyType::Text: return "text";
    case KeyType::Choice: return "a name";
    case KeyType::Reference: return "an id";
    case KeyType::RealList: return "a list of numbers";
    case KeyType::PathList: return "a path or a list of paths";
    case KeyType::DurationDist: return "a distribution such as '{dist: exponential, mean: 3min}'";
    case KeyType::CountDist: return "a count distribution such as '{dist: poisson, mean: 20}'";
    case KeyType::MoneyDist: return "a distribution such as '{dist: lognormal, mean: 45 USD, sd: 60 USD}'";
    case KeyType::IdList: return "a list of ids such as [a, b]";
  }
  return "a value";
}

bool is_id(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

FacilityKind facility_kind(const std::string& name) {
  if (name == "express_hub") return FacilityKind::ExpressHub;
  if (name == "fulfillment_center") return FacilityKind::FulfillmentCenter;
  if (name == "foreign_fulfillment_center") return FacilityKind::ForeignFulfillmentCenter;
  if (name == "cargo_port") return FacilityKind::CargoPort;
  return FacilityKind::InternationalMail;
}

// What a distribution's parameters measure.
enum class Quantity { Duration, Money, Count };

// Parameters of a distribution that are pure shapes, never in the key's unit.
bool is_shape_parameter(const std::string& p) { return p == "shape" || p == "a" || p == "b" || p == "k"; }

class Validator {
 public:
  ValidationResult run(const RawNode& root) {
    walk(root, "", "");
    // Build even after errors, so cross-field rules report in the same pass; every rule
    // skips values that did not parse (already reported).
    std::optional<Scenario> scenario = build();
    if (has_errors(diagnostics_)) scenario.reset();
    sort_diagnostics(diagnostics_);
    return ValidationResult{std::move(scenario), std::move(diagnostics_)};
  }

  // Parses a schema default through the same leaf rules as user input.
  static TypedValue default_value(const KeySpec& spec) {
    std::vector<Diagnostic> d;
    auto node = read_yaml_text(spec.default_text, "<schema default>", d);
    CISIM_ASSERT(node.has_value(), "schema default does not parse as YAML");
    Validator v;
    v.check_leaf(*node, spec, spec.path);
    CISIM_ASSERT(!has_errors(v.diagnostics_) && v.values_.contains(spec.path), "schema default is invalid");
    return v.values_.at(spec.path).value;
  }

 private:
  void error(const SourceLocation& where, const std::string& key, std::string message) {
    diagnostics_.push_back(Diagnostic{Severity::Error, where, key, std::move(message)});
  }
  void warning(const SourceLocation& where, const std::string& key, std::string message) {
    diagnostics_.push_back(Diagnostic{Severity::Warning, where, key, std::move(message)});
  }

  void walk(const RawNode& node, const std::string& pattern, const std::string& path) {
    written_.insert(path);
    const KeySpec* spec = pattern.empty() ? nullptr : find_key_spec(pattern);
    const KeyType type = spec ? spec->type : KeyType::Section;
    switch (type) {
      case KeyType::Section: walk_section(node, pattern, path); break;
      case KeyType::IdMap: walk_id_map(node, *spec, pattern, path); break;
      case KeyType::List: walk_list(node, pattern, path); break;
      default: check_leaf(node, *spec, path); break;
    }
  }

  // Collects a map's entries, reporting duplicate keys; returns the first of each key.
  std::vector<const RawNode::Entry*> unique_entries(const RawNode& node, const std::string& path) {
    std::map<std::string, const RawNode::Entry*> first;
    std::vector<const RawNode::Entry*> out;
    for (const auto& e : node.entries) {
      auto [it, inserted] = first.emplace(e.key, &e);
      if (!inserted) {
        error(e.key_where, join(path, e.key),
              fmt::format("duplicate key '{}' (first written at line {})", e.key, it->second->key_where.line));
        continue;
      }
      out.push_back(&e);
    }
    return out;
  }

  void walk_section(const RawNode& node, const std::string& pattern, const std::string& path) {
    const std::vector<std::string> children = child_keys(pattern);
    if (!node.is_map()) {
      error(node.where, path, fmt::format("expected a map with keys such as {}, found {}", list_of(children), describe(node)));
      return;
    }
    sections_[path] = node.where;
    std::set<std::string> seen;
    for (const RawNode::Entry* e : unique_entries(node, path)) {
      const std::string child_pattern = join(pattern, e->key);
      if (e->key == "*" || !find_key_spec(child_pattern)) {
        error(e->key_where, join(path, e->key), "unknown key" + did_you_mean_suffix(e->key, children));
        continue;
      }
      seen.insert(e->key);
      walk(e->value, child_pattern, join(path, e->key));
    }
    for (const std::string& child : children) {
      const KeySpec* spec = find_key_spec(join(pattern, child));
      if (spec->required && !seen.contains(child)) {
        error(node.where, path, fmt::format("missing required key '{}' ({})", child, spec->description));
      }
    }
  }

  void walk_id_map(const RawNode& node, const KeySpec& spec, const std::string& pattern, const std::string& path) {
    if (!node.is_map()) {
      error(node.where, path, fmt::format("expected a map from ids to entries ({}), found {}", spec.description, describe(node)));
      return;
    }
    sections_[path] = node.where;
    auto& ids = ids_[path];
    for (const RawNode::Entry* e : unique_entries(node, path)) {
      if (!is_id(e->key)) {
        // Reported once; still registered, so references to it do not fail a second time.
        error(e->key_where, join(path, e->key),
              fmt::format("id '{}' may contain only letters, digits and '_' (at most 64)", e->key));
      }
      ids.push_back(e->key);
      walk(e->value, pattern + ".*", join(path, e->key));
    }
    if (node.entries.empty()) error(node.where, path, "needs at least one entry");
  }

  void walk_list(const RawNode& node, const std::string& pattern, const std::string& path) {
    if (!node.is_sequence()) {
      error(node.where, path, fmt::format("expected a list, found {}", describe(node)));
      return;
    }
    sections_[path] = node.where;
    list_sizes_[path] = node.items.size();
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      walk(node.items[i], pattern + "[]", fmt::format("{}[{}]", path, i));
    }
  }

  template <class T>
  bool check_range(const KeySpec& spec, T value, double canonical, const RawNode& node, const std::string& path) {
    (void)value;
    if (spec.min && (canonical < *spec.min || (spec.min_exclusive && canonical == *spec.min))) {
      const std::string bound = spec.type == KeyType::Duration ? "0s" : fmt::format("{}", *spec.min);
      error(node.where, path,
            fmt::format("must be {} {} (got '{}')", spec.min_exclusive ? "more than" : "at least", bound, node.scalar));
      return false;
    }
    if (spec.max && canonical > *spec.max) {
      error(node.where, path, fmt::format("must be at most {} (got '{}')", *spec.max, node.scalar));
      return false;
    }
    return true;
  }

  template <class T>
  std::optional<T> take(const Parsed<T>& parsed, const RawNode& node, const std::string& path) {
    if (!parsed.value) {
      error(node.where, path, parsed.error);
      return std::nullopt;
    }
    return parsed.value;
  }

  void store(const std::string& path, TypedValue value, const SourceLocation& where) {
    values_[path] = Located{std::move(value), where};
  }

  void check_leaf(const RawNode& node, const KeySpec& spec, const std::string& path) {
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
        if (auto v = take(parse_fraction(text), node, path)) store(path, *v, node.where);
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

  void check_real_list(const RawNode& node, const KeySpec& spec, const std::string& path) {
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

  void check_id_list(const RawNode& node, const std::string& path) {
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

  void check_path_list(const RawNode& node, const std::string& path) {
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

  // A distribution: {dist: name, parameters...}. Durations take time units for every
  // parameter but the shape ones; counts take plain numbers.
  std::optional<std::variant<Distribution, CountDistribution>> check_distribution(const RawNode& node, const std::string& path,
                                                                                  Quantity quantity) {
    const bool counts = quantity == Quantity::Count;
    std::vector<std::string> names;
    for (const auto& f : distribution_forms()) {
      if (counts ? f.for_counts : f.for_durations) names.push_back(f.name);
    }
    if (!node.is_map()) {
      error(node.where, path,
            fmt::format("expected {}, found {}",
                        expected_text(counts ? KeyType::CountDist
                                             : quantity == Quantity::Money ? KeyType::MoneyDist : KeyType::DurationDist),
                        describe(node)));
      return std::nullopt;
    }
    const RawNode* dist = node.find("dist");
    if (!dist) {
      error(node.where, path, fmt::format("missing required key 'dist' (one of {})", list_of(names)));
      return std::nullopt;
    }
    if (!dist->is_scalar() || std::find(names.begin(), names.end(), dist->scalar) == names.end()) {
      const std::string name = dist->is_scalar() ? dist->scalar : describe(*dist);
      const bool other_kind = std::any_of(distribution_forms().begin(), distribution_forms().end(),
                                          [&](const DistributionForm& f) { return f.name == name; });
      error(dist->where, join(path, "dist"),
            other_kind ? fmt::format("distribution '{}' does not fit here ({}); use one of {}", name,
                                     counts ? "counts need whole numbers" : "this needs a continuous distribution",
                                     list_of(names))
                       : fmt::format("unknown distribution '{}'{}{}", name, did_you_mean_suffix(name, names),
                                     did_you_mean(name, names) ? "" : fmt::format("; expected one of {}", list_of(names))));
      return std::nullopt;
    }
    const DistributionForm& form = *std::find_if(distribution_forms().begin(), distribution_forms().end(),
                                                 [&](const DistributionForm& f) { return f.name == dist->scalar; });
    std::map<std::string, double> p;
    std::vector<double> values;
    bool ok = true;
    std::set<std::string> given;
    for (const RawNode::Entry* e : unique_entries(node, path)) {
      if (e->key == "dist") continue;
      const std::string key_path = join(path, e->key);
      if (std::find(form.parameters.begin(), form.parameters.end(), e->key) == form.parameters.end()) {
        error(e->key_where, key_path,
              fmt::format("'{}' has no parameter '{}' (its parameters are {}){}", form.name, e->key,
                          list_of(form.parameters), did_you_mean_suffix(e->key, form.parameters)));
        ok = false;
        continue;
      }
      given.insert(e->key);
      if (e->key == "values") {
        if (!e->value.is_sequence() || e->value.items.empty()) {
          error(e->value.where, key_path, fmt::format("expected a non-empty list, found {}", describe(e->value)));
          ok = false;
          continue;
        }
        for (const auto& item : e->value.items) {
          auto v = parse_parameter(item, key_path, quantity, false);
          if (!v) ok = false;
          else values.push_back(*v);
        }
        continue;
      }
      auto v = parse_parameter(e->value, key_path, quantity, is_shape_parameter(e->key) || (counts && e->key == "p"));
      if (!v) ok = false;
      else p[e->key] = *v;
    }
    for (const auto& param : form.parameters) {
      if (!given.contains(param)) {
        error(node.where, path, fmt::format("'{}' needs parameter '{}' (its parameters are {})", form.name, param,
                                            list_of(form.parameters)));
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    return make_distribution(form.name, p, values, node, path, counts);
  }

  // Parses one parameter: plain numbers for shapes and counts, USD for money, durations
  // otherwise (in seconds).
  std::optional<double> parse_parameter(const RawNode& node, const std::string& path, Quantity quantity, bool plain) {
    const bool number = plain || quantity == Quantity::Count;
    if (!node.is_scalar()) {
      error(node.where, path,
            fmt::format("expected {}, found {}",
                        number ? "a number" : quantity == Quantity::Money ? "an amount such as '45 USD'" : "a duration such as '3min'",
                        describe(node)));
      return std::nullopt;
    }
    if (number) return take(parse_real(node.scalar), node, path);
    if (quantity == Quantity::Money) {
      auto usd = take(parse_money_usd(node.scalar), node, path);
      if (usd && *usd < 0.0) {
        error(node.where, path, fmt::format("must be at least 0 USD (got '{}')", node.scalar));
        return std::nullopt;
      }
      return usd;
    }
    auto d = take(parse_duration(node.scalar), node, path);
    if (!d) return std::nullopt;
    if (*d < Duration::zero()) {
      error(node.where, path, fmt::format("must be at least 0s (got '{}')", node.scalar));
      return std::nullopt;
    }
    return d->to_seconds();
  }

  std::optional<std::variant<Distribution, CountDistribution>> make_distribution(const std::string& name,
                                                                                 std::map<std::string, double>& p,
                                                                                 std::vector<double>& values,
                                                                                 const RawNode& node, const std::string& path,
                                                                                 bool counts) {
    auto fail = [&](std::string message) {
      error(node.where, path, fmt::format("{}: {}", name, message));
      return std::nullopt;
    };
    auto whole = [](double x) { return x == std::floor(x); };
    if (counts) {
      if (name == "constant") {
        if (p["value"] < 0 || !whole(p["value"])) return fail("value must be a whole number >= 0");
        return CountDistribution{Constant{p["value"]}};
      }
      if (name == "poisson") {
        if (p["mean"] < 0 || p["mean"] > 1e9) return fail("mean must be between 0 and 1e9");
        return CountDistribution{Poisson{p["mean"]}};
      }
      if (p["n"] < 0 || !whole(p["n"]) || p["n"] > 1e12) return fail("n must be a whole number from 0 to 1e12");
      if (p["p"] < 0 || p["p"] > 1) return fail("p must be between 0 and 1");
      return CountDistribution{Binomial{static_cast<std::int64_t>(p["n"]), p["p"]}};
    }
    if (name == "constant") return Distribution{Constant{p["value"]}};
    if (name == "uniform") {
      if (p["min"] > p["max"]) return fail("min must not exceed max");
      return Distribution{Uniform{p["min"], p["max"]}};
    }
    if (name == "exponential") {
      if (p["mean"] <= 0) return fail("mean must be more than 0s");
      return Distribution{Exponential{p["mean"]}};
    }
    if (name == "normal") {
      if (p["mean"] < 3 * p["sd"]) {
        return fail("mean must be at least 3 sd, or values go negative too often; use lognormal or gamma");
      }
      return Distribution{Normal{p["mean"], p["sd"]}};
    }
    if (name == "lognormal") {
      if (p["mean"] <= 0) return fail("mean must be more than 0s");
      return Distribution{LogNormal::from_mean_sd(p["mean"], p["sd"])};
    }
    if (name == "gamma") {
      if (p["shape"] <= 0 || p["scale"] <= 0) return fail("shape and scale must be more than 0");
      return Distribution{Gamma{p["shape"], p["scale"]}};
    }
    if (name == "beta") {
      if (p["a"] <= 0 || p["b"] <= 0) return fail("a and b must be more than 0");
      if (p["min"] >= p["max"]) return fail("min must be less than max");
      return Distribution{Beta{p["a"], p["b"], p["min"], p["max"]}};
    }
    if (name == "erlang") {
      if (p["k"] < 1 || !whole(p["k"]) || p["k"] > 1000) return fail("k must be a whole number from 1 to 1000");
      if (p["mean"] <= 0) return fail("mean must be more than 0s");
      return Distribution{Erlang{static_cast<int>(p["k"]), p["mean"]}};
    }
    if (name == "triangular") {
      if (!(p["min"] <= p["mode"] && p["mode"] <= p["max"] && p["min"] < p["max"])) {
        return fail("needs min <= mode <= max and min < max");
      }
      return Distribution{Triangular{p["min"], p["mode"], p["max"]}};
    }
    if (name == "empirical") return Distribution{Empirical{values}};
    return fail("not available here");
  }

  // ---- building the Scenario, with the cross-field rules ----

  // The value written at `path`, or the schema default of `pattern`.
  TypedValue value_or_default(const std::string& path, const std::string& pattern) const {
    if (auto it = values_.find(path); it != values_.end()) return it->second.value;
    const KeySpec* spec = find_key_spec(pattern);
    CISIM_ASSERT(spec && !spec->default_text.empty(), "value without a default was not validated");
    return default_value(*spec);
  }
  template <class T>
  T get(const std::string& path, const std::string& pattern) const {
    return std::get<T>(value_or_default(path, pattern));
  }
  // The value written at `path`, or the default of `pattern` if it has one; empty when the
  // value is missing or did not parse.
  template <class T>
  std::optional<T> maybe(const std::string& path, const std::string& pattern) const {
    if (auto it = values_.find(path); it != values_.end()) return std::get<T>(it->second.value);
    const KeySpec* spec = pattern.empty() ? nullptr : find_key_spec(pattern);
    if (spec && !spec->default_text.empty() && !spec->required && !written_.contains(path)) {
      return std::get<T>(default_value(*spec));
    }
    return std::nullopt;
  }
  bool has(const std::string& path) const { return values_.contains(path); }
  SourceLocation where(const std::string& path) const {
    if (auto it = values_.find(path); it != values_.end()) return it->second.where;
    if (auto it = sections_.find(path); it != sections_.end()) return it->second;
    return SourceLocation{};
  }

  Scenario build() {
    Scenario s;
    s.format_version = static_cast<int>(maybe<std::int64_t>("format_version", "format_version").value_or(1));
    s.name = maybe<std::string>("name", "name").value_or("");
    s.description = maybe<std::string>("description", "description").value_or("");
    s.seed = static_cast<std::uint64_t>(maybe<std::int64_t>("seed", "seed").value_or(1));
    s.replications = static_cast<int>(maybe<std::int64_t>("replications", "replications").value_or(1));
    s.start_date = maybe<CivilDate>("start_date", "start_date").value_or(CivilDate{});
    const auto horizon = maybe<Duration>("horizon", "horizon");
    const auto warmup = maybe<Duration>("warmup", "warmup");
    CustomsModelConfig& m = s.model;
    if (horizon) m.horizon = *horizon;
    if (warmup) m.warmup = *warmup;
    if (horizon && warmup && m.warmup >= m.horizon) {
      error(where(has("warmup") ? "warmup" : "horizon"), "warmup",
            fmt::format("warm-up '{}' must be shorter than the horizon '{}'", format_duration(m.warmup), format_duration(m.horizon)));
    }
    build_categories(m);
    build_origins(m);
    for (const std::string& id : ids_["facilities"]) {
      auto [info, facility] = build_facility(id);
      s.facility_info.push_back(std::move(info));
      m.facilities.push_back(std::move(facility));
    }
    const int weekday_of_start = weekday(s.start_date);
    for (const std::string& id : ids_["streams"]) {
      if (auto stream = build_stream(id, m, weekday_of_start)) m.streams.push_back(std::move(*stream));
    }
    build_policies(m);
    build_de_minimis_rules(s);
    build_formal_entry_rule(m);
    build_blitzes(s);
    // Load warnings only make sense for a scenario that is otherwise valid.
    if (!has_errors(diagnostics_)) check_offered_load(s);
    return s;
  }

  void build_categories(CustomsModelConfig& m) {
    for (const std::string& id : ids_["categories"]) {
      const std::string path = "categories." + id;
      ProductCategory c;
      c.name = id;
      if (auto value = maybe<Distribution>(path + ".value", "")) c.true_value_usd = *value;
      c.duty_rate = maybe<double>(path + ".duty_rate", "categories.*.duty_rate").value_or(0.0);
      c.undervaluation_factor = maybe<double>(path + ".undervaluation_factor", "categories.*.undervaluation_factor").value_or(0.5);
      for (int k = 0; k < kViolationKinds; ++k) {
        const std::string kind{kViolationNames[static_cast<std::size_t>(k)]};
        c.prevalence[static_cast<std::size_t>(k)] =
            maybe<double>(path + ".prevalence." + kind, "categories.*.prevalence." + kind).value_or(0.0);
      }
      m.categories.push_back(std::move(c));
    }
    // Streams without a category mix use one unnamed category worth nothing and never violating.
    m.categories.push_back(ProductCategory{"unspecified", Constant{0.0}, 0.0, {}, 0.5});
  }

  void build_origins(CustomsModelConfig& m) {
    for (const std::string& id : ids_["origins"]) {
      m.origins.push_back(Origin{id, maybe<double>("origins." + id + ".risk_multiplier", "origins.*.risk_multiplier").value_or(1.0),
                                 maybe<double>("origins." + id + ".additional_duty_rate", "origins.*.additional_duty_rate").value_or(0.0)});
    }
    m.origins.push_back(Origin{"unspecified", 1.0, 0.0});
  }

  // A map of shares over ids of `universe` (origins or categories): every id must exist and
  // the shares must sum to 1. Returns one share per universe entry (the last entry is the
  // unnamed one, used when the mix is absent).
  std::vector<double> build_mix(const std::string& path, const std::string& universe, std::size_t universe_size) {
    std::vector<double> shares(universe_size, 0.0);
    if (!written_.contains(path)) {
      shares.back() = 1.0;
      return shares;
    }
    const auto& ids = ids_[universe];
    double sum = 0.0;
    bool complete = true;
    for (const std::string& id : ids_[path]) {
      const auto it = std::find(ids.begin(), ids.end(), id);
      const auto share = maybe<double>(path + "." + id, "");
      if (it == ids.end()) {
        error(where(path + "." + id), path + "." + id,
              fmt::format("no {} '{}' in `{}`{}", universe == "origins" ? "origin" : "category", id, universe,
                          did_you_mean_suffix(id, ids)));
        complete = false;
        continue;
      }
      if (!share) {
        complete = false;
        continue;
      }
      shares[static_cast<std::size_t>(it - ids.begin())] = *share;
      sum += *share;
    }
    if (complete && std::fabs(sum - 1.0) > 1e-9) {
      error(where(path), path, fmt::format("shares must sum to 100% (got {:g}%)", sum * 100.0));
    }
    if (!complete || sum <= 0.0) {
      std::fill(shares.begin(), shares.end(), 0.0);
      shares.back() = 1.0;
    }
    return shares;
  }

  std::pair<FacilityInfo, CustomsFacility> build_facility(const std::string& id) {
    const std::string path = "facilities." + id;
    const std::string pattern = "facilities.*";
    FacilityInfo info;
    CustomsFacility f;
    info.id = id;
    f.name = id;
    info.kind = facility_kind(maybe<std::string>(path + ".kind", pattern + ".kind").value_or(""));
    info.display_name = maybe<std::string>(path + ".display_name", "").value_or(id);
    kinds_.push_back(info.kind);
    const bool center = info.kind == FacilityKind::FulfillmentCenter || info.kind == FacilityKind::ForeignFulfillmentCenter;
    if (info.kind == FacilityKind::ForeignFulfillmentCenter && written_.contains(path + ".officers")) {
      error(where(path + ".officers"), path + ".officers",
            "a foreign fulfillment center has no US officers: its parcels are inspected where they enter (the stream's "
            "`facility`)");
      return {info, f};
    }
    if (!written_.contains(path + ".officers")) {
      f.officers = ShiftSchedule::constant(0);
      if (!center) error(where(path), path, "missing required key 'officers' (the officer pool: either `count` or `shifts`)");
      return {info, f};
    }
    if (!written_.contains(path + ".methods")) {
      error(where(path), path, "missing required key 'methods' (inspection methods by id; required where there are officers)");
    }
    if (!sections_.contains(path + ".officers")) return {info, f};  // not a map: reported
    const double scale = maybe<double>(path + ".officers.scale", pattern + ".officers.scale").value_or(1.0);
    auto scaled = [scale](std::int64_t n) { return static_cast<int>(std::llround(static_cast<double>(n) * scale)); };
    const bool has_count = written_.contains(path + ".officers.count");
    const bool has_shifts = written_.contains(path + ".officers.shifts");
    if (has_count && has_shifts) {
      error(where(path + ".officers"), path + ".officers", "give either 'count' or 'shifts', not both");
    } else if (!has_count && !has_shifts) {
      error(where(path + ".officers"), path + ".officers", "missing 'count' (officers at all times) or 'shifts' (a daily schedule)");
    } else if (has_count) {
      if (auto count = maybe<std::int64_t>(path + ".officers.count", "")) f.officers = ShiftSchedule::constant(scaled(*count));
    } else if (list_sizes_.contains(path + ".officers.shifts")) {
      f.officers = build_shifts(path + ".officers.shifts", scaled);
    }
    if (!written_.contains(path + ".officers.waiting_limit") || has(path + ".officers.waiting_limit")) {
      const TypedValue limit = value_or_default(path + ".officers.waiting_limit", pattern + ".officers.waiting_limit");
      if (const auto* n = std::get_if<std::int64_t>(&limit)) f.waiting_limit = static_cast<std::size_t>(*n);
    }
    double share_sum = 0.0;
    std::string shares;
    for (const std::string& m : ids_[path + ".methods"]) {
      const std::string mp = path + ".methods." + m;
      CustomsMethod method;
      method.name = m;
      const auto share = maybe<double>(mp + ".share", pattern + ".methods.*.share");
      if (!share || !has(mp + ".duration")) return {info, f};  // reported already; the share sum would mislead
      method.share = *share;
      method.duration_seconds = get<Distribution>(mp + ".duration", "");
      for (int k = 0; k < kViolationKinds; ++k) {
        const std::string kind{kViolationNames[static_cast<std::size_t>(k)]};
        method.sensitivity[static_cast<std::size_t>(k)] =
            maybe<double>(mp + ".sensitivity." + kind, pattern + ".methods.*.sensitivity." + kind).value_or(0.0);
      }
      share_sum += method.share;
      shares += fmt::format("{}{} {:g}%", shares.empty() ? "" : ", ", m, method.share * 100.0);
      f.methods.push_back(std::move(method));
    }
    if (!f.methods.empty() && std::fabs(share_sum - 1.0) > 1e-9) {
      error(where(path + ".methods"), path + ".methods",
            fmt::format("method shares must sum to 100% (got {:g}%: {})", share_sum * 100.0, shares));
    }
    return {info, f};
  }

  template <class Scale>
  ShiftSchedule build_shifts(const std::string& path, Scale scaled) {
    struct Segment {
      Duration from;
      Duration to;
      int officers;
      std::size_t shift;
    };
    const Duration day = Duration::days(1);
    std::vector<Segment> segments;
    const std::size_t n = list_sizes_[path];
    for (std::size_t i = 0; i < n; ++i) {
      const std::string sp = fmt::format("{}[{}]", path, i);
      if (!has(sp + ".start") || !has(sp + ".end") || !has(sp + ".count")) return ShiftSchedule::constant(0);
      const Duration start = get<Duration>(sp + ".start", "");
      const Duration end = get<Duration>(sp + ".end", "");
      const int officers = scaled(get<std::int64_t>(sp + ".count", ""));
      if (start == end || (start == day && end == Duration::zero())) {
        error(where(sp + ".end"), sp + ".end", "a shift must not end when it starts");
        return ShiftSchedule::constant(0);
      }
      const Duration stop = end == Duration::zero() ? day : end;
      if (stop > start) {
        segments.push_back({start, stop, officers, i});
      } else {  // runs past midnight
        segments.push_back({start, day, officers, i});
        segments.push_back({Duration::zero(), stop, officers, i});
      }
    }
    std::sort(segments.begin(), segments.end(), [](const Segment& a, const Segment& b) { return a.from < b.from; });
    Duration covered = Duration::zero();
    bool ok = true;
    for (const Segment& seg : segments) {
      const std::string sp = fmt::format("{}[{}]", path, seg.shift);
      if (seg.from < covered) {
        error(where(sp + ".start"), sp, fmt::format("overlaps another shift between {} and {}", clock(seg.from), clock(covered)));
        ok = false;
      } else if (seg.from > covered) {
        error(where(path), path, fmt::format("no shift covers {} to {}", clock(covered), clock(seg.from)));
        ok = false;
      }
      covered = std::max(covered, seg.to);
    }
    if (covered < day) {
      error(where(path), path, fmt::format("no shift covers {} to 24:00", clock(covered)));
      ok = false;
    }
    if (!ok) return ShiftSchedule::constant(0);
    std::vector<Shift> shifts;
    for (const Segment& seg : segments) {
      if (!shifts.empty() && shifts.back().officers == seg.officers) continue;  // same count: no change
      shifts.push_back(Shift{seg.from, seg.officers});
    }
    return ShiftSchedule{shifts, day};
  }

  static std::string clock(Duration offset) {
    const auto minutes = offset.ticks() / Duration::minutes(1).ticks();
    return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
  }

  std::optional<CustomsStream> build_stream(const std::string& id, const CustomsModelConfig& m, int start_weekday) {
    const std::string path = "streams." + id;
    const std::string pattern = "streams.*";
    CustomsStream stream;
    stream.name = id;
    if (!has(path + ".facility")) return std::nullopt;
    const std::string facility = get<std::string>(path + ".facility", "");
    const auto& facility_ids = ids_["facilities"];
    const auto it = std::find(facility_ids.begin(), facility_ids.end(), facility);
    if (it == facility_ids.end()) {
      error(where(path + ".facility"), path + ".facility",
            fmt::format("no facility '{}'{}", facility, did_you_mean_suffix(facility, facility_ids)));
      return std::nullopt;
    }
    stream.facility = static_cast<std::size_t>(it - facility_ids.begin());
    if (stream.facility >= m.facilities.size()) return std::nullopt;
    if (m.facilities[stream.facility].methods.empty() && is_center(stream.facility)) {
      error(where(path + ".facility"), path + ".facility",
            fmt::format("facility '{}' is a fulfillment center without officers; name the US facility where the shipments are "
                        "entered here, and the center in `fulfillment.center`",
                        facility));
      return std::nullopt;
    }
    if (sections_.contains(path + ".fulfillment")) stream.fulfillment = build_fulfillment(path + ".fulfillment", m);
    if (sections_.contains(path + ".lot_sampling")) stream.lot_sampling = build_lot_sampling(path + ".lot_sampling");
    const std::string mode = maybe<std::string>(path + ".mode", pattern + ".mode").value_or("postal");
    stream.mode = mode == "express" ? Mode::Express : mode == "cargo" ? Mode::Cargo : mode == "truck" ? Mode::Truck : Mode::Postal;
    stream.origin_mix = build_mix(path + ".origin_mix", "origins", m.origins.size());
    stream.category_mix = build_mix(path + ".category_mix", "categories", m.categories.size());
    stream.advance_data_share = maybe<double>(path + ".advance_data", pattern + ".advance_data").value_or(1.0);
    stream.risk_multiplier = maybe<double>(path + ".risk_multiplier", pattern + ".risk_multiplier").value_or(1.0);
    stream.demand_elasticity = maybe<double>(path + ".demand_elasticity", pattern + ".demand_elasticity").value_or(0.0);
    if (sections_.contains(path + ".release_program")) {
      const auto clearance = maybe<std::int64_t>(path + ".release_program.clearance", "");
      const auto fraction = maybe<double>(path + ".release_program.fraction", "");
      const bool per_seller = maybe<std::string>(path + ".release_program.per", pattern + ".release_program.per").value_or("stream") == "seller";
      if (per_seller && !written_.contains(path + ".sellers")) {
        error(where(path + ".release_program.per"), path + ".release_program.per",
              "a plan per seller needs a seller population (`sellers`)");
      }
      if (clearance && fraction) stream.release_program = ContinuousSamplingPlan{static_cast<int>(*clearance), *fraction, per_seller};
    }
    if (auto items = maybe<CountDistribution>(path + ".items", pattern + ".items")) stream.items = *items;
    if (sections_.contains(path + ".sellers")) {
      const auto count = maybe<std::int64_t>(path + ".sellers.count", "");
      const auto zipf = maybe<double>(path + ".sellers.zipf_exponent", pattern + ".sellers.zipf_exponent");
      const auto a = maybe<double>(path + ".sellers.propensity_a", pattern + ".sellers.propensity_a");
      const auto b = maybe<double>(path + ".sellers.propensity_b", pattern + ".sellers.propensity_b");
      if (count && zipf && a && b) {
        SellerPopulation p;
        p.count = static_cast<int>(*count);
        p.zipf_exponent = *zipf;
        p.propensity_a = *a;
        p.propensity_b = *b;
        p.vetting_share = maybe<double>(path + ".sellers.vetting_share", pattern + ".sellers.vetting_share").value_or(0.0);
        p.vetting_above = maybe<double>(path + ".sellers.vetting_above", pattern + ".sellers.vetting_above").value_or(2.0);
        p.takedown_latency = maybe<Duration>(path + ".sellers.takedown_latency", "");
        if (auto k = maybe<std::int64_t>(path + ".sellers.suspend_after_findings", "")) p.suspend_after_findings = static_cast<int>(*k);
        p.restricted_categories = build_id_filter(path + ".sellers.restricted_categories", ids_["categories"], "category");
        if (p.vetting_share >= 1.0 && p.vetting_above <= 0.0) {
          error(where(path + ".sellers.vetting_share"), path + ".sellers.vetting_share", "would refuse every seller");
        }
        stream.sellers = p;
      }
    }
    const std::string ap = path + ".arrivals";
    const auto batch = maybe<CountDistribution>(ap + ".batch_size", pattern + ".arrivals.batch_size");
    if (!has(ap + ".rate") || !batch) return std::nullopt;
    for (const char* key : {".hourly_profile", ".weekly_profile", ".daily_profile"}) {
      if (written_.contains(ap + key) && !has(ap + key)) return std::nullopt;
    }
    auto profile = [&](const char* key) {
      return has(ap + "." + key) ? get<std::vector<double>>(ap + "." + key, "") : std::vector<double>{};
    };
    stream.arrivals = ArrivalProcess{get<double>(ap + ".rate", ""), profile("hourly_profile"), profile("weekly_profile"),
                                     profile("daily_profile"), *batch, start_weekday};
    return stream;
  }

  bool is_center(std::size_t facility) const {
    return facility < kinds_.size() &&
           (kinds_[facility] == FacilityKind::FulfillmentCenter || kinds_[facility] == FacilityKind::ForeignFulfillmentCenter);
  }

  std::optional<FulfillmentSupply> build_fulfillment(const std::string& path, const CustomsModelConfig& m) {
    const auto center = maybe<std::string>(path + ".center", "");
    const auto lot_units = maybe<CountDistribution>(path + ".lot_units", "");
    if (!center || !lot_units) return std::nullopt;
    const auto& facility_ids = ids_["facilities"];
    const auto it = std::find(facility_ids.begin(), facility_ids.end(), *center);
    if (it == facility_ids.end()) {
      error(where(path + ".center"), path + ".center",
            fmt::format("no facility '{}'{}", *center, did_you_mean_suffix(*center, facility_ids)));
      return std::nullopt;
    }
    FulfillmentSupply supply;
    supply.center = static_cast<std::size_t>(it - facility_ids.begin());
    if (supply.center >= m.facilities.size()) return std::nullopt;
    if (!is_center(supply.center)) {
      error(where(path + ".center"), path + ".center",
            fmt::format("facility '{}' is not a fulfillment center (its kind must be fulfillment_center or "
                        "foreign_fulfillment_center)",
                        *center));
      return std::nullopt;
    }
    supply.foreign = kinds_[supply.center] == FacilityKind::ForeignFulfillmentCenter;
    supply.lot_units = *lot_units;
    supply.split_orders = maybe<std::string>(path + ".split_orders", "streams.*.fulfillment.split_orders").value_or("true") == "true";
    supply.transit = maybe<Duration>(path + ".transit", "streams.*.fulfillment.transit").value_or(Duration::zero());
    return supply;
  }

  std::optional<LotSampling> build_lot_sampling(const std::string& path) {
    const std::string pattern = "streams.*.lot_sampling";
    const auto size = maybe<std::string>(path + ".size", "");
    if (!size) return std::nullopt;
    LotSampling plan;
    plan.size = *size == "fixed"            ? SampleSize::Fixed
                : *size == "proportion"     ? SampleSize::Proportion
                : *size == "hypergeometric" ? SampleSize::Hypergeometric
                                            : SampleSize::All;
    const auto count = maybe<std::int64_t>(path + ".count", "");
    const auto proportion = maybe<double>(path + ".proportion", "");
    if (plan.size == SampleSize::Fixed && !written_.contains(path + ".count")) {
      error(where(path), path, "missing 'count' (items opened) for size: fixed");
      return std::nullopt;
    }
    if (plan.size == SampleSize::Proportion && !written_.contains(path + ".proportion")) {
      error(where(path), path, "missing 'proportion' (share of the items opened) for size: proportion");
      return std::nullopt;
    }
    if (plan.size == SampleSize::Proportion && proportion && *proportion <= 0.0) {
      error(where(path + ".proportion"), path + ".proportion", "must be above 0% (at least one item is opened anyway)");
    }
    plan.count = static_cast<int>(count.value_or(0));
    plan.proportion = proportion.value_or(1.0);
    plan.detection_level = maybe<double>(path + ".detection_level", pattern + ".detection_level").value_or(0.01);
    plan.confidence = maybe<double>(path + ".confidence", pattern + ".confidence").value_or(0.95);
    plan.contaminated_share = maybe<double>(path + ".contaminated_share", pattern + ".contaminated_share").value_or(1.0);
    plan.time_per_item = maybe<Duration>(path + ".time_per_item", pattern + ".time_per_item").value_or(Duration::zero());
    if (plan.size == SampleSize::Hypergeometric && (plan.detection_level <= 0.0 || plan.confidence >= 1.0)) {
      const bool level = plan.detection_level <= 0.0;
      error(where(path + (level ? ".detection_level" : ".confidence")), path + (level ? ".detection_level" : ".confidence"),
            level ? "must be above 0% (no sample detects a prevalence of 0)"
                  : "must be below 100% (only opening every item is certain; use size: all)");
    }
    return plan;
  }

  void build_policies(CustomsModelConfig& m) {
    CustomsPolicies& p = m.policies;
    p.de_minimis_threshold_usd = maybe<double>("policies.de_minimis.threshold", "policies.de_minimis.threshold").value_or(800.0);
    p.informal_limit_usd =
        maybe<double>("policies.de_minimis.informal_limit", "policies.de_minimis.informal_limit").value_or(2500.0);
    if (p.informal_limit_usd < p.de_minimis_threshold_usd) {
      error(where("policies.de_minimis.informal_limit"), "policies.de_minimis.informal_limit",
            fmt::format("informal limit {:g} USD is below the de minimis threshold {:g} USD", p.informal_limit_usd,
                        p.de_minimis_threshold_usd));
    }
    p.random_rate = maybe<double>("policies.random_rate", "policies.random_rate").value_or(0.0);
    p.penalty_rate = maybe<double>("policies.penalty_rate", "policies.penalty_rate").value_or(0.0);
    p.abandon_share = maybe<double>("policies.abandon_share", "policies.abandon_share").value_or(0.0);
    p.destroy_identical_share =
        maybe<double>("policies.destroy_identical_share", "policies.destroy_identical_share").value_or(0.0);
    if (!sections_.contains("policies.targeting")) return;
    TargetingModel& t = p.targeting;
    const auto threshold = maybe<double>("policies.targeting.threshold", "");
    if (!threshold) return;
    if (*threshold <= 0.0 || *threshold >= 1.0) {
      error(where("policies.targeting.threshold"), "policies.targeting.threshold",
            "must be strictly between 0 and 1 (a logistic score never reaches 0 or 1)");
      return;
    }
    t.enabled = true;
    t.threshold = *threshold;
    const std::size_t no = m.origins.size();
    const std::size_t nc = m.categories.size();
    t.weights = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(1 + no + nc + kModes + 3));
    const std::string w = "policies.targeting.weights";
    t.weights[0] = maybe<double>(w + ".intercept", w + ".intercept").value_or(0.0);
    auto group = [&](const std::string& name, const std::vector<std::string>& universe, std::size_t offset) {
      for (const std::string& id : ids_[w + "." + name]) {
        const auto it = std::find(universe.begin(), universe.end(), id);
        if (it == universe.end()) {
          error(where(w + "." + name + "." + id), w + "." + name + "." + id,
                fmt::format("no {} '{}'{}", name, id, did_you_mean_suffix(id, universe)));
          continue;
        }
        if (auto v = maybe<double>(w + "." + name + "." + id, "")) {
          t.weights[static_cast<Eigen::Index>(offset + static_cast<std::size_t>(it - universe.begin()))] = *v;
        }
      }
    };
    group("origin", ids_["origins"], 1);
    group("category", ids_["categories"], 1 + no);
    group("mode", {"postal", "express", "cargo", "truck"}, 1 + no + nc);
    const auto tail = static_cast<Eigen::Index>(1 + no + nc + kModes);
    t.weights[tail] = maybe<double>(w + ".log_value_usd", w + ".log_value_usd").value_or(0.0);
    t.weights[tail + 1] = maybe<double>(w + ".no_advance_data", w + ".no_advance_data").value_or(0.0);
    t.weights[tail + 2] = maybe<double>(w + ".seller_history", w + ".seller_history").value_or(0.0);
  }

  SimTime date_time(const CivilDate& date, const CivilDate& start) const {
    const std::int64_t days = days_since_epoch(date) - days_since_epoch(start);
    return SimTime::start() + Duration::days(std::max<std::int64_t>(days, 0));
  }

  // The 2025-style de minimis variants: exclusions, suspension, postal specific duty.
  void build_de_minimis_rules(Scenario& s) {
    CustomsPolicies& p = s.model.policies;
    const std::string d = "policies.de_minimis";
    p.de_minimis_excluded_origins = build_id_filter(d + ".excluded_origins", ids_["origins"], "origin");
    p.de_minimis_excluded_categories = build_id_filter(d + ".excluded_categories", ids_["categories"], "category");
    if (auto from = maybe<CivilDate>(d + ".exclusions_from", "")) p.exclusions_from = date_time(*from, s.start_date);
    if (auto from = maybe<CivilDate>(d + ".suspended_from", "")) p.de_minimis_suspended_from = date_time(*from, s.start_date);
    if (auto from = maybe<CivilDate>("policies.ultimate_consignee.from", "")) p.ultimate_consignee_from = date_time(*from, s.start_date);
    const std::string bands = d + ".postal_specific_duty";
    if (!list_sizes_.contains(bands)) return;
    const std::size_t n = list_sizes_[bands];
    double previous = -1.0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::string b = fmt::format("{}[{}]", bands, i);
      const auto usd = maybe<double>(b + ".usd_per_item", "");
      const auto up_to = maybe<double>(b + ".up_to_rate", "");
      if (!usd) return;
      if (!up_to && i + 1 < n) {
        error(where(b), b, "only the last band may leave out `up_to_rate`");
        return;
      }
      const double rate = up_to.value_or(1.0);
      if (rate <= previous) {
        error(where(b + ".up_to_rate"), b + ".up_to_rate", "bands must be in increasing order of `up_to_rate`");
        return;
      }
      previous = rate;
      p.postal_specific_duty.push_back(SpecificDutyBand{i + 1 == n && !up_to ? 1.0 : rate, *usd});
    }
  }

  void build_formal_entry_rule(CustomsModelConfig& m) {
    const std::string f = "policies.formal_entry";
    if (!sections_.contains(f)) return;
    FormalEntryRule& rule = m.policies.formal_entry;
    rule.enabled = true;
    rule.min_score = maybe<double>(f + ".min_score", "");
    rule.origins = build_id_filter(f + ".origins", ids_["origins"], "origin");
    rule.categories = build_id_filter(f + ".categories", ids_["categories"], "category");
    rule.filing_delay = maybe<Duration>(f + ".filing_delay", f + ".filing_delay").value_or(Duration::zero());
    rule.inspection_rate = maybe<double>(f + ".inspection_rate", f + ".inspection_rate").value_or(0.0);
    if (rule.min_score && !m.policies.targeting.enabled) {
      error(where(f + ".min_score"), f + ".min_score", "a score rule needs policies.targeting (its weights give the score)");
    }
    if (rule.min_score && (*rule.min_score <= 0.0 || *rule.min_score >= 1.0)) {
      error(where(f + ".min_score"), f + ".min_score", "must be strictly between 0 and 1 (a logistic score never reaches 0 or 1)");
    }
    if (!rule.min_score && rule.origins.empty() && rule.categories.empty()) {
      error(where(f), f, "say which shipments are high-risk: min_score, origins or categories");
    }
  }

  // Resolves a list of ids against `universe`; absent list: empty (meaning "all").
  std::vector<bool> build_id_filter(const std::string& path, const std::vector<std::string>& universe, const char* noun) {
    std::vector<bool> chosen;
    if (!has(path)) return chosen;
    chosen.assign(universe.size() + 1, false);  // + the unnamed entry, never chosen by id
    const auto ids = get<std::vector<std::string>>(path, "");
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const auto it = std::find(universe.begin(), universe.end(), ids[i]);
      if (it == universe.end()) {
        const std::string item = fmt::format("{}[{}]", path, i);
        error(item_where_.contains(item) ? item_where_[item] : where(path), item,
              fmt::format("no {} '{}'{}", noun, ids[i], did_you_mean_suffix(ids[i], universe)));
        continue;
      }
      chosen[static_cast<std::size_t>(it - universe.begin())] = true;
    }
    return chosen;
  }

  void build_blitzes(Scenario& s) {
    CustomsModelConfig& m = s.model;
    const std::int64_t start_day = days_since_epoch(s.start_date);
    for (const std::string& id : ids_["blitzes"]) {
      const std::string path = "blitzes." + id;
      Blitz b;
      b.name = id;
      const auto first = maybe<CivilDate>(path + ".start", "");
      const auto last = maybe<CivilDate>(path + ".end", "");
      if (first && last) {
        if (*last < *first) {
          error(where(path + ".end"), path + ".end",
                fmt::format("last day {} is before the first day {}", to_string(*last), to_string(*first)));
        }
        b.start = SimTime::start() + Duration::days(days_since_epoch(*first) - start_day);
        b.end = SimTime::start() + Duration::days(days_since_epoch(*last) - start_day + 1);
        const SimTime horizon = SimTime::start() + m.horizon;
        if (b.start < SimTime::start() || b.end > horizon) {
          error(where(path), path,
                fmt::format("window {} to {} is not inside the run ({} plus {})", to_string(*first), to_string(*last),
                            to_string(s.start_date), format_duration(m.horizon)));
        }
      }
      b.facilities = build_id_filter(path + ".facilities", ids_["facilities"], "facility");
      b.facilities.resize(m.facilities.size());
      b.origins = build_id_filter(path + ".origins", ids_["origins"], "origin");
      b.categories = build_id_filter(path + ".categories", ids_["categories"], "category");
      const bool rate = written_.contains(path + ".selection_rate");
      const bool count = written_.contains(path + ".daily_count");
      if (rate == count) {
        error(where(path), path, rate ? "give either 'selection_rate' or 'daily_count', not both"
                                      : "missing 'selection_rate' (a share) or 'daily_count' (per facility per day)");
      }
      if (rate) b.selection_rate = maybe<double>(path + ".selection_rate", "");
      if (auto n = maybe<std::int64_t>(path + ".daily_count", "")) b.daily_count = static_cast<int>(*n);
      b.surge_officers = static_cast<int>(maybe<std::int64_t>(path + ".surge_officers", "blitzes.*.surge_officers").value_or(0));
      if (auto method = maybe<std::string>(path + ".method", "")) {
        b.method = *method;
        for (std::size_t f = 0; f < m.facilities.size(); ++f) {
          if (!b.facilities[f]) continue;
          std::vector<std::string> names;
          for (const auto& x : m.facilities[f].methods) names.push_back(x.name);
          if (std::find(names.begin(), names.end(), *method) == names.end()) {
            error(where(path + ".method"), path + ".method",
                  fmt::format("facility '{}' has no method '{}'{}", m.facilities[f].name, *method, did_you_mean_suffix(*method, names)));
          }
        }
      }
      m.blitzes.push_back(std::move(b));
    }
  }

  // Warns when work arrives faster than the officers on duty can do it on average: the
  // waiting line then grows without bound and waits depend on the horizon. Counts only
  // what the policies select: every shipment under random_rate 100%, for example.
  void check_offered_load(const Scenario& s) {
    const CustomsModelConfig& m = s.model;
    const bool inspects_all = m.policies.random_rate >= 1.0;
    for (std::size_t f = 0; f < m.facilities.size(); ++f) {
      const CustomsFacility& facility = m.facilities[f];
      if (facility.waiting_limit || facility.methods.empty()) continue;
      double inspection_seconds = 0.0;
      for (const auto& method : facility.methods) inspection_seconds += method.share * mean_of(method.duration_seconds);
      double selected_per_second = 0.0;
      for (const auto& stream : m.streams) {
        if (stream.facility != f) continue;
        const double shipments = stream.arrivals.rate_per_second() * stream.arrivals.mean_batch_size();
        // Without targeting or blitzes, the random sample is the whole selection.
        selected_per_second += shipments * (inspects_all ? 1.0 : m.policies.random_rate);
      }
      const double officers_needed = selected_per_second * inspection_seconds;
      const double on_duty = facility.officers.officer_hours(SimTime::start() + Duration::days(1)) / 24.0;
      // At a utilization of 1 the line grows without bound too (a null-recurrent queue).
      if (officers_needed > 0.0 && officers_needed >= on_duty) {
        warning(where("facilities." + facility.name), "facilities." + facility.name,
                fmt::format("offered load needs {:.2f} officers on average but {:.2f} are on duty; the waiting line "
                            "will grow without bound (add officers, lower the rates, or set a waiting_limit)",
                            officers_needed, on_duty));
      }
    }
  }

  std::vector<Diagnostic> diagnostics_;
  std::map<std::string, Located> values_;
  std::map<std::string, SourceLocation> sections_;
  std::map<std::string, std::vector<std::string>> ids_;
  std::map<std::string, std::size_t> list_sizes_;
  std::set<std::string> written_;  // every path the file wrote, valid or not
  std::map<std::string, SourceLocation> item_where_;  // items of id lists
  std::vector<FacilityKind> kinds_;  // per facility, in order
};

}  // namespace

ValidationResult validate_scenario(const RawNode& root) { return Validator{}.run(root); }


}  // namespace cisim
