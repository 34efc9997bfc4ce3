// SPDX-License-Identifier: MIT
// validate_scenario: the Validator pass, its diagnostics and the build of the typed Scenario.
#include "cisim/scenario/validate.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cisim/base/assert.hpp"
#include "cisim/scenario/yaml_reader.hpp"
#include "validator.hpp"

namespace cisim {
namespace detail {

ValidationResult Validator::run(const RawNode& root) {
  walk(root, "", "");
  // Build even after errors, so cross-field rules report in the same pass; every rule
  // skips values that did not parse (already reported).
  std::optional<Scenario> scenario = build();
  if (has_errors(diagnostics_)) scenario.reset();
  sort_diagnostics(diagnostics_);
  return ValidationResult{std::move(scenario), std::move(diagnostics_)};
}

TypedValue Validator::default_value(const KeySpec& spec) {
  std::vector<Diagnostic> d;
  auto node = read_yaml_text(spec.default_text, "<schema default>", d);
  CISIM_ASSERT(node.has_value(), "schema default does not parse as YAML");
  Validator v;
  v.check_leaf(*node, spec, spec.path);
  CISIM_ASSERT(!has_errors(v.diagnostics_) && v.values_.contains(spec.path), "schema default is invalid");
  return v.values_.at(spec.path).value;
}

// An error at `key` or one of its ancestors was reported already.
bool Validator::follows_an_error(const std::string& key) const {
  return std::any_of(diagnostics_.begin(), diagnostics_.end(), [&](const Diagnostic& d) {
    return d.severity == Severity::Error && (d.key == key || (key.size() > d.key.size() && key.starts_with(d.key) &&
                                                              key[d.key.size()] == '.'));
  });
}

bool Validator::has_error_under(const std::string& path) const {
  return std::any_of(diagnostics_.begin(), diagnostics_.end(), [&](const Diagnostic& d) {
    return d.severity == Severity::Error && (d.key == path || d.key.starts_with(path + "."));
  });
}

void Validator::error(const SourceLocation& where, const std::string& key, std::string message) {
  SourceLocation at = where;
  if (at.file.empty()) {
    // A check made while building the scenario, on something the walk already reported
    // (a facility written as a scalar has no officers): a follow-on, not a new problem.
    if (follows_an_error(key)) return;
    // Otherwise it is located at the nearest written ancestor.
    for (std::string path = key; at.file.empty() && !path.empty();) {
      const auto dot = path.rfind('.');
      path = dot == std::string::npos ? std::string{} : path.substr(0, dot);
      at = this->where(path);
    }
  }
  diagnostics_.push_back(Diagnostic{Severity::Error, at, key, std::move(message)});
}

void Validator::warning(const SourceLocation& where, const std::string& key, std::string message) {
  diagnostics_.push_back(Diagnostic{Severity::Warning, where, key, std::move(message)});
}

// The value written at `path`, or the schema default of `pattern`.
TypedValue Validator::value_or_default(const std::string& path, const std::string& pattern) const {
  if (auto it = values_.find(path); it != values_.end()) return it->second.value;
  const KeySpec* spec = find_key_spec(pattern);
  CISIM_ASSERT(spec && !spec->default_text.empty(), "value without a default was not validated");
  return default_value(*spec);
}

SourceLocation Validator::where(const std::string& path) const {
  if (auto it = values_.find(path); it != values_.end()) return it->second.where;
  if (auto it = sections_.find(path); it != sections_.end()) return it->second;
  return SourceLocation{};
}

Scenario Validator::build() {
  Scenario s;
  s.format_version = static_cast<int>(maybe<std::int64_t>("format_version", "format_version").value_or(1));
  s.name = maybe<std::string>("name", "name").value_or("");
  s.description = maybe<std::string>("description", "description").value_or("");
  s.question = maybe<std::string>("question", "question").value_or("");
  s.seed = static_cast<std::uint64_t>(maybe<std::int64_t>("seed", "seed").value_or(1));
  s.replications = static_cast<int>(maybe<std::int64_t>("replications", "replications").value_or(1));
  s.start_date = maybe<CivilDate>("start_date", "start_date").value_or(CivilDate{});
  const auto horizon = maybe<Duration>("horizon", "horizon");
  const auto warmup = maybe<Duration>("warmup", "warmup");
  CustomsModelConfig& m = s.model;
  if (horizon) m.horizon = *horizon;
  if (warmup) m.warmup = *warmup;
  // Dates are written with four-digit years: the last simulated day must be one.
  if (horizon && days_since_epoch(s.start_date) + static_cast<std::int64_t>(std::ceil(horizon->to_days())) >
                     days_since_epoch(CivilDate{9999, 12, 31}) + 1) {
    error(where("horizon"), "horizon",
          fmt::format("from start_date {} the horizon {} runs past 9999-12-31 (dates have four-digit years): start "
                      "earlier or shorten the horizon",
                      to_string(s.start_date), format_duration(*horizon)));
  }
  m.exact = maybe<std::string>("simulation", "simulation").value_or("aggregated") == "exact";
  if (horizon && warmup && m.warmup >= m.horizon) {
    error(where(has("warmup") ? "warmup" : "horizon"), "warmup",
          fmt::format("warm-up '{}' must be shorter than the horizon '{}'", format_duration(m.warmup), format_duration(m.horizon)));
  }
  // The spin-up runs before start_date: the clock starts that many days earlier, and the
  // horizon and the warm-up (nothing measured) grow by it.
  if (const auto spin_up = maybe<Duration>("spin_up", "spin_up"); spin_up && *spin_up > Duration::zero()) {
    if (spin_up->ticks() % Duration::days(1).ticks() != 0) {
      error(where("spin_up"), "spin_up",
            fmt::format("spin-up '{}' must be whole days (so the measured window starts at midnight of start_date), "
                        "such as '{}d'",
                        format_duration(*spin_up), static_cast<std::int64_t>(std::ceil(spin_up->to_days()))));
    } else if (days_since_epoch(s.start_date) - static_cast<std::int64_t>(spin_up->to_days()) < days_since_epoch(CivilDate{1, 1, 1})) {
      error(where("spin_up"), "spin_up",
            fmt::format("a spin-up of '{}' before start_date {} starts before 0001-01-01 (dates have four-digit years)",
                        format_duration(*spin_up), to_string(s.start_date)));
    } else {
      s.spin_up = *spin_up;
      s.start_date = civil_date(days_since_epoch(s.start_date) - s.spin_up_days());
      m.horizon += s.spin_up;
      m.warmup += s.spin_up;
    }
  }
  // Dated values are placed on the clock from here on.
  clock_start_ = s.start_date;
  written_start_ = s.written_start_date();
  horizon_ = m.horizon;
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
  build_post_scoring(m);
  m.policies.post_scoring.quarters_from = SimTime::start() + s.spin_up;
  build_blitzes(s);
  if (past_horizon_.keys > 0) {
    const std::int64_t end_day = days_since_epoch(s.start_date) + static_cast<std::int64_t>(days_covering(m.horizon));
    warning(past_horizon_.where, past_horizon_.key,
            fmt::format("{} is past the horizon (its last day is {}): the steps from it on never apply in this run{}",
                        to_string(past_horizon_.date), to_string(civil_date(end_day - 1)),
                        past_horizon_.keys == 1 ? std::string{}
                                                : fmt::format(", nor those past the horizon of {} other dated key{}",
                                                              past_horizon_.keys - 1, past_horizon_.keys == 2 ? "" : "s")));
  }
  // Load warnings only make sense for a scenario that is otherwise valid.
  if (!has_errors(diagnostics_)) {
    check_offered_load(s);
    check_unused(s);
  }
  return s;
}

// Warns when work arrives faster than the officers on duty can do it on average: the
// waiting line then grows without bound and waits depend on the horizon. Counts only
// what the policies select: every shipment under random_rate 100%, for example. Dated
// volumes, officers, examination times and audit rates cut the horizon into periods, each
// checked on its own (a period shorter than a day only within a horizon that short): the
// worst is named.
void Validator::check_offered_load(const Scenario& s) {
  const CustomsModelConfig& m = s.model;
  const bool inspects_all = m.policies.random_rate >= 1.0;
  const SimTime start = SimTime::start(), end = start + m.horizon;
  for (std::size_t f = 0; f < m.facilities.size(); ++f) {
    const Facility& facility = m.facilities[f];
    if (facility.methods.empty()) continue;
    // The audit's line is never bounded (decision 0018): a waiting limit does not save it.
    if (facility.waiting_limit && m.policies.audit_rate.max() == 0.0) continue;
    std::vector<SimTime> cuts{start, end};
    const auto add = [&](const DatedValue& v) {
      for (const auto& step : v.steps()) cuts.push_back(step.first);
    };
    add(m.policies.audit_rate);
    for (const auto& method : facility.methods) add(method.duration_scale);
    for (const auto& stream : m.streams) {
      if (stream.facility == f) add(stream.rate_scale);
    }
    if (!facility.officers.cycle()) {
      for (const Shift& shift : facility.officers.shifts()) cuts.push_back(start + shift.start);
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    cuts.erase(std::remove_if(cuts.begin(), cuts.end(), [&](SimTime t) { return t < start || t > end; }), cuts.end());
    double worst = 0.0, worst_needed = 0.0, worst_on_duty = 0.0;
    SimTime worst_from = start, worst_to = end;
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
      const SimTime a = cuts[i], b = cuts[i + 1];
      if (b - a < Duration::days(1) && m.horizon >= Duration::days(1)) continue;
      const double audit = m.policies.audit_rate.at(a);
      if (facility.waiting_limit && audit == 0.0) continue;
      double inspection_seconds = 0.0;
      for (const auto& method : facility.methods) inspection_seconds += method.share * mean_of(method.duration_seconds) * method.duration_scale.at(a);
      double selected_per_second = 0.0, audited_per_second = 0.0;
      for (const auto& stream : m.streams) {
        if (stream.facility != f) continue;
        const double shipments = stream.arrivals.rate_per_second() * stream.rate_scale.at(a) * stream.arrivals.mean_batch_size();
        audited_per_second += shipments * audit;
        // Without targeting or blitzes, the audit and the random sample are the whole selection.
        selected_per_second += shipments * (audit + (1.0 - audit) * (inspects_all ? 1.0 : m.policies.random_rate));
      }
      // Officers on duty on average over the period (a daily cycle averages over its day).
      const SimTime over = facility.officers.cycle() && b - a < *facility.officers.cycle() ? a + *facility.officers.cycle() : b;
      const double on_duty = (facility.officers.officer_hours(over) - facility.officers.officer_hours(a)) / (over - a).to_hours();
      const double needed = (facility.waiting_limit ? audited_per_second : selected_per_second) * inspection_seconds;
      // At a utilization of 1 the line grows without bound too (a null-recurrent queue).
      if (!(needed > 0.0) || needed < on_duty) continue;
      const double ratio = on_duty > 0.0 ? needed / on_duty : std::numeric_limits<double>::infinity();
      if (ratio > worst) {
        worst = ratio, worst_needed = needed, worst_on_duty = on_duty;
        worst_from = a, worst_to = b;
      }
    }
    if (!(worst > 0.0)) continue;
    const bool whole = worst_from == start && worst_to == end;
    const auto date = [&](SimTime t) { return to_string(civil_date(days_since_epoch(clock_start_) + static_cast<std::int64_t>(std::floor((t - start).to_days())))); };
    const std::string when = whole ? "" : fmt::format("from {} to {}, ", date(worst_from), date(worst_to - Duration::from_ticks(1)));
    warning(where("facilities." + facility.name), "facilities." + facility.name,
            facility.waiting_limit
                ? fmt::format("{}the random audit alone needs {:.2f} officers on average but {:.2f} are on duty; its line is "
                              "never bounded by the waiting_limit and will grow without bound (lower policies.audit.rate "
                              "or add officers)",
                              when, worst_needed, worst_on_duty)
                : fmt::format("{}offered load needs {:.2f} officers on average but {:.2f} are on duty; the waiting line "
                              "will grow {} (add officers, lower the rates, or set a waiting_limit)",
                              when, worst_needed, worst_on_duty, whole ? "without bound" : "all through that period"));
  }
}

// What is defined but can never act: a category or origin no stream gives a share, an
// inspection method with no share that no blitz asks for. Warnings: the run is valid, but a
// rate that silently vanishes from the table is the kind of result an analyst misreads.
void Validator::check_unused(const Scenario& s) {
  const CustomsModelConfig& m = s.model;
  auto used = [&](auto share_of) {
    return std::any_of(m.streams.begin(), m.streams.end(), [&](const CustomsStream& stream) { return share_of(stream) > 0.0; });
  };
  // The last category and origin are the implicit ones of a stream without a mix.
  for (std::size_t c = 0; c + 1 < m.categories.size(); ++c) {
    if (used([&](const CustomsStream& st) { return c < st.category_mix.size() ? st.category_mix[c] : 0.0; })) continue;
    const std::string path = "categories." + m.categories[c].name;
    warning(where(path), path, "no stream's category_mix gives this category a share: its values, duties and prevalences never "
                               "reach the traffic");
  }
  for (std::size_t o = 0; o + 1 < m.origins.size(); ++o) {
    if (used([&](const CustomsStream& st) { return o < st.origin_mix.size() ? st.origin_mix[o] : 0.0; })) continue;
    const std::string path = "origins." + m.origins[o].name;
    warning(where(path), path, "no stream's origin_mix gives this origin a share: its risk and duty never reach the traffic");
  }
  for (const Facility& facility : m.facilities) {
    for (const InspectionMethod& method : facility.methods) {
      if (method.share > 0.0) continue;
      const bool asked = std::any_of(m.blitzes.begin(), m.blitzes.end(), [&](const Blitz& b) { return b.method == method.name; });
      if (asked) continue;
      const std::string path = "facilities." + facility.name + ".methods." + method.name;
      warning(where(path), path, "this method has no share and no blitz asks for it: it is never used");
    }
  }
}

std::string Validator::join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

std::string Validator::list_of(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + fmt::format("'{}'", n);
  return out;
}

const char* Validator::expected_text(KeyType t) {
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

}  // namespace detail

ValidationResult validate_scenario(const RawNode& root) { return detail::Validator{}.run(root); }

}  // namespace cisim
