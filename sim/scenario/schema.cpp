// SPDX-License-Identifier: MIT
// The scenario schema table: its row builders, its assembly from the section files, and look-ups.
#include "cisim/scenario/schema.hpp"

#include "scenario/bounds.hpp"

#include "schema_rows.hpp"

namespace cisim {
namespace detail {

KeySpec section(std::string path, bool required, std::string description) {
  KeySpec k;
  k.path = std::move(path);
  k.type = KeyType::Section;
  k.required = required;
  k.description = std::move(description);
  return k;
}

KeySpec leaf(std::string path, KeyType type, std::string unit, bool required, std::string default_text,
             std::string description, std::string example) {
  KeySpec k;
  k.path = std::move(path);
  k.type = type;
  k.unit = std::move(unit);
  k.required = required;
  k.default_text = std::move(default_text);
  k.description = std::move(description);
  k.example = std::move(example);
  return k;
}

KeySpec with_range(KeySpec k, std::optional<double> min, std::optional<double> max, bool min_exclusive) {
  k.min = min;
  k.max = max;
  k.min_exclusive = min_exclusive;
  return k;
}

KeySpec reference_list(std::string path, std::string reference, bool required, std::string description, std::string example) {
  KeySpec k = leaf(std::move(path), KeyType::IdList, "", required, "", std::move(description), std::move(example));
  k.reference = std::move(reference);
  return k;
}

void per_violation(std::vector<KeySpec>& s, const std::string& section, const std::string& what, const std::string& example) {
  for (const char* kind : {"counterfeit", "undervaluation", "misdescription", "prohibited", "agricultural"}) {
    s.push_back(leaf(section + "." + kind, KeyType::Fraction, "fraction", false, "0", what + " " + kind, example));
  }
}

}  // namespace detail

std::span<const KeySpec> scenario_schema() {
  // Sections in documentation order: the reference lists keys as they stand here.
  static const std::vector<KeySpec> kSchema = [] {
    std::vector<KeySpec> s;
    detail::add_model_keys(s);
    detail::add_policy_keys(s);
    // Every duration reaches the clock: one without a bound of its own is at most 365 days
    // (decision 0008), so that no sum or product of them overflows it.
    for (KeySpec& k : s) {
      if (k.type == KeyType::Duration && !k.max) k.max = kMaxDurationParameterSeconds;
    }
    return s;
  }();
  return kSchema;
}

const KeySpec* find_key_spec(std::string_view pattern) {
  for (const KeySpec& k : scenario_schema()) {
    if (k.path == pattern) return &k;
  }
  return nullptr;
}

std::string child_pattern(const std::string& pattern, const std::string& key) {
  if (pattern.empty()) return key;
  const KeySpec* spec = find_key_spec(pattern);
  return spec && spec->type == KeyType::IdMap ? pattern + ".*" : pattern + "." + key;
}

std::vector<std::string> child_keys(std::string_view pattern) {
  std::vector<std::string> out;
  const std::string prefix = pattern.empty() ? std::string{} : std::string{pattern} + ".";
  for (const KeySpec& k : scenario_schema()) {
    if (!k.path.starts_with(prefix)) continue;
    const std::string rest = k.path.substr(prefix.size());
    if (!rest.empty() && rest.find('.') == std::string::npos && rest.find('[') == std::string::npos && rest != "*") {
      out.push_back(rest);
    }
  }
  return out;
}

std::span<const DistributionForm> distribution_forms() {
  static const std::vector<DistributionForm> kForms{
      {"constant", {"value"}, true, true, "always `value`"},
      {"uniform", {"min", "max"}, true, false, "uniform between `min` and `max`"},
      {"exponential", {"mean"}, true, false, "exponential with the given mean"},
      {"normal", {"mean", "sd"}, true, false, "normal; for durations `mean` must be at least 3 `sd`, and negative draws count as 0"},
      {"lognormal", {"mean", "sd"}, true, false, "lognormal with the given mean and standard deviation (of the values themselves)"},
      {"gamma", {"shape", "scale"}, true, false, "gamma with a plain `shape` and a `scale` in the unit of the key"},
      {"beta", {"a", "b", "min", "max"}, true, false, "beta(a, b) stretched onto [`min`, `max`]"},
      {"erlang", {"k", "mean"}, true, false, "sum of `k` exponentials with total mean `mean`"},
      {"triangular", {"min", "mode", "max"}, true, false, "triangular on [`min`, `max`] peaking at `mode`"},
      {"empirical", {"values"}, true, false, "piecewise-linear between the sorted `values` (a list)"},
      {"poisson", {"mean"}, false, true, "Poisson with the given mean (may be 0)"},
      {"binomial", {"n", "p"}, false, true, "binomial: `n` trials with success fraction `p`"},
      {"uniform", {"min", "max"}, false, true, "whole numbers from `min` to `max`, each equally likely"},
      {"empirical", {"values", "weights"}, false, true, "the whole numbers `values` (a list) with the relative `weights` (a list as long)"},
  };
  return kForms;
}

}  // namespace cisim
