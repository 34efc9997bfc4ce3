// SPDX-License-Identifier: MIT
// The metric catalogue: the one list every output and docs/metrics.md are made from.
#include "cisim/model/metric_catalogue.hpp"

#include <array>
#include <limits>

#include <fmt/core.h>

namespace cisim {
namespace {

template <Count C>
double count_of(const ScopeData& d) {
  return static_cast<double>((*d.tally)[C]);
}
template <Count A, Count B>
double rate_of(const ScopeData& d) {
  return d.tally->ratio(A, B);
}
template <Sum S>
double amount_of(const ScopeData& d) {
  return (*d.tally)[S];
}
// A mean over no shipments is undefined (NaN), as a rate over none is (decision 0015).
template <Per P>
double mean_of(const ScopeData& d) {
  const auto& per = (*d.tally)[P];
  return per.count() > 0 ? per.mean() : std::numeric_limits<double>::quiet_NaN();
}
double selected(const ScopeData& d) {
  const CustomsTally& t = *d.tally;
  return static_cast<double>(t[Count::SelectedBlitz] + t[Count::SelectedTargeted] + t[Count::SelectedRandom] +
                             t[Count::SelectedReleaseProgram] + t[Count::SelectedFormalEntryRule] +
                             t[Count::SelectedAudit]);
}
double per_hour(double x, double hours) { return hours > 0.0 ? x / hours : 0.0; }

constexpr ScopeSet kArrivalScopes = scope_bit(Scope::Run) | scope_bit(Scope::Facility) | scope_bit(Scope::Stream) |
                                    scope_bit(Scope::Mode) | scope_bit(Scope::Blitz) | scope_bit(Scope::BlitzWindow) |
                                    scope_bit(Scope::Day) | scope_bit(Scope::FiscalYear) | scope_bit(Scope::Month);
// Origins are counted by event time only: selections, inspections and outcomes are a small
// share of arrivals, so a count per origin costs nothing on the per-arrival path.
constexpr ScopeSet kEventScopes = kArrivalScopes | scope_bit(Scope::Selection) | scope_bit(Scope::Origin) | scope_bit(Scope::AuditChannel);
// Sums of money and hours added over partitions would depend on the order of addition in
// their last bits; per origin and per audit channel (scopes that span partitions) only
// counts are reported.
constexpr ScopeSet kSpanning = scope_bit(Scope::Origin) | scope_bit(Scope::AuditChannel);
constexpr ScopeSet kOfficerScopes = scope_bit(Scope::Facility) | scope_bit(Scope::Blitz) | scope_bit(Scope::Day) |
                                    scope_bit(Scope::FiscalYear) | scope_bit(Scope::Month);
constexpr ScopeSet kFacility = scope_bit(Scope::Facility);

using K = MetricKind;
using W = Window;

const std::vector<MetricDefinition> kCatalogue{
    // Arrivals and entries: the traffic, counted by arrival.
    {"arrivals", "Shipments arrived", "shipments", K::Count, W::Arrival, kArrivalScopes, true,
     "shipments that arrived (a blitz: those it could select, at its facilities in its window and of its origins and categories)",
     count_of<Count::Arrivals>},
    {"items", "Items arrived", "items", K::Count, W::Arrival, kArrivalScopes, false, "items in the arrived shipments", count_of<Count::Items>},
    {"de_minimis", "Entered under de minimis", "shipments", K::Count, W::Arrival, kArrivalScopes, true,
     "entered duty-free under de minimis (released from manifest or Entry Type 86)", count_of<Count::DeMinimis>},
    {"type86", "of which Type 86", "shipments", K::Count, W::Arrival, kArrivalScopes, true, "de minimis shipments with advance electronic data (Type 86)",
     count_of<Count::Type86>},
    {"informal", "Informal entries", "shipments", K::Count, W::Arrival, kArrivalScopes, true, "informal entries (over the threshold, up to the informal limit)",
     count_of<Count::Informal>},
    {"formal", "Formal entries", "shipments", K::Count, W::Arrival, kArrivalScopes, true, "formal entries (over the informal limit, or high-risk)",
     count_of<Count::Formal>},
    {"formal_high_risk", "Formal entries for high-risk goods", "shipments", K::Count, W::Arrival, kArrivalScopes, true,
     "formal entries required by the high-risk rule whatever the value", count_of<Count::FormalHighRisk>},
    {"bulk_entries", "Bulk entries (fulfillment centers)", "shipments", K::Count, W::Arrival, kArrivalScopes, true,
     "lots entered in bulk by a fulfillment center (ultimate consignee)", count_of<Count::BulkEntries>},
    {"bulk_covered", "Parcels covered by a bulk entry", "shipments", K::Count, W::Arrival, kArrivalScopes, true,
     "parcels of goods already entered in bulk: no claim, no duty", count_of<Count::BulkCovered>},
    {"breakbulk_parcels", "Break-bulk parcels", "shipments", K::Count, W::Arrival, kArrivalScopes, true,
     "parcels of a fulfillment center's lot entered on their own", count_of<Count::BreakbulkParcels>},
    {"split_orders", "Orders split under the threshold", "orders", K::Count, W::Arrival, kArrivalScopes, true, "orders sent as several parcels to stay under the threshold",
     count_of<Count::SplitOrders>},
    {"rerouted_in", "Violators moved here (displacement)", "shipments", K::Count, W::Arrival, kArrivalScopes, false,
     "violating shipments that arrived on this route instead of their own stream, moved by displacement (counted where they "
     "arrived)",
     count_of<Count::Rerouted>},
    {"post_refused", "Refused under EO 13904 measures", "shipments", K::Count, W::Arrival, kArrivalScopes, false,
     "items of a scored foreign post held for lack of advance data while more data is required, or blocked (EO 13904)",
     count_of<Count::PostRefused>},
    // Selection, by the time a selected shipment joins the inspection line.
    {"selected", "Selected for inspection (flagged or chosen)", "shipments", K::Count, W::Event, kEventScopes, true,
     "shipments selected for inspection for any reason (flagged by targeting, chosen by a blitz, a sample, the audit or a "
     "rule); a full line releases some unexamined, so not all are inspected",
     selected},
    {"selected_blitz", "selected by a blitz", "shipments", K::Count, W::Event, kEventScopes, true, "selected by a blitz", count_of<Count::SelectedBlitz>},
    {"selected_targeted", "flagged by targeting", "shipments", K::Count, W::Event, kEventScopes, true,
     "flagged as risky by the targeting score (at or above the threshold), examined or not",
     count_of<Count::SelectedTargeted>},
    {"selected_random", "selected at random", "shipments", K::Count, W::Event, kEventScopes, true, "selected by the random compliance sample",
     count_of<Count::SelectedRandom>},
    {"selected_release_program", "selected by the release program", "shipments", K::Count, W::Event, kEventScopes, true, "selected by a CSP-1 release program",
     count_of<Count::SelectedReleaseProgram>},
    {"selected_formal_entry_rule", "selected by the formal-entry rule", "shipments", K::Count, W::Event, kEventScopes, true,
     "selected by the formal-entry rule's own inspection rate", count_of<Count::SelectedFormalEntryRule>},
    {"selected_audit", "selected by the random audit", "shipments", K::Count, W::Event, kEventScopes, true,
     "selected by the random audit: a share of all arrivals, examined first", count_of<Count::SelectedAudit>},
    {"selected_not_inspected", "Selected, released unexamined (line full)", "shipments", K::Count, W::Event, kEventScopes, true,
     "selected but released uninspected because the waiting line was full", count_of<Count::SelectedNotInspected>},
    // Inspections and what they found, by the time the inspection finished.
    {"inspected", "Inspected (examined)", "shipments", K::Count, W::Event, kEventScopes, true,
     "inspections finished: the selected shipments that officers examined", count_of<Count::Inspected>},
    {"bulk_entries_inspected", "Bulk entries inspected", "shipments", K::Count, W::Event, kEventScopes, true, "bulk entries inspected",
     count_of<Count::BulkEntriesInspected>},
    {"items_sampled", "Items opened by lot sampling", "items", K::Count, W::Event, kEventScopes, true, "items opened by lot sampling", count_of<Count::ItemsSampled>},
    {"discrepancies_found", "Inspections finding a discrepancy", "shipments", K::Count, W::Event, kEventScopes, false, "inspected shipments with at least one violation found",
     count_of<Count::FoundAny>},
    {"counterfeits_found", "Inspections finding a counterfeit", "shipments", K::Count, W::Event, kEventScopes, false, "inspected shipments with a counterfeit found",
     count_of<Count::FoundCounterfeit>},
    {"discrepancy_rate", "Discrepancy rate, measured", "fraction", K::Rate, W::Event, kEventScopes, true,
     "discrepancies_found / inspected: what inspectors measure (what a blitz reports)", rate_of<Count::FoundAny, Count::Inspected>},
    {"counterfeit_rate", "Counterfeit rate, measured", "fraction", K::Rate, W::Event, kEventScopes, true, "counterfeits_found / inspected: measured",
     rate_of<Count::FoundCounterfeit, Count::Inspected>},
    // The hidden truth, by arrival.
    {"true_discrepancy_prevalence", "Discrepancy rate, true (all arrivals)", "fraction", K::Rate, W::Arrival, kArrivalScopes, true,
     "arrived shipments carrying any violation / arrivals: the truth", rate_of<Count::CarryingAny, Count::Arrivals>},
    {"true_counterfeit_prevalence", "Counterfeit rate, true (all arrivals)", "fraction", K::Rate, W::Arrival, kArrivalScopes, true,
     "arrived shipments carrying a counterfeit / arrivals: the truth", rate_of<Count::CarryingCounterfeit, Count::Arrivals>},
    {"counterfeit_interdiction_rate", "Counterfeits stopped (share of those arrived)", "fraction", K::Rate, W::Arrival, kArrivalScopes & ~scope_bit(Scope::Day), true,
     "counterfeit shipments seized or abandoned (by outcome time) / counterfeit shipments arrived (by arrival)",
     rate_of<Count::CounterfeitInterdicted, Count::CarryingCounterfeit>},
    // The other kinds of violation, measured beside the truth.
    {"undervaluation_rate", "Undervaluation rate, measured", "fraction", K::Rate, W::Event, kEventScopes, false, "inspected shipments with undervaluation found / inspected",
     rate_of<Count::FoundUndervaluation, Count::Inspected>},
    {"true_undervaluation_prevalence", "Undervaluation rate, true", "fraction", K::Rate, W::Arrival, kArrivalScopes, false,
     "arrived shipments undervalued / arrivals", rate_of<Count::CarryingUndervaluation, Count::Arrivals>},
    {"misdescription_rate", "Misdescription rate, measured", "fraction", K::Rate, W::Event, kEventScopes, false, "inspected shipments with misdescription found / inspected",
     rate_of<Count::FoundMisdescription, Count::Inspected>},
    {"true_misdescription_prevalence", "Misdescription rate, true", "fraction", K::Rate, W::Arrival, kArrivalScopes, false,
     "arrived shipments misdescribed / arrivals", rate_of<Count::CarryingMisdescription, Count::Arrivals>},
    {"prohibited_rate", "Prohibited goods rate, measured", "fraction", K::Rate, W::Event, kEventScopes, false,
     "inspected shipments with prohibited goods found (drugs, unapproved pharmaceuticals, unsafe goods) / inspected",
     rate_of<Count::FoundProhibited, Count::Inspected>},
    {"true_prohibited_prevalence", "Prohibited goods rate, true", "fraction", K::Rate, W::Arrival, kArrivalScopes, false,
     "arrived shipments carrying prohibited goods / arrivals", rate_of<Count::CarryingProhibited, Count::Arrivals>},
    {"agricultural_rate", "Agricultural violation rate, measured", "fraction", K::Rate, W::Event, kEventScopes, false, "inspected shipments with an agricultural violation found / inspected",
     rate_of<Count::FoundAgricultural, Count::Inspected>},
    {"true_agricultural_prevalence", "Agricultural violation rate, true", "fraction", K::Rate, W::Arrival, kArrivalScopes, false,
     "arrived shipments with an agricultural violation / arrivals", rate_of<Count::CarryingAgricultural, Count::Arrivals>},
    // Outcomes, by the time they happen.
    {"counterfeits_interdicted", "Counterfeit shipments stopped", "shipments", K::Count, W::Event, kEventScopes, false, "counterfeit shipments seized or abandoned",
     count_of<Count::CounterfeitInterdicted>},
    {"released", "Released into commerce", "shipments", K::Count, W::Event, kEventScopes, false, "shipments released into commerce, inspected or not",
     count_of<Count::Released>},
    {"leakage", "Released carrying an unfound violation", "shipments", K::Count, W::Event, kEventScopes, true, "shipments released while carrying a violation not found",
     count_of<Count::Leakage>},
    {"seizures", "Seizures", "shipments", K::Count, W::Event, kEventScopes, true, "shipments seized (abandoned ones are counted apart)",
     count_of<Count::Seized>},
    {"ipr_seizures", "IPR seizures (counterfeit found)", "shipments", K::Count, W::Event, kEventScopes, true,
     "shipments seized with a counterfeit found: what CBP and ICE count as seizures of infringing goods",
     count_of<Count::IprSeized>},
    {"abandoned", "Abandoned instead of seized", "shipments", K::Count, W::Event, kEventScopes, true, "seizable finds abandoned and destroyed instead of seized",
     count_of<Count::Abandoned>},
    {"lots_destroyed", "Lots destroyed at centers", "lots", K::Count, W::Event, kEventScopes, true, "identical goods destroyed at centers after a seizure",
     count_of<Count::LotsDestroyed>},
    {"units_destroyed", "Units destroyed at centers", "items", K::Count, W::Event, kEventScopes, true, "units in the lots destroyed", count_of<Count::UnitsDestroyed>},
    // Money.
    {"duties_collected_usd", "Duties collected", "USD", K::Amount, W::Arrival, kArrivalScopes, true,
     "duty on dutiable entries at arrival, plus duty on the true value of undervaluation found (at inspection)",
     amount_of<Sum::DutiesCollectedUsd>},
    {"duties_forgone_usd", "Duties forgone under de minimis", "USD", K::Amount, W::Arrival, kArrivalScopes, true, "duty not collected because of de minimis",
     amount_of<Sum::DutiesForgoneUsd>},
    {"bulk_duty_avoided_usd", "Duty avoided by break-bulk", "USD", K::Amount, W::Arrival, kArrivalScopes, true,
     "duty that bulk entries would have paid on lots sent as parcels", amount_of<Sum::BulkDutyAvoidedUsd>},
    {"penalties_usd", "Penalties", "USD", K::Amount, W::Event, kEventScopes & ~kSpanning, true, "penalties on undervaluation or misdescription found",
     amount_of<Sum::PenaltiesUsd>},
    // Time in the system, per shipment.
    {"wait_hours_mean", "Wait for inspection, mean", "h", K::Mean, W::Event, kEventScopes & ~kSpanning, true, "queue wait of inspections, by the time they started",
     mean_of<Per::WaitHours>},
    {"dwell_hours_mean", "Arrival to release, inspected, mean", "h", K::Mean, W::Event, kEventScopes & ~kSpanning, true, "arrival to the end of inspection, inspected shipments",
     mean_of<Per::DwellHours>},
    {"wait_hours_p50", "Wait for inspection, median", "h", K::Quantile, W::Event, kFacility, false, "median queue wait (inspections started in the window)",
     [](const ScopeData& d) { return d.queue->wait_p50_hours; }},
    {"wait_hours_p95", "Wait for inspection, 95th percentile", "h", K::Quantile, W::Event, kFacility, false, "95th percentile of the queue wait",
     [](const ScopeData& d) { return d.queue->wait_p95_hours; }},
    {"wait_hours_p99", "Wait for inspection, 99th percentile", "h", K::Quantile, W::Event, kFacility, false, "99th percentile of the queue wait",
     [](const ScopeData& d) { return d.queue->wait_p99_hours; }},
    {"wait_hours_max", "Wait for inspection, longest", "h", K::Quantile, W::Event, kFacility, false, "longest queue wait",
     [](const ScopeData& d) { return d.queue->wait_max_hours; }},
    {"waited_share", "Inspections that waited", "fraction", K::Rate, W::Event, kFacility, false, "inspections whose shipment waited at all",
     [](const ScopeData& d) { return d.queue->waited_share; }},
    // Officers and the inspection line, over time.
    {"active_hours", "Hours measured", "h", K::Level, W::Time, kOfficerScopes, false,
     "hours over which the officer metrics are measured: a facility's days with traffic or work, a blitz's window, a day",
     [](const ScopeData& d) { return d.officers->hours; }},
    {"officers_on_duty_mean", "Officers on duty, mean", "officers", K::TimeWeighted, W::Time, kOfficerScopes, false,
     "officers on duty (a blitz: at all its facilities together)",
     [](const ScopeData& d) { return per_hour(d.officers->on_duty_officer_hours, d.officers->hours); }},
    {"officers_busy_mean", "Officers inspecting, mean", "officers", K::TimeWeighted, W::Time, kOfficerScopes, false, "officers inspecting",
     [](const ScopeData& d) { return per_hour(d.officers->busy_officer_hours, d.officers->hours); }},
    {"officer_utilization", "Officer utilization", "fraction", K::TimeWeighted, W::Time, kOfficerScopes | scope_bit(Scope::Run), true,
     "busy officer-hours / officer-hours present (on duty, or finishing an inspection after the shift)",
     [](const ScopeData& d) { return d.officers->utilization(); }},
    {"queue_length_mean", "Shipments waiting, mean", "shipments", K::TimeWeighted, W::Time, kOfficerScopes, false, "shipments waiting for an officer",
     [](const ScopeData& d) { return per_hour(d.officers->waiting_shipment_hours, d.officers->hours); }},
    {"queue_length_end", "Shipments waiting at the end", "shipments", K::Level, W::Time, kOfficerScopes, false,
     "shipments waiting for an officer at the end of the window (of the day, for a day)",
     [](const ScopeData& d) { return d.officers->waiting_at_end; }},
    {"throughput_per_hour", "Inspections per hour", "shipments/h", K::Rate, W::Time, scope_bit(Scope::Facility) | scope_bit(Scope::Blitz), false,
     "inspections finished per active hour", [](const ScopeData& d) { return per_hour(count_of<Count::Inspected>(d), d.officers->hours); }},
};

}  // namespace

std::string_view scope_name(Scope s) {
  static constexpr std::array<std::string_view, kScopeKinds> kNames{"run", "facility", "stream", "mode",
                                                                     "selection", "blitz", "blitz_window", "day", "origin",
                                                                     "audit_channel", "fiscal_year", "month"};
  return kNames[static_cast<std::size_t>(s)];
}

std::string_view kind_name(MetricKind k) {
  static constexpr std::array<std::string_view, 7> kNames{"count", "amount", "rate", "mean", "time-weighted", "quantile", "level"};
  return kNames[static_cast<std::size_t>(k)];
}

std::string_view window_name(Window w) {
  static constexpr std::array<std::string_view, 3> kNames{"by arrival", "by event time", "over time"};
  return kNames[static_cast<std::size_t>(w)];
}

const std::vector<MetricDefinition>& metric_catalogue() { return kCatalogue; }

const MetricDefinition* find_metric_definition(std::string_view name) {
  for (const auto& m : kCatalogue) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

std::string format_metric_reference() {
  std::string out =
      "# cisim metrics\n\n"
      "Generated from the metric catalogue (`sim/model/metric_catalogue.cpp`) by `cisim schema metrics`;\n"
      "a test checks that this file matches it. Every output (the table, `summary.json`, `metrics.csv`,\n"
      "`timeseries.csv`, `compare`, `sweep`, `solve`) reads metrics from that one list. A rate or mean\n"
      "over no shipments (a measured rate where nothing was inspected) is undefined, not 0: `n/a` in\n"
      "tables, empty in CSV, `null` in JSON, and left out of `n` (decision 0015).\n\n"
      "## Scopes\n\n"
      "| scope | scope_name | what it holds |\n|---|---|---|\n"
      "| `run` | `all` | every shipment of the run |\n"
      "| `facility` | facility id | the facility's streams; officer metrics over its days with traffic or work |\n"
      "| `stream` | stream id | one stream |\n"
      "| `mode` | `postal`, `express`, `cargo`, `truck` | the streams of that mode (modes without a stream are left out) |\n"
      "| `selection` | `blitz`, `targeted`, `random`, `release_program`, `formal_entry_rule`, `audit` | the shipments "
      "selected for that reason: their selection, inspection and outcome (no arrival counts) |\n"
      "| `blitz` | blitz id, or `all` when there are several | what the blitz measured: its own selections and their "
      "outcomes, beside the arrivals it could select (its facilities, window, origins and categories); officers at its "
      "facilities over its window |\n"
      "| `blitz_window` | blitz id, or `all` | everything at the blitz's facilities on its days, whatever selected it |\n"
      "| `day` | facility id (`timeseries.csv`) | one facility on one day |\n"
      "| `origin` | origin id | the shipments of that origin (as shipped, not as declared): their selection, inspection and "
      "outcome (no arrival counts) |\n"
      "| `audit_channel` | `de_minimis` (released from its manifest), `type86`, `postal` (an item of international mail, "
      "in a stream entered as `postal`), `informal`, `formal`, `formal_high_risk`, `bulk_entry`, `bulk_covered` | the random audit's selections by the entry they came in (channels it examined in "
      "some replication): the audit's measured rates by channel (no arrival counts) |\n"
      "| `fiscal_year` | `FY2019` (1 October 2018 to 30 September 2019, the US federal fiscal year, named by the year it "
      "ends in) | every facility over the measured days of that fiscal year (a year the window covers in part: that part); "
      "a rate across a period's edge (counterfeits stopped) counts an outcome in the period it happened |\n"
      "| `month` | `2019-03` | every facility over the measured days of that calendar month, as `fiscal_year` |\n\n"
      "## Windows\n\n"
      "Counts are kept only for what happens in the measured window (after the warm-up, up to the horizon).\n"
      "- **by arrival**: shipments that arrived in the window (the traffic and its hidden truth);\n"
      "- **by event time**: selections, inspections, waits and outcomes that happened in the window, whenever the shipment "
      "arrived, so a facility working through a backlog shows the work it did;\n"
      "- **over time**: time-weighted over the scope's active hours (`active_hours`).\n\n"
      "## Metrics\n\n"
      "| metric | label | unit | kind | window | scopes | description |\n|---|---|---|---|---|---|---|\n";
  for (const auto& m : kCatalogue) {
    std::string scopes;
    for (std::size_t s = 0; s < kScopeKinds; ++s) {
      if (!has_scope(m.scopes, static_cast<Scope>(s))) continue;
      if (!scopes.empty()) scopes += ", ";
      scopes += scope_name(static_cast<Scope>(s));
    }
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} | {} |\n", m.name, m.label, m.unit, kind_name(m.kind), window_name(m.window),
                       scopes, m.description);
  }
  return out;
}

}  // namespace cisim
