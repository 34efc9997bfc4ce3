// SPDX-License-Identifier: MIT
// AggregatedStream: class counts by thinning, sums of values, conditional draws of the selected.
#include "model/aggregated/aggregated_stream.hpp"

#include <algorithm>
#include <cmath>

#include "cisim/base/assert.hpp"
#include "model/shipment_counts.hpp"

namespace cisim {
namespace {

// Below this many shipments a class's values are drawn one by one; from it on their sum is
// drawn from the normal with the sum's exact mean and variance (docs/performance.md says
// why the difference is far below the replication noise).
constexpr std::uint64_t kExactSumBelow = 32;

// A class-hour's seed: the stream's, the slice's start and (for a ranked line's intervals of
// one bar) the interval's number; 0 leaves the hour's seed as it was before ranked lines.
std::uint64_t hour_seed(std::uint64_t stream_seed, std::uint32_t salt, std::int64_t ticks) {
  std::uint64_t hour = stream_seed ^ static_cast<std::uint64_t>(ticks);
  if (salt != 0) hour ^= 0x9E3779B97F4A7C15ull * salt;
  return hour;
}

}  // namespace

AggregatedStream::AggregatedStream(const CustomsModelConfig& config, std::uint32_t s, const Targeting& targeting,
                                   const EntryRules& rules, SellerMarket& sellers, const RandomStreams& streams)
    : config_(&config),
      stream_(s),
      sellers_(&sellers),
      count_seed_(streams.seed_of("aggregate/" + config.streams[s].name)),
      refused_seed_(streams.seed_of("aggregate_refused/" + config.streams[s].name)),
      values_seed_(streams.seed_of("aggregate_values/" + config.streams[s].name)),
      refused_values_seed_(streams.seed_of("aggregate_refused_values/" + config.streams[s].name)),
      selected_g_(streams.stream("aggregate_selected/" + config.streams[s].name)),
      trace_g_(streams.stream("trace_values/" + config.streams[s].name)),
      filed_g_(streams.stream("aggregate_filed/" + config.streams[s].name)),
      audit_g_(streams.stream("aggregate_audit/" + config.streams[s].name)),
      ranked_g_(streams.stream("aggregate_ranked/" + config.streams[s].name)),
      classes_(config, s, targeting, rules) {
  if (config.policies.targeting.ranked_line && config.facilities[config.streams[s].facility].waiting_limit) {
    ranked_.emplace(targeting, config.streams[s].mode);
  }
  init_sellers(config, s, sellers);
}

bool AggregatedStream::can_aggregate(SimTime from, SimTime to) {
  if (classes_.builds() == 0 || classes_.rules_changed(from)) {
    classes_.build(from, moments_);
    counts_.assign(classes_.size(), 0);
    sellers_changed_ = false;
  } else if (sellers_changed_) {
    if (!classes_.refresh(moments_)) classes_.build_tables(moments_);
    sellers_changed_ = false;
  }
  return !classes_.rules_changed(to - Duration::from_ticks(1));
}

std::uint64_t AggregatedStream::begin_slice(SimTime from, SimTime to, double expected, CustomsRecorder& recorder,
                                            ShipmentTrace* trace) {
  CISIM_ASSERT(!in_slice_, "an aggregated slice began before the last one ended");
  slice_from_ = from;
  slice_to_ = to;
  per_second_ = expected / (to - from).to_seconds();
  in_slice_ = true;
  awake_ = false;
  asleep_since_ = from;
  asleep_seconds_ = 0.0;
  asleep_.clear();
  bar_ = std::numeric_limits<double>::infinity();
  bars_ = 0;
  ++generation_;
  ++steady_generation_;
  count_classes(nullptr);
  return flush(recorder, from, nullptr, trace);
}

std::uint64_t AggregatedStream::end_slice(SimTime now, CustomsRecorder& recorder, ShipmentTrace* trace) {
  if (!in_slice_) return 0;
  std::uint64_t refused = awake_ ? 0 : close_asleep(now, recorder, trace);
  const Refusals asleep{asleep_, asleep_seconds_};
  count_classes(&asleep);
  in_slice_ = false;
  awake_ = false;
  ++generation_;
  ++steady_generation_;
  return refused + flush(recorder, slice_from_, &asleep, trace);
}

std::uint64_t AggregatedStream::sleep(SimTime now, double bar, CustomsRecorder& recorder, ShipmentTrace* trace) {
  if (!ranked_) bar = std::numeric_limits<double>::infinity();
  std::uint64_t refused = 0;
  if (awake_) {
    awake_ = false;
  } else {
    // While the line stays full its bar only rises: the candidates of the table's bar that
    // no longer pass are turned away by the line itself (thinning). A new table (and the count
    // of the last one's refusals) costs about what a few dozen such candidates cost, so one
    // is set once 64 were drawn (the fastest of 16 to 1,024 on a national year's 60 days).
    if (bar == bar_ || (bar > bar_ && drawn_since_bar_ < kStaleAfter)) return 0;
    refused = close_asleep(now, recorder, trace);
  }
  drawn_since_bar_ = 0;
  asleep_since_ = now;
  bar_ = bar;
  if (std::isfinite(bar)) ranked_->set(classes_, bar);
  ++generation_;
  return refused;
}

std::uint64_t AggregatedStream::wake(SimTime now, CustomsRecorder& recorder, ShipmentTrace* trace) {
  if (awake_) return 0;
  const std::uint64_t refused = close_asleep(now, recorder, trace);
  bar_ = std::numeric_limits<double>::infinity();
  awake_ = true;
  ++generation_;  // an event of the bar's process may be pending
  return refused;
}

std::uint64_t AggregatedStream::close_asleep(SimTime now, CustomsRecorder& recorder, ShipmentTrace* trace) {
  if (!std::isfinite(bar_)) {
    asleep_seconds_ += (now - asleep_since_).to_seconds();
    asleep_.emplace_back(asleep_since_, now);
    return 0;
  }
  // The selections of this interval that did not pass its bar, counted by class now.
  const std::pair<SimTime, SimTime> interval{asleep_since_, now};
  const Refusals refusals{{&interval, 1}, (now - asleep_since_).to_seconds(), ++bars_, &*ranked_};
  count_classes(&refusals);
  return flush(recorder, slice_from_, &refusals, trace);
}

// The next candidate after `now` of a Poisson process of `chance` per shipment, if before
// the slice's end (exponential gaps: the process is memoryless).
std::optional<SimTime> AggregatedStream::next_candidate(SimTime now, double chance, Xoshiro256& g) const {
  const double rate = per_second_ * chance;
  if (!(rate > 0.0)) return std::nullopt;
  const double wait_seconds = -std::log(1.0 - g.uniform01()) / rate;
  if (wait_seconds >= (slice_to_ - now).to_seconds()) return std::nullopt;
  const SimTime at = now + Duration::from_seconds(wait_seconds);
  return at < slice_to_ ? std::optional{at} : std::nullopt;
}

std::optional<SelectedShipment> AggregatedStream::candidate_shipment(std::size_t i, SimTime now, Xoshiro256& g) {
  if (!classes_.keep(i, g)) return std::nullopt;
  // The shipment's value, seller and reason from a generator of its own: one word of the
  // process each, however many the seller's rejection draws take.
  Xoshiro256 shipment{g()};
  return selected_of(i, classes_[i].declared, now, shipment);
}

std::optional<SimTime> AggregatedStream::next_selected(SimTime now) {
  if (!awake_) return std::isfinite(bar_) ? next_candidate(now, ranked_->candidate_chance(classes_), ranked_g_) : std::nullopt;
  return next_candidate(now, classes_.candidate_chance_selected(), selected_g_);
}

std::optional<SelectedShipment> AggregatedStream::selected_shipment(SimTime now) {
  if (awake_) return candidate_shipment(classes_.draw_selected(selected_g_), now, selected_g_);
  // Asleep with a finite bar: a selection that passes it, its value drawn from the part of
  // its class above the bar.
  ++drawn_since_bar_;
  const std::size_t i = ranked_->draw(ranked_g_);
  if (!classes_.keep(i, ranked_g_)) return std::nullopt;
  Xoshiro256 shipment{ranked_g_()};
  return selected_of(i, ranked_->declared(classes_, i, true), now, shipment);
}

std::optional<SimTime> AggregatedStream::next_filed(SimTime now) {
  return next_candidate(now, classes_.candidate_chance_filed(), filed_g_);
}

std::optional<SelectedShipment> AggregatedStream::filed_shipment(SimTime now) {
  return candidate_shipment(classes_.draw_filed(filed_g_), now, filed_g_);
}

std::optional<SimTime> AggregatedStream::next_audited(SimTime now) {
  return next_candidate(now, classes_.candidate_chance_audit(), audit_g_);
}

std::optional<SelectedShipment> AggregatedStream::audited_shipment(SimTime now) {
  // Drawn as a selected shipment of its class (the reason that would have selected it, drawn
  // last from the shipment's own generator, moves nothing else), then the audit's.
  auto s = candidate_shipment(classes_.draw_audited(audit_g_), now, audit_g_);
  if (s) {
    s->record.reason = SelectionReason::Audit;
    s->prioritized = false;
  }
  return s;
}

SelectedShipment AggregatedStream::selected_of(std::size_t i, const TruncatedLogNormal& declared, SimTime now, Xoshiro256& g) {
  const ShipmentClass& k = classes_[i];
  SelectedShipment s;
  s.record = record_of(k, declared, now, g);
  s.record.reason = k.targeted ? SelectionReason::Targeted : untargeted_reason(i, g);
  s.has_data = k.has_data;
  s.high_risk = k.high_risk;
  s.prioritized = k.prioritized;
  return s;
}

SelectionReason AggregatedStream::untargeted_reason(std::size_t i, Xoshiro256& g) const {
  const SelectionShares shares = classes_.selection_shares(i);
  if (shares.random >= 1.0) return SelectionReason::Random;
  const double u = g.uniform01();
  if (u < shares.random) return SelectionReason::Random;
  // A prioritized post's selection is a targeted inspection (enter_inline).
  return u < shares.random + shares.prioritized ? SelectionReason::Targeted : SelectionReason::FormalEntryRule;
}

void AggregatedStream::set_posts(PostCompliance* posts, std::vector<std::optional<PostTerms>> terms) {
  posts_ = posts;
  classes_.set_posts(std::move(terms));
}

// A shipment of class k arrived at `at`, drawn conditionally on its class: value by inversion
// of the class's truncated lognormal, then its seller.
ShipmentRecord AggregatedStream::record_of(const ShipmentClass& k, const TruncatedLogNormal& declared, SimTime at, Xoshiro256& g) {
  ShipmentRecord r;
  r.arrived = at;
  r.stream = r.drawn_stream = stream_;
  r.origin = k.origin;
  r.category = k.category;
  r.carried = k.carried;
  r.declared_value_usd = declared(g);
  const ProductCategory& category = config_->categories[k.category];
  r.true_value_usd = contains(k.carried, ViolationKind::Undervaluation) ? r.declared_value_usd / category.undervaluation_factor
                                                                         : r.declared_value_usd;
  r.seller = draw_seller(k, g);
  return r;
}

void AggregatedStream::trace_sampled(const ShipmentClass& k, const TruncatedLogNormal& declared, SelectionReason reason,
                                     const Refusals* refusals, ShipmentTrace& trace) {
  const bool refused = reason != SelectionReason::None;
  SimTime at = slice_from_ + Duration::from_seconds(trace_g_.uniform01() * (slice_to_ - slice_from_).to_seconds());
  if (refused) {
    // Uniform over the sleeping time: the refused arrived while the line was full.
    double u = trace_g_.uniform01() * refusals->seconds;
    for (const auto& [from, to] : refusals->when) {
      const double length = (to - from).to_seconds();
      at = from + Duration::from_seconds(std::min(u, length));
      if (u < length) break;
      u -= length;
    }
  }
  ShipmentRecord r = record_of(k, declared, at, trace_g_);
  r.reason = reason;
  r.entry = entry_kind(k.entry(), de_minimis_kind(config_->streams[stream_].de_minimis_entry, k.has_data), k.high_risk, Entry::Own);
  if (k.refused) {
    trace.refused_sampled(r, at);  // held or blocked at the border (EO 13904)
  } else {
    trace.released_sampled(r, at, refused);
  }
}

// The generator of class i in the current slice: seeded by the stream's seed, the slice and
// the class, so that a class's count and values in an hour depend on nothing else drawn.
Xoshiro256 AggregatedStream::class_draws(std::uint64_t stream_seed, std::size_t i, std::uint32_t salt) const {
  std::uint64_t hour = hour_seed(stream_seed, salt, slice_from_.since_start().ticks());
  return Xoshiro256{splitmix64_next(hour) + i};
}

namespace {

// Poisson(mean) from the first word of a class-hour's generator (seeded by `seed`): by
// inversion below mean 10, monotone in the mean for the same word, so that a small change of
// a class's chance changes its count rarely; most classes expect far below one shipment an
// hour, and a uniform below 1 - mean (which is below exp(-mean)) is 0 without an exponential.
std::int64_t class_count(std::uint64_t seed, double mean) {
  const std::uint64_t word = splitmix64_next(seed);
  const double u = Xoshiro256::unit(word);
  if (mean >= 10.0) {
    Xoshiro256 g{word};
    return Poisson{mean}(g);
  }
  if (u < 1.0 - mean) return 0;
  double p = std::exp(-mean);
  double cumulative = p;
  std::int64_t k = 0;
  // The bound stops rounding from running on when u lies above the sum's last representable value.
  while (u >= cumulative && k < 200) {
    ++k;
    p *= mean / static_cast<double>(k);
    cumulative += p;
  }
  return k;
}

}  // namespace

void AggregatedStream::count_classes(const Refusals* refusals) {
  const bool refused = refusals != nullptr;
  const double per_shipment = per_second_ * (refused ? refusals->seconds : (slice_to_ - slice_from_).to_seconds());
  if (!(per_shipment > 0.0)) return;
  std::uint64_t hour = hour_seed(refused ? refused_seed_ : count_seed_, refused ? refusals->salt : 0, slice_from_.since_start().ticks());
  const std::uint64_t classes_seed = splitmix64_next(hour);
  const RankedAdmission* ranked = refused ? refusals->ranked : nullptr;
  std::uint32_t* counts = counts_.data();
  const auto count = [&](std::size_t i, double mean) {
    if (!(mean > 0.0)) return;
    const auto n = static_cast<std::uint32_t>(class_count(classes_seed + i, mean));
    if (n == 0) return;
    if (counts[i] == 0) touched_.push_back(static_cast<std::uint32_t>(i));
    counts[i] += n;
  };
  if (ranked) {
    // Below a bar: only targeted classes are turned away (those that pass it were presented).
    for (const std::uint32_t i : ranked->ranked_classes()) count(i, per_shipment * classes_.selected_chance(i) * (1.0 - ranked->admitted(i)));
    return;
  }
  for (std::size_t i = 0; i < classes_.size(); ++i) {
    count(i, per_shipment * (refused ? classes_.selected_chance(i) : classes_.not_selected_chance(i)));
  }
}

// Every count of the classes drawn, as the per-shipment path counts each shipment: at
// arrival, then (refused by the full line) its selection, and its release.
std::uint64_t AggregatedStream::flush(CustomsRecorder& recorder, SimTime at, const Refusals* refusals, ShipmentTrace* trace) {
  const bool refused = refusals != nullptr;
  const RankedAdmission* ranked = refused ? refusals->ranked : nullptr;
  std::uint64_t total = 0;
  refused_at_border_ = 0;
  for (const std::uint32_t i : touched_) {
    const ShipmentClass& k = classes_[i];
    const std::uint64_t n = counts_[i];
    counts_[i] = 0;
    total += n;
    ShipmentRecord r;
    r.arrived = at;
    r.stream = r.drawn_stream = stream_;
    r.origin = k.origin;
    r.category = k.category;
    r.reason = !refused ? SelectionReason::None : k.targeted ? SelectionReason::Targeted : SelectionReason::Random;
    const bool type86 = de_minimis_kind(config_->streams[stream_].de_minimis_entry, k.has_data) == EntryKind::Type86;
    ArrivalFacts facts = arrival_facts(k.entry(), type86, k.high_risk, k.carried);
    facts.refused = k.refused;
    // A scored post's items count toward its quarter's score as they arrive (arrive()).
    const auto& terms = classes_.posts();
    if (posts_ && k.origin < terms.size() && terms[k.origin]) {
      posts_->count_items(k.origin, terms[k.origin]->measure, n, k.has_data ? n : 0);
    }
    // The class-hour's values, and the split of its refusals, from its own generator.
    Xoshiro256 g = class_draws(refused ? refused_values_seed_ : values_seed_, i, refused ? refusals->salt : 0);
    // Below a ranked line's bar, the values of the class that do not pass it.
    const TruncatedLogNormal declared = ranked ? ranked->declared(classes_, i, false) : k.declared;
    const double duty = k.refused ? 0.0 : duty_usd(k, declared, n, g);
    recorder.at_arrival(r, [&](CustomsTally& t) { count_arrivals(t, facts, n, n, duty); });
    if (k.refused) {
      // Held or blocked at the border: it never enters commerce, nor is it released.
      refused_at_border_ += n;
      if (trace) {
        for (std::uint64_t sampled = trace->sample_of(n); sampled > 0; --sampled) trace_sampled(k, declared, SelectionReason::None, refusals, *trace);
      }
      continue;
    }
    // Refused selections of a class that targeting does not select are the random sample's,
    // its post's prioritized selection's or the formal-entry rule's, split by their shares.
    std::uint64_t random = n, prioritized = 0;
    if (refused && !k.targeted) {
      const SelectionShares shares = classes_.selection_shares(i);
      if (shares.random < 1.0) random = static_cast<std::uint64_t>(Binomial{static_cast<std::int64_t>(n), shares.random}(g));
      if (shares.prioritized > 0.0 && random < n) {
        const double of_rest = std::min(1.0, shares.prioritized / (1.0 - shares.random));
        prioritized = static_cast<std::uint64_t>(Binomial{static_cast<std::int64_t>(n - random), of_rest}(g));
      }
    }
    const auto released = [&](std::uint64_t m) {
      if (m == 0) return;
      recorder.at_event(r, at, [&](CustomsTally& t) {
        if (refused) {
          t[selected_count(r.reason)] += m;
          t[Count::SelectedNotInspected] += m;
        }
        count_releases(t, m, k.carried ? m : 0);
      });
      if (trace) {
        for (std::uint64_t sampled = trace->sample_of(m); sampled > 0; --sampled) trace_sampled(k, declared, r.reason, refusals, *trace);
      }
    };
    released(random);
    r.reason = SelectionReason::Targeted;
    released(prioritized);
    r.reason = SelectionReason::FormalEntryRule;
    released(n - random - prioritized);
  }
  touched_.clear();
  return total;
}

double AggregatedStream::duty_usd(const ShipmentClass& k, const TruncatedLogNormal& declared, std::uint64_t shipments, Xoshiro256& g) {
  if (k.specific_duty) return k.specific_duty_usd * static_cast<double>(shipments);
  if (k.duty_rate == 0.0 || shipments == 0) return 0.0;
  double sum = 0.0;
  if (shipments < kExactSumBelow) {
    for (std::uint64_t i = 0; i < shipments; ++i) sum += declared(g);
  } else {
    const auto n = static_cast<double>(shipments);
    sum = n * declared.mean() + std::sqrt(n * declared.variance()) * standard_normal(g);
    sum = std::clamp(sum, n * declared.low(), n * declared.high());
  }
  return k.duty_rate * sum;
}

}  // namespace cisim
