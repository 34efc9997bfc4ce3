// SPDX-License-Identifier: MIT
// Builders of schema table rows, shared by the files that hold the table's sections.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cisim/scenario/schema.hpp"

namespace cisim::detail {

KeySpec section(std::string path, bool required, std::string description);
KeySpec leaf(std::string path, KeyType type, std::string unit, bool required, std::string default_text,
             std::string description, std::string example);
KeySpec with_range(KeySpec k, std::optional<double> min, std::optional<double> max, bool min_exclusive = false);
/// The key may also be written as a dated schedule, {DATE: value, ...}.
inline KeySpec dated(KeySpec k) {
  k.dated = true;
  return k;
}
/// An IdList key: a list of ids of the IdMap at `reference`.
KeySpec reference_list(std::string path, std::string reference, bool required, std::string description, std::string example);
/// One fraction key per violation kind under `section`.
void per_violation(std::vector<KeySpec>& s, const std::string& section, const std::string& what, const std::string& example);

/// The keys of what is simulated, in documentation order: the run (seed, horizon...),
/// facilities, streams, categories and origins (schema_model_keys.cpp).
void add_model_keys(std::vector<KeySpec>& s);
/// The keys of the decisions, in documentation order: policies and blitzes (schema_policy_keys.cpp).
void add_policy_keys(std::vector<KeySpec>& s);

}  // namespace cisim::detail
