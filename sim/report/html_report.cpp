// SPDX-License-Identifier: MIT
// The HTML report: the page's data as JSON, inlined with Chart.js and the page script into one file.
#include "cisim/report/html_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "cisim/model/metric_catalogue.hpp"
#include "cisim/report/number_format.hpp"
#include "html_resources.hpp"

namespace cisim {
namespace {

using nlohmann::ordered_json;

// The daily series the page draws, and the rates it sets measured against true.
constexpr const char* kDailyMetrics[] = {"arrivals", "selected", "inspected", "selected_not_inspected", "discrepancy_rate",
                                         "true_discrepancy_prevalence", "counterfeit_rate", "true_counterfeit_prevalence",
                                         "wait_hours_mean", "officer_utilization", "queue_length_mean", "officers_on_duty_mean"};
constexpr const char* kRateMetrics[] = {"discrepancy_rate", "true_discrepancy_prevalence", "counterfeit_rate", "true_counterfeit_prevalence"};

ordered_json estimate(const ReplicationSummary& s) {
  return {{"mean", s.mean}, {"low", s.low() ? ordered_json(*s.low()) : ordered_json(nullptr)},
          {"high", s.high() ? ordered_json(*s.high()) : ordered_json(nullptr)}};
}

// Label, unit and description of every metric the page names, from the catalogue.
ordered_json metric_info() {
  ordered_json out = ordered_json::object();
  for (const MetricDefinition& def : metric_catalogue()) {
    out[std::string(def.name)] = {{"label", def.label}, {"unit", def.unit}, {"description", def.description}};
  }
  return out;
}

ordered_json run_meta(const Report& r) {
  ordered_json overrides = ordered_json::array();
  for (const auto& o : r.overrides) overrides.push_back({{"key", o.key}, {"value", o.value}});
  return {{"name", r.scenario_name},
          {"question", r.scenario_question},
          {"description", r.scenario_description},
          {"path", r.scenario_path},
          {"content_hash", r.content_hash},
          {"version", r.version},
          {"run_id", r.run_id},
          {"seed", std::to_string(r.seed)},  // a string: JavaScript numbers lose 64-bit seeds
          {"replications", r.replications},
          {"horizon", r.horizon},
          {"warmup", r.warmup},
          {"simulation", r.simulation},
          {"simulation_summary", r.simulation_summary()},
          {"drawn_one_by_one", r.drawn_one_by_one_summary()},
          {"measured_days", r.measured_days},
          {"measured_from", r.measured_from},
          {"measured_to", r.measured_to},
          {"overrides", overrides},
          {"warnings", r.warnings}};
}

ordered_json headline(const Report& r) {
  const HeadlineTable h = headline_table(r);
  ordered_json rows = ordered_json::array();
  for (const auto& row : h.rows) rows.push_back({{"metric", row.metric}, {"label", row.label}, {"part", row.part}, {"cells", row.cells}});
  return {{"columns", h.columns}, {"rows", rows}};
}

// Measured and true rates with their intervals for each instance of each scope kind.
ordered_json scopes(const Report& r) {
  ordered_json out = ordered_json::array();
  const std::pair<const char*, const char*> kinds[] = {
      {"facility", "By facility"}, {"mode", "By mode"}, {"selection", "By selection reason"}, {"blitz", "By blitz"}};
  const ScopeMetrics run{r, "run"};
  for (const auto& [kind, title] : kinds) {
    ordered_json entries = ordered_json::array();
    const ScopeMetrics of_kind{r, kind};
    auto add = [&](const std::string& scope, const std::string& name, const std::string& shown) {
      const ScopeMetrics& of_scope = scope == "run" ? run : of_kind;
      ordered_json values = ordered_json::object();
      for (const char* metric : kRateMetrics) {
        // An undefined value (over no shipments, decision 0015) is left out: the chart has no bar there, not a 0.
        const MetricSummary* m = of_scope.find(name, metric);
        if (m && !std::isnan(m->summary.mean)) values[metric] = estimate(m->summary);
      }
      const MetricSummary* inspected = of_scope.find(name, "inspected");
      if (!inspected || inspected->summary.mean == 0.0) return;  // nothing measured: no point to show
      entries.push_back({{"name", shown}, {"values", values}});
    };
    if (std::string(kind) == "facility") add("run", "all", "whole run");
    for (const auto& m : r.metrics) {
      if (m.scope != kind || m.metric != "inspected") continue;
      add(kind, m.scope_name, std::string(kind) == "blitz" && m.scope_name == "all" ? "all blitzes" : r.display_name(kind, m.scope_name));
    }
    if (entries.size() > (std::string(kind) == "facility" ? 1u : 0u)) out.push_back({{"kind", kind}, {"title", title}, {"entries", entries}});
  }
  return out;
}

ordered_json daily(const Report& r) {
  std::vector<std::string> dates;
  std::vector<bool> partial;
  std::map<std::size_t, std::size_t> index;  // day -> position
  for (const auto& d : r.daily) {
    if (index.emplace(d.day, dates.size()).second) {
      dates.push_back(d.date);
      partial.push_back(d.partial);
    }
  }
  ordered_json facilities = ordered_json::array();
  facilities.push_back({{"id", "all"}, {"name", "All facilities"}});
  for (const auto& [id, shown] : r.facility_names) facilities.push_back({{"id", id}, {"name", shown}});
  // series[facility][metric] = {mean: [...], low: [...], high: [...]}, one entry per date.
  ordered_json series = ordered_json::object();
  for (const auto& d : r.daily) {
    if (std::find_if(std::begin(kDailyMetrics), std::end(kDailyMetrics), [&](const char* m) { return d.metric == m; }) == std::end(kDailyMetrics)) continue;
    ordered_json& s = series[d.facility][d.metric];
    if (s.is_null()) {
      const ordered_json nulls(dates.size(), nullptr);
      s = {{"mean", nulls}, {"low", nulls}, {"high", nulls}};
    }
    const std::size_t i = index.at(d.day);
    // A rate or mean over no shipments that day is undefined (decision 0015): a gap in the line.
    if (std::isnan(d.summary.mean)) continue;
    s["mean"][i] = d.summary.mean;
    if (d.summary.half_width) {
      s["low"][i] = *d.summary.low();
      s["high"][i] = *d.summary.high();
    }
  }
  return {{"dates", dates}, {"partial", partial}, {"facilities", facilities}, {"series", series}};
}

// JSON inside <script>: "</" would end the element and "<!--" open a comment, so '<' is escaped.
std::string script_json(const ordered_json& j) {
  const std::string text = j.dump();
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '<') out += "\\u003c";
    else out += c;
  }
  return out;
}

