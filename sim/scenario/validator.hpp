// SPDX-License-Identifier: MIT
// Validator: the state of one validate_scenario pass, its methods spread over the validator_*.cpp files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "cisim/scenario/diagnostic.hpp"
#include "cisim/scenario/raw_node.hpp"
#include "cisim/scenario/scenario.hpp"
#include "cisim/scenario/schema.hpp"
#include "cisim/scenario/units.hpp"
#include "cisim/model/dated_value.hpp"
#include "cisim/scenario/validate.hpp"

namespace cisim::detail {

struct Unlimited {};
/// A dated key's schedule: its dates, in order; the value of each is stored at "<path>.<date>".
struct DatedDates {
  std::vector<CivilDate> dates;
};
using TypedValue = std::variant<Unlimited, std::int64_t, double, Duration, CivilDate, std::string, std::vector<double>,
                                std::vector<std::string>, Distribution, CountDistribution, DatedDates>;

struct Located {
  TypedValue value;
  SourceLocation where;
};

// What a distribution's parameters measure.
enum class Quantity { Duration, Money, Count };

/// One pass over a RawNode: first the walk checks every key and stores each value that
/// parses (values_, keyed by its full path), then build() makes the Scenario from them and
/// applies the cross-field rules. Every problem becomes a diagnostic; nothing throws.
/// Invariant: a path is in values_ only if its value parsed and passed its range check, so
/// the build skips what was reported already instead of reporting it twice.
class Validator {
 public:
  ValidationResult run(const RawNode& root);

  // Parses a schema default through the same leaf rules as user input.
  static TypedValue default_value(const KeySpec& spec);

 private:
  // validate.cpp: diagnostics, shared text helpers, reading stored values, the build.
  void error(const SourceLocation& where, const std::string& key, std::string message);
  bool follows_an_error(const std::string& key) const;
  bool has_error_under(const std::string& path) const;
  void warning(const SourceLocation& where, const std::string& key, std::string message);
  static std::string join(const std::string& path, const std::string& key);
  static std::string list_of(const std::vector<std::string>& names);
  static const char* expected_text(KeyType t);

  TypedValue value_or_default(const std::string& path, const std::string& pattern) const;
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
  // validator_dated.cpp: a value written plainly or as a schedule {DATE: value, ...}, as a
  // number on the clock (the first step from its start); empty when missing or in error.
  std::optional<DatedValue> maybe_dated(const std::string& path, const std::string& pattern);
  void check_dated(const RawNode& node, const KeySpec& spec, const std::string& path);
  CivilDate clock_start_;            // the clock's first day (start_date less the spin-up)
  CivilDate written_start_;          // start_date as written
  Duration horizon_ = Duration::zero();  // with the spin-up
  // Schedules with steps past the horizon (which never apply in this run): the first such
  // step's key, date and place, and how many keys have one (one warning says so, in build).
  struct PastHorizon {
    std::string key;
    CivilDate date;
    SourceLocation where;
    std::size_t keys = 0;
  } past_horizon_;
  SourceLocation where(const std::string& path) const;

  Scenario build();
  void check_offered_load(const Scenario& s);
  void check_unused(const Scenario& s);

  // validator_walk.cpp: the tree against the schema's sections, id maps and lists.
  void walk(const RawNode& node, const std::string& pattern, const std::string& path);
  std::vector<const RawNode::Entry*> unique_entries(const RawNode& node, const std::string& path);
  void walk_section(const RawNode& node, const std::string& pattern, const std::string& path);
  void walk_id_map(const RawNode& node, const KeySpec& spec, const std::string& pattern, const std::string& path);
  void walk_list(const RawNode& node, const std::string& pattern, const std::string& path);

  // validator_leaves.cpp: one value by its key type.
  template <class T>
  bool check_range(const KeySpec& spec, T value, double canonical, const RawNode& node, const std::string& path);
  template <class T>
  std::optional<T> take(const Parsed<T>& parsed, const RawNode& node, const std::string& path) {
    if (!parsed.value) {
      error(node.where, path, parsed.error);
      return std::nullopt;
    }
    return parsed.value;
  }
  void store(const std::string& path, TypedValue value, const SourceLocation& where);
  void check_leaf(const RawNode& node, const KeySpec& spec, const std::string& path);
  void check_real_list(const RawNode& node, const KeySpec& spec, const std::string& path);
  void check_id_list(const RawNode& node, const std::string& path);
  void check_path_list(const RawNode& node, const std::string& path);

  // validator_distributions.cpp: {dist: name, parameters...} values.
  std::optional<std::variant<Distribution, CountDistribution>> check_distribution(const RawNode& node, const std::string& path,
                                                                                  Quantity quantity);
  std::optional<double> parse_parameter(const RawNode& node, const std::string& path, Quantity quantity, bool plain);
  std::optional<std::variant<Distribution, CountDistribution>> make_distribution(const std::string& name,
                                                                                 std::map<std::string, double>& p,
                                                                                 std::vector<double>& values,
                                                                                 const std::vector<double>& weights,
                                                                                 const RawNode& node, const std::string& path,
                                                                                 bool counts);

  // validator_facilities.cpp: facilities, their officers, shifts and methods.
  std::pair<FacilityInfo, Facility> build_facility(const std::string& id);
  template <class Scale>
  ShiftSchedule build_shifts(const std::string& path, Scale scaled);
  static std::string clock(Duration offset);
  bool is_center(std::size_t facility) const;

  // validator_streams.cpp: categories, origins and the streams that mix them.
  void build_categories(CustomsModelConfig& m);
  void build_origins(CustomsModelConfig& m);
  std::vector<double> build_mix(const std::string& path, const std::string& universe, std::size_t universe_size);
  std::optional<CustomsStream> build_stream(const std::string& id, const CustomsModelConfig& m, int start_weekday);
  std::optional<DisplacementRule> build_displacement(const std::string& id, const CustomsStream& stream);
  void build_post_scoring(CustomsModelConfig& m);
  std::optional<FulfillmentSupply> build_fulfillment(const std::string& path, const CustomsModelConfig& m);
  std::optional<LotSampling> build_lot_sampling(const std::string& path);

  // validator_policies.cpp: policies and blitzes.
  void build_policies(CustomsModelConfig& m);
  SimTime date_time(const CivilDate& date, const CivilDate& start) const;
  void build_de_minimis_rules(Scenario& s);
  void build_formal_entry_rule(CustomsModelConfig& m);
  /// The index of `id` in the ids of `universe` ("origins", "facilities"), or an error at
  /// `path` ("no origin 'CM'; did you mean 'CN'?") and nothing.
  std::optional<std::size_t> index_of_id(const std::string& path, const std::string& id, const std::string& universe,
                                         const char* noun);
  std::vector<bool> build_id_filter(const std::string& path, const std::vector<std::string>& universe, const char* noun);
  void build_blitzes(Scenario& s);

  std::vector<Diagnostic> diagnostics_;
  std::map<std::string, Located> values_;
  std::map<std::string, SourceLocation> sections_;
  std::map<std::string, std::vector<std::string>> ids_;
  std::map<std::string, std::size_t> list_sizes_;
  std::set<std::string> written_;  // every path the file wrote, valid or not
  std::map<std::string, SourceLocation> item_where_;  // items of id lists
  std::vector<FacilityKind> kinds_;  // per facility, in order
};

}  // namespace cisim::detail
