// SPDX-License-Identifier: MIT
// The scenario schema: one declarative table of every key, which drives loading,
// validation, --set and the reference documentation, so the four cannot disagree.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cisim {

/// What a key holds. Leaves are parsed with the unit rules of scenario/units.hpp.
enum class KeyType {
  Section,       ///< a map with fixed keys (its children in the table)
  IdMap,         ///< a map from ids of the user's choosing to sections (child path "<path>.*")
  List,          ///< a list of sections (child path "<path>[]")
  Integer,       ///< a whole number; may allow the word "unlimited"
  Real,          ///< a plain number
  Fraction,      ///< 0.02 or 2%
  Duration,      ///< 45min, 2h, 92d
  TimeOfDay,     ///< HH:MM
  Rate,          ///< 9/h, 4000000/d
  Money,         ///< 800 USD
  Date,          ///< 2019-07-01
  Text,          ///< free text
  Choice,        ///< one of `choices`
  Reference,     ///< an id of the IdMap at `reference`
  RealList,      ///< a list of plain numbers, optionally of a fixed length
  PathList,      ///< a file path or a list of them
  DurationDist,  ///< {dist: ..., ...} with durations for parameters
  MoneyDist,     ///< {dist: ..., ...} with amounts in USD for parameters
  IdList,        ///< a list of ids of the IdMap at `reference`
  CountDist,     ///< {dist: ...} over whole numbers
};

/// One key of the schema. Numeric bounds are in the canonical unit of the type: seconds,
/// per second, USD, or the plain number.
struct KeySpec {
  std::string path;                 ///< dotted; "*" stands for an id, "[]" for a list item
  KeyType type = KeyType::Text;
  std::string unit;                 ///< as shown in the reference ("officers", "duration", ...)
  bool required = false;
  std::string default_text;         ///< as a user would write it; empty: no default
  std::optional<double> min;
  std::optional<double> max;
  bool min_exclusive = false;
  bool allows_unlimited = false;    ///< Integer: the word "unlimited" means no bound
  bool dated = false;               ///< the value may be a schedule {DATE: value, ...} (docs/model.md, "Dated parameters")
  std::optional<std::size_t> length;  ///< RealList: exact number of entries
  std::vector<std::string> choices; ///< Choice
  std::string reference;            ///< Reference: the IdMap whose ids are valid
  std::string description;
  std::string example;
};

/// The whole table, in documentation order.
std::span<const KeySpec> scenario_schema();

/// The spec whose path pattern is `pattern` exactly, or null.
const KeySpec* find_key_spec(std::string_view pattern);

/// The schema pattern of a child `key` of the node at `pattern` ("" for the root):
/// "<pattern>.*" under an IdMap (the key is an id), "<pattern>.<key>" otherwise.
std::string child_pattern(const std::string& pattern, const std::string& key);

/// Direct children of a Section pattern (their last path segment).
std::vector<std::string> child_keys(std::string_view pattern);

/// The distributions a *Distribution key accepts, with their parameters, for the reference.
struct DistributionForm {
  std::string name;
  std::vector<std::string> parameters;  ///< "mean: duration" and so on
  bool for_durations = false;
  bool for_counts = false;
  std::string description;
};
std::span<const DistributionForm> distribution_forms();

/// The Markdown reference (what `cisim schema` prints and docs/scenario-reference.md holds).
std::string schema_markdown();

}  // namespace cisim
