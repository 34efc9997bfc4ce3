// SPDX-License-Identifier: MIT
// Validator's build of the policies (de minimis, formal entry, targeting) and the blitzes.
#include "validator.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <Eigen/Core>
#include <fmt/core.h>

#include "cisim/scenario/did_you_mean.hpp"

namespace cisim::detail {

void Validator::build_policies(CustomsModelConfig& m) {
  CustomsPolicies& p = m.policies;
  p.de_minimis_threshold_usd = maybe<double>("policies.de_minimis.threshold", "policies.de_minimis.threshold").value_or(800.0);
  p.informal_limit_usd =
      maybe<double>("policies.de_minimis.informal_limit", "policies.de_minimis.informal_limit").value_or(2500.0);
  if (p.informal_limit_usd < p.de_minimis_threshold_usd) {
    error(where("policies.de_minimis.informal_limit"), "policies.de_minimis.informal_limit",
          fmt::format("informal limit {:g} USD is below the de minimis threshold {:g} USD", p.informal_limit_usd,
                      p.de_minimis_threshold_usd));
  }
  p.entries_file_data = maybe<std::string>("policies.entry_data", "policies.entry_data").value_or("filed") == "filed";
  p.random_rate = maybe<double>("policies.random_rate", "policies.random_rate").value_or(0.0);
  if (sections_.contains("policies.audit")) p.audit_rate = maybe_dated("policies.audit.rate", "").value_or(DatedValue{0.0});
  p.penalty_rate = maybe<double>("policies.penalty_rate", "policies.penalty_rate").value_or(0.0);
  p.abandon_share = maybe<double>("policies.abandon_share", "policies.abandon_share").value_or(0.0);
  p.destroy_identical_share =
      maybe<double>("policies.destroy_identical_share", "policies.destroy_identical_share").value_or(0.0);
  if (!sections_.contains("policies.targeting")) return;
  TargetingModel& t = p.targeting;
  const auto threshold = maybe_dated("policies.targeting.threshold", "");
  if (!threshold) return;
  for (const auto& [from, value] : threshold->steps()) {
    if (value <= 0.0 || value >= 1.0) {
      error(where("policies.targeting.threshold"), "policies.targeting.threshold",
            fmt::format("must be strictly between 0 and 1 (a logistic score never reaches 0 or 1); found {:g} ({:g}%)", value,
                        100.0 * value));
      return;
    }
  }
  t.enabled = true;
  t.threshold = *threshold;
  t.ranked_line = maybe<std::string>("policies.targeting.line_order", "").value_or("arrival") == "score";
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

SimTime Validator::date_time(const CivilDate& date, const CivilDate& start) const {
  const std::int64_t days = days_since_epoch(date) - days_since_epoch(start);
  return SimTime::start() + Duration::days(std::max<std::int64_t>(days, 0));
}

// The 2025-style de minimis variants: exclusions, suspension, postal specific duty.
void Validator::build_de_minimis_rules(Scenario& s) {
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

void Validator::build_post_scoring(CustomsModelConfig& m) {
  const std::string f = "policies.post_scoring";
  if (!sections_.contains(f)) return;
  PostScoring& p = m.policies.post_scoring;
  p.enabled = true;
  p.posts = build_id_filter(f + ".posts", ids_["origins"], "origin");
  p.quarter = maybe<Duration>(f + ".quarter", f + ".quarter").value_or(Duration::days(91));
  p.weight_data = maybe<double>(f + ".data_weight", f + ".data_weight").value_or(0.5);
  p.threshold = maybe<double>(f + ".threshold", "").value_or(0.7);
  p.prioritize_after = static_cast<int>(maybe<std::int64_t>(f + ".prioritize_after", f + ".prioritize_after").value_or(2));
  p.request_data_after = static_cast<int>(maybe<std::int64_t>(f + ".request_data_after", f + ".request_data_after").value_or(6));
  p.block_after = static_cast<int>(maybe<std::int64_t>(f + ".block_after", f + ".block_after").value_or(8));
  p.prioritized_rate = maybe<double>(f + ".prioritized_rate", f + ".prioritized_rate").value_or(0.05);
  if (!(p.prioritize_after <= p.request_data_after && p.request_data_after <= p.block_after)) {
    error(where(f), f,
          fmt::format("the measures must come in the order EO 13904 gives them: prioritize_after ({}) <= request_data_after ({}) <= "
                      "block_after ({})",
                      p.prioritize_after, p.request_data_after, p.block_after));
  }
  p.improves.assign(ids_["origins"].size() + 1, std::nullopt);
  for (const std::string& id : ids_[f + ".improves"]) {
    const std::string key = f + ".improves." + id;
    const auto index = index_of_id(key, id, "origins", "origin");
    if (!index) continue;
    const std::size_t i = *index;
    if (p.posts.empty() || !p.posts[i]) {
      error(where(key), key, fmt::format("'{}' is not a scored post (policies.post_scoring.posts)", id));
      continue;
    }
    p.improves[i] = maybe<double>(key, "");
  }
  // A post asked for data files it for items whose violations were drawn without it: their
  // entry channel's risk would be the wrong one (a class of the aggregated path has one).
  const bool improves = std::any_of(p.improves.begin(), p.improves.end(), [](const auto& x) { return x.has_value(); });
  for (const CustomsStream& stream : m.streams) {
    if (!improves || stream.mode != Mode::Postal || stream.data_risk[0] == stream.data_risk[1]) continue;
    const std::string key = "streams." + stream.name + ".risk_without_advance_data";
    error(where(key), key,
          "risk by advance data cannot be set for a postal stream while policies.post_scoring.improves raises posts' data: "
          "items whose data a post files later would keep the risk of their arrival without it");
  }
}

void Validator::build_formal_entry_rule(CustomsModelConfig& m) {
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

std::optional<std::size_t> Validator::index_of_id(const std::string& path, const std::string& id, const std::string& universe,
                                                  const char* noun) {
  const auto& ids = ids_[universe];
  const auto it = std::find(ids.begin(), ids.end(), id);
  if (it != ids.end()) return static_cast<std::size_t>(it - ids.begin());
  error(where(path), path, fmt::format("no {} '{}'{}", noun, id, did_you_mean_suffix(id, ids)));
  return std::nullopt;
}

// Resolves a list of ids against `universe`; absent list: empty (meaning "all").
std::vector<bool> Validator::build_id_filter(const std::string& path, const std::vector<std::string>& universe, const char* noun) {
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

void Validator::build_blitzes(Scenario& s) {
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
        // A facility with an error of its own may lack its methods: no follow-on error here.
        if (!b.facilities[f] || has_error_under("facilities." + m.facilities[f].name)) continue;
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

}  // namespace cisim::detail