std::string html_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// `text` is the report as the terminal shows it: what a reader without JavaScript (a mail
// client, a previewer, an archive) sees; the page's script replaces it with tables and charts.
std::string page(const std::string& title, const ordered_json& data, const std::string& text) {
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + html_escape(title) + "</title>\n<style>\n";
  out += resources::report_css();
  out += "</style>\n</head>\n<body>\n<main id=\"report\"><h1>" + html_escape(title) +
         "</h1>\n<p>The charts need JavaScript; without it, the report as text:</p>\n<pre>" + html_escape(text) + "</pre></main>\n";
  out += "<script id=\"cisim-data\" type=\"application/json\">" + script_json(data) + "</script>\n";
  out += "<script>\n";
  out += resources::chart_js();
  out += "\n</script>\n<script>\n";
  out += resources::report_js();
  out += "\n</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace

std::string format_html_report(const Report& r) {
  ordered_json data;
  data["kind"] = "run";
  data["run"] = run_meta(r);
  data["metrics"] = metric_info();
  data["headline"] = headline(r);
  data["scopes"] = scopes(r);
  data["daily"] = daily(r);
  return page("cisim: " + r.scenario_name, data, format_table(r, TableStyle::Text));
}

std::string format_html_comparison(const Comparison& c) {
  ordered_json data;
  data["kind"] = "compare";
  data["base"] = run_meta(c.base);
  data["alt"] = run_meta(c.alt);
  data["metrics"] = metric_info();
  ordered_json rows = ordered_json::array();
  for (const auto& m : c.metrics) {
    if (m.scope != "run") continue;
    if (m.zero_in_both()) continue;
    const MetricDefinition* def = find_metric_definition(m.metric);
    rows.push_back({{"metric", m.metric},
                    {"label", metric_label(m.metric)},
                    {"headline", def && def->headline},
                    {"base", format_estimate(m.base.mean, m.base.half_width, m.unit)},
                    {"alt", format_estimate(m.alt.mean, m.alt.half_width, m.unit)},
                    {"difference", format_difference(m.difference.mean, m.difference.half_width, m.unit)},
                    {"unpaired", m.unpaired_half_width ? "± " + format_half_width(*m.unpaired_half_width, m.unit) : ""},
                    {"base_mean", m.base.mean},
                    {"estimate", estimate(m.difference)},
                    {"significant", m.significant()}});
  }
  data["differences"] = rows;
  return page("cisim: " + c.base.scenario_name + " vs " + c.alt.scenario_name, data, format_comparison_table(c, TableStyle::Text));
}

}  // namespace cisim
