// SPDX-License-Identifier: MIT
// Validator's checks of distributions: the form, its parameters in the key's unit, and their ranges.
#include "validator.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include <fmt/core.h>

#include "scenario/bounds.hpp"
#include "cisim/scenario/did_you_mean.hpp"

namespace cisim::detail {
namespace {

// Parameters of a distribution that are pure shapes, never in the key's unit.
bool is_shape_parameter(const std::string& p) { return p == "shape" || p == "a" || p == "b" || p == "k"; }

}  // namespace

// A distribution: {dist: name, parameters...}. Durations take time units for every
// parameter but the shape ones; counts take plain numbers.
std::optional<std::variant<Distribution, CountDistribution>> Validator::check_distribution(
    const RawNode& node, const std::string& path, Quantity quantity) {
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
  // A name may have a form for durations and another for counts (uniform, empirical).
  const DistributionForm& form = *std::find_if(distribution_forms().begin(), distribution_forms().end(), [&](const DistributionForm& f) {
    return f.name == dist->scalar && (counts ? f.for_counts : f.for_durations);
  });
  std::map<std::string, double> p;
  std::vector<double> values;
  std::vector<double> weights;
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
    if (e->key == "values" || e->key == "weights") {
      if (!e->value.is_sequence() || e->value.items.empty()) {
        error(e->value.where, key_path, fmt::format("expected a non-empty list, found {}", describe(e->value)));
        ok = false;
        continue;
      }
      const bool weight = e->key == "weights";
      for (const auto& item : e->value.items) {
        auto v = parse_parameter(item, key_path, quantity, weight);
        if (!v) ok = false;
        else (weight ? weights : values).push_back(*v);
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
  return make_distribution(form.name, p, values, weights, node, path, counts);
}

// Parses one parameter: plain numbers for shapes and counts, USD for money, durations
// otherwise (in seconds).
std::optional<double> Validator::parse_parameter(const RawNode& node, const std::string& path, Quantity quantity, bool plain) {
  const bool number = plain || quantity == Quantity::Count;
  if (!node.is_scalar()) {
    error(node.where, path,
          fmt::format("expected {}, found {}",
                      number ? "a number" : quantity == Quantity::Money ? "an amount such as '45 USD'" : "a duration such as '3min'",
                      describe(node)));
    return std::nullopt;
  }
  if (number) {
    auto x = take(parse_real(node.scalar), node, path);
    if (x && quantity == Quantity::Count && std::fabs(*x) > kMaxCountParameter) {
      error(node.where, path, fmt::format("must be at most {:g} (got '{}')", kMaxCountParameter, node.scalar));
      return std::nullopt;
    }
    return x;
  }
  if (quantity == Quantity::Money) {
    auto usd = take(parse_money_usd(node.scalar), node, path);
    if (usd && *usd < 0.0) {
      error(node.where, path, fmt::format("must be at least 0 USD (got '{}')", node.scalar));
      return std::nullopt;
    }
    if (usd && *usd > kMaxMoneyParameterUsd) {
      error(node.where, path, fmt::format("must be at most {:g} USD (got '{}')", kMaxMoneyParameterUsd, node.scalar));
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
  if (d->to_seconds() > kMaxDurationParameterSeconds) {
    error(node.where, path, fmt::format("must be at most 365d (got '{}')", node.scalar));
    return std::nullopt;
  }
  return d->to_seconds();
}

std::optional<std::variant<Distribution, CountDistribution>> Validator::make_distribution(
    const std::string& name, std::map<std::string, double>& p, std::vector<double>& values, const std::vector<double>& weights,
    const RawNode& node, const std::string& path, bool counts) {
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
    if (name == "uniform") {
      if (p["min"] < 0 || !whole(p["min"]) || !whole(p["max"])) return fail("min and max must be whole numbers >= 0");
      if (p["min"] > p["max"]) return fail("min must not exceed max");
      return CountDistribution{UniformCount{static_cast<std::int64_t>(p["min"]), static_cast<std::int64_t>(p["max"])}};
    }
    if (name == "empirical") {
      if (values.size() != weights.size()) {
        return fail(fmt::format("needs one weight per value ({} values, {} weights)", values.size(), weights.size()));
      }
      std::vector<std::int64_t> whole_values;
      double total = 0.0;
      for (std::size_t i = 0; i < values.size(); ++i) {
        if (values[i] < 0 || !whole(values[i])) return fail("values must be whole numbers >= 0");
        if (weights[i] < 0) return fail("weights must be at least 0");
        whole_values.push_back(static_cast<std::int64_t>(values[i]));
        total += weights[i];
      }
      if (total <= 0) return fail("weights must not all be 0");
      return CountDistribution{EmpiricalCount{std::move(whole_values), weights}};
    }
    if (name == "poisson") {
      if (p["mean"] < 0) return fail("mean must be at least 0");
      return CountDistribution{Poisson{p["mean"]}};
    }
    if (p["n"] < 0 || !whole(p["n"])) return fail("n must be a whole number >= 0");
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
    if (p["sd"] > kMaxCoefficientOfVariation * p["mean"]) return fail("sd must be at most 100 times the mean");
    return Distribution{LogNormal::from_mean_sd(p["mean"], p["sd"])};
  }
  if (name == "gamma") {
    if (p["shape"] <= 0 || p["scale"] <= 0) return fail("shape and scale must be more than 0");
    if (p["shape"] > kMaxShapeParameter) return fail("shape must be at most 1e+06");
    return Distribution{Gamma{p["shape"], p["scale"]}};
  }
  if (name == "beta") {
    if (p["a"] <= 0 || p["b"] <= 0) return fail("a and b must be more than 0");
    if (p["a"] > kMaxShapeParameter || p["b"] > kMaxShapeParameter) return fail("a and b must be at most 1e+06");
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

}  // namespace cisim::detail
