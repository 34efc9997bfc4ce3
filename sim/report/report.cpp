// SPDX-License-Identifier: MIT
// Report building: every scope of every replication through the metric catalogue.
#include "cisim/report/report.hpp"

#include <algorithm>
#include <functional>

#include <fmt/core.h>

#include "cisim/model/metric_catalogue.hpp"
#include "cisim/model/per_shipment_reason.hpp"
#include "cisim/random/random_streams.hpp"
#include "cisim/report/number_format.hpp"
#include "cisim/report/overload.hpp"
#include "cisim/scenario/units.hpp"
#include "cisim/version.hpp"
#include "report/calendar_periods.hpp"

namespace cisim {
namespace {

using Pick = std::function<ScopeData(const CustomsResult&)>;

// Every catalogue metric of scope kind `kind` for the scope instance `name`, one value per
// replication from `pick`.
void add_scope(Report& r, Scope kind, const std::string& name, const RunResults& results, const Pick& pick) {
  for (const MetricDefinition& def : metric_catalogue()) {
    if (!has_scope(def.scopes, kind)) continue;
    MetricSummary m;
    m.scope = std::string(scope_name(kind));
    m.scope_name = name;
    m.metric = std::string(def.name);
    m.unit = std::string(def.unit);
    m.kind = std::string(kind_name(def.kind));
    for (const auto& rep : results.per_replication) m.values.push_back(def.value(pick(rep)));
    m.summary = ReplicationSummary::of(m.values, 0.95);
    r.metrics.push_back(std::move(m));
  }
}

// The selection reasons a scenario can produce, whatever the results.
bool reason_possible(const CustomsModelConfig& m, std::size_t reason) {
  const CustomsPolicies& p = m.policies;
  auto any_stream = [&](auto has) { return std::any_of(m.streams.begin(), m.streams.end(), has); };
  switch (static_cast<SelectionReason>(reason + 1)) {
    case SelectionReason::Blitz: return !m.blitzes.empty();
    case SelectionReason::Targeted: return p.targeting.enabled;
    case SelectionReason::Random: return p.random_rate > 0.0;
    case SelectionReason::ReleaseProgram: return any_stream([](const CustomsStream& s) { return s.release_program.has_value(); });
    case SelectionReason::FormalEntryRule: return p.formal_entry.enabled && p.formal_entry.inspection_rate > 0.0;
    case SelectionReason::Audit: return p.audit_rate.max() > 0.0;
    default: return false;
  }
}

}  // namespace

Report make_report(const LoadedScenario& loaded, const RunResults& results) {
  const Scenario& scenario = *loaded.scenario;
  Report r;
  r.version = kVersion;
  r.scenario_path = loaded.path;
  r.scenario_name = scenario.name;
  r.scenario_description = scenario.description;
  r.scenario_question = scenario.question;
  r.scenario_effective = loaded.effective_text;
  r.content_hash = loaded.content_hash;
  r.seed = results.seed;
  r.replications = results.replications;
  // As the scenario wrote them: the spin-up before start_date is reported on its own.
  r.horizon = format_duration(scenario.model.horizon - scenario.spin_up);
  r.warmup = format_duration(scenario.model.warmup - scenario.spin_up);
  r.spin_up = format_duration(scenario.spin_up);
  r.simulation = scenario.model.exact ? "exact" : "aggregated";
  double arrived = 0.0, counted = 0.0;
  for (const CustomsResult& rep : results.per_replication) {
    arrived += static_cast<double>(rep.shipments_arrived);
    counted += static_cast<double>(rep.shipments_counted_by_class);
  }
  r.counted_by_class = arrived > 0.0 ? counted / arrived : 0.0;
  for (const PerShipmentRule& row : per_shipment_rules()) {
    double drawn = 0.0;
    for (const CustomsResult& rep : results.per_replication) drawn += static_cast<double>(rep.drawn_one_by_one[static_cast<std::size_t>(row.reason)]);
    if (drawn > 0.0) r.drawn_one_by_one.push_back({std::string(row.id), std::string(row.text), drawn / arrived});
  }
  r.start_date = to_string(scenario.written_start_date());
  const std::int64_t day0 = days_since_epoch(scenario.start_date);
  // Days are numbered from the scenario's start_date; the clock starts a spin-up earlier.
  const auto spin_up_days = static_cast<std::size_t>(scenario.spin_up_days());
  auto date_of = [&](std::size_t day) { return to_string(civil_date(day0 + static_cast<std::int64_t>(day))); };
  const Duration window = scenario.model.horizon - scenario.model.warmup;
  r.measured_days = window.to_days();
  // The window is [warm-up, horizon): its last instant lies on the day before the horizon's
  // midnight when the horizon is a whole number of days.
  const std::size_t first_day = day_index(SimTime{} + scenario.model.warmup);
  const std::size_t end_days = days_covering(scenario.model.horizon);
  r.measured_from = date_of(first_day);
  r.measured_to = date_of(end_days == 0 ? 0 : end_days - 1);
  for (const FacilityInfo& f : scenario.facility_info) r.facility_names.emplace_back(f.id, f.display_name);
  r.overrides = loaded.overrides;
  std::string identity = fmt::format("{}\n{}\n{}\n{}", r.version, r.content_hash, r.seed, r.replications);
  for (const auto& o : r.overrides) identity += fmt::format("\n{}={}", o.key, o.value);
  r.run_id = fmt::format("{:016x}", fnv1a64(identity));
  const CustomsModelConfig& m = scenario.model;
  add_scope(r, Scope::Run, "all", results, [](const CustomsResult& x) { return ScopeData{&x.run, &x.all_officers, nullptr}; });
  for (std::size_t f = 0; f < m.facilities.size(); ++f) {
    add_scope(r, Scope::Facility, m.facilities[f].name, results,
              [f](const CustomsResult& x) { return ScopeData{&x.facilities[f], &x.facility_officers[f], &x.queues[f]}; });
  }
  for (std::size_t s = 0; s < m.streams.size(); ++s) {
    add_scope(r, Scope::Stream, m.streams[s].name, results, [s](const CustomsResult& x) { return ScopeData{&x.streams[s]}; });
  }
  for (std::size_t mode = 0; mode < kModes; ++mode) {
    const bool used = std::any_of(m.streams.begin(), m.streams.end(),
                                  [&](const CustomsStream& s) { return static_cast<std::size_t>(s.mode) == mode; });
    if (!used) continue;
    add_scope(r, Scope::Mode, std::string(kModeNames[mode]), results,
              [mode](const CustomsResult& x) { return ScopeData{&x.modes[mode]}; });
  }
  for (std::size_t o = 0; o < m.origins.size(); ++o) {
    // Origins no stream ships from (the unnamed one, when every stream has a mix) are left out.
    const bool shipped = std::any_of(m.streams.begin(), m.streams.end(),
                                     [&](const CustomsStream& s) { return o < s.origin_mix.size() && s.origin_mix[o] > 0.0; });
    if (!shipped) continue;
    add_scope(r, Scope::Origin, m.origins[o].name, results, [o](const CustomsResult& x) { return ScopeData{&x.origins[o]}; });
  }
  // The audit by entry channel: the channels it examined in some replication.
  for (std::size_t k = 0; k < kEntryKinds; ++k) {
    const bool audited = std::any_of(results.per_replication.begin(), results.per_replication.end(), [&](const CustomsResult& x) {
      return x.audit_channels[k][Count::SelectedAudit] > 0;
    });
    if (!audited) continue;
    add_scope(r, Scope::AuditChannel, std::string(kEntryKindNames[k]), results,
              [k](const CustomsResult& x) { return ScopeData{&x.audit_channels[k]}; });
  }
  for (std::size_t reason = 0; reason < kSelectionReasons; ++reason) {
    if (!reason_possible(m, reason)) continue;
    add_scope(r, Scope::Selection, std::string(kSelectionReasonNames[reason]), results,
              [reason](const CustomsResult& x) { return ScopeData{&x.selections[reason]}; });
  }
  if (m.blitzes.size() > 1) {
    add_scope(r, Scope::Blitz, "all", results,
              [](const CustomsResult& x) { return ScopeData{&x.all_blitzes, &x.all_blitz_officers}; });
  }
  for (std::size_t b = 0; b < m.blitzes.size(); ++b) {
    add_scope(r, Scope::Blitz, m.blitzes[b].name, results,
              [b](const CustomsResult& x) { return ScopeData{&x.blitzes[b], &x.blitz_officers[b]}; });
  }
  if (m.blitzes.size() > 1) {
    add_scope(r, Scope::BlitzWindow, "all", results, [](const CustomsResult& x) { return ScopeData{&x.all_blitz_windows}; });
  }
  for (std::size_t b = 0; b < m.blitzes.size(); ++b) {
    add_scope(r, Scope::BlitzWindow, m.blitzes[b].name, results,
              [b](const CustomsResult& x) { return ScopeData{&x.blitz_windows[b]}; });
  }
  // Fiscal years and months over the measured days (a run of one month has one of each).
  const std::vector<CalendarPeriod> periods = calendar_periods(results.per_replication, day0, first_day, end_days);
  for (const CalendarPeriod& p : periods) {
    add_scope(r, p.kind, p.name, results, [&p, &results](const CustomsResult& x) {
      const auto rep = static_cast<std::size_t>(&x - results.per_replication.data());
      return ScopeData{&p.tallies[rep], &p.officers[rep]};
    });
  }
  if (!results.per_replication.empty()) {
    // Days wholly inside the warm-up hold nothing measured: they are left out, not shown as zeros.
    const std::size_t days = results.per_replication.front().daily.size();
    const std::int64_t day_ticks = Duration::days(1).ticks();
    for (std::size_t d = first_day; d < days; ++d) {
      const std::int64_t begin = static_cast<std::int64_t>(d) * day_ticks;
      const bool partial = begin < m.warmup.ticks() || begin + day_ticks > m.horizon.ticks();
      // "all" first: every facility's tallies merged and officer time combined, so its rates
      // are ratios of sums, never means of ratios.
      std::vector<CustomsTally> all_tallies(results.per_replication.size());
      std::vector<OfficerTime> all_officers(results.per_replication.size());
      for (std::size_t rep = 0; rep < results.per_replication.size(); ++rep) {
        const CustomsResult& x = results.per_replication[rep];
        for (std::size_t f = 0; f < m.facilities.size(); ++f) {
          all_tallies[rep].merge(x.daily[d][f]);
          all_officers[rep].combine(x.daily_officers[d][f]);
        }
      }
      auto add_day = [&](const std::string& facility, const auto& pick) {
        for (const MetricDefinition& def : metric_catalogue()) {
          if (!has_scope(def.scopes, Scope::Day)) continue;
          Report::DailyValue v{d - spin_up_days, date_of(d), partial, facility, std::string(def.name), std::string(def.unit), {}, {}};
          v.values.reserve(results.per_replication.size());
          for (std::size_t rep = 0; rep < results.per_replication.size(); ++rep) v.values.push_back(def.value(pick(rep)));
          v.summary = ReplicationSummary::of(v.values, 0.95);
          r.daily.push_back(std::move(v));
        }
      };
      add_day("all", [&](std::size_t rep) { return ScopeData{&all_tallies[rep], &all_officers[rep]}; });
      for (std::size_t f = 0; f < m.facilities.size(); ++f) {
        add_day(m.facilities[f].name, [&](std::size_t rep) {
          const CustomsResult& x = results.per_replication[rep];
          return ScopeData{&x.daily[d][f], &x.daily_officers[d][f]};
        });
      }
    }
  }
  r.warnings = overload_warnings(scenario, results);
  // A transient left in the measured window biases every figure of the run toward it.
  for (const std::string_view metric : kTransientSeries) {
    std::vector<std::vector<double>> values;  // whole days only: a partial day is not comparable
    for (const Report::DailyValue& d : r.daily) {
      if (d.facility == "all" && d.metric == metric && !d.partial) values.push_back(d.values);
    }
    TransientCheck c = check_transient(std::string(metric), values);
    if (c.detected) {
      r.warnings.push_back(fmt::format(
          "daily {} drift at the start of the measured window: MSER-5 ends a transient {} days in ({} a day before, {} "
          "after, more than 3 standard errors apart). If nothing in the scenario is meant to change over time, the "
          "warm-up is too short: lengthen it by at least {} days. If something is (a policy date, violators who adapt, "
          "takedowns), this is that change, and figures over the whole window average over it",
          metric, c.days, grouped_number(c.early_mean, 1), grouped_number(c.late_mean, 1), c.days));
    }
    r.transients.push_back(std::move(c));
  }
  // An empty table with exit 0 reads as "nothing to report"; say why there is nothing.
  if (const MetricSummary* none = find_metric(r, "run", "all", "arrivals"); none && none->summary.mean == 0.0) {
    r.warnings.insert(r.warnings.begin(), fmt::format("no shipments arrived in the measured window ({} to {}) in any replication: "
                                                      "check the streams' arrival rates and profiles, the horizon and the warm-up",
                                                      r.measured_from, r.measured_to));
  }
  return r;
}

std::string Report::display_name(const std::string& scope, const std::string& name) const {
  if (scope == "facility") {
    for (const auto& [id, shown] : facility_names) {
      if (id == name) return shown;
    }
  }
  return name;
}

std::string Report::simulation_summary() const {
  if (simulation == "exact") return "exact (every shipment drawn)";
  if (counted_by_class <= 0.0) return simulation + " (no stream or hour qualified: every shipment drawn)";
  if (counted_by_class >= 1.0) return simulation + " (every shipment counted by class)";
  // Two decimals, but never rounded up to 100% or down to 0%: either would misstate the path.
  const double percent = std::clamp(100.0 * counted_by_class, 0.01, 99.99);
  return fmt::format("{} ({:.2f}% of shipments counted by class)", simulation, percent);
}

std::string Report::drawn_one_by_one_summary() const {
  if (simulation == "exact" || drawn_one_by_one.empty()) return {};
  std::string out = "Drawn one by one (the per-shipment path):";
  const char* separator = " ";
  for (const DrawnReason& d : drawn_one_by_one) {
    // Never rounded to 0% or to 100%: a reason that applied shows, and a share short of all
    // does not read as all.
    const double percent = d.share >= 1.0 ? 100.0 : std::clamp(100.0 * d.share, 0.01, 99.99);
    out += fmt::format("{}{:.2f}% of shipments because {}", separator, percent, d.text);
    separator = "; ";
  }
  return out + ".";
}

ScopeMetrics::ScopeMetrics(const Report& r, const std::string& scope) {
  for (const auto& m : r.metrics) {
    if (m.scope == scope) by_key_.emplace(m.scope_name + '\x1f' + m.metric, &m);
  }
}

const MetricSummary* ScopeMetrics::find(const std::string& name, const std::string& metric) const {
  const auto it = by_key_.find(name + '\x1f' + metric);
  return it == by_key_.end() ? nullptr : it->second;
}

const MetricSummary* find_metric(const Report& r, const std::string& scope, const std::string& name, const std::string& metric) {
  for (const auto& m : r.metrics) {
    if (m.scope == scope && m.scope_name == name && m.metric == metric) return &m;
  }
  return nullptr;
}

}  // namespace cisim
