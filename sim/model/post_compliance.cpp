// SPDX-License-Identifier: MIT
// PostCompliance: quarter counts, scores, the consecutive-quarter count and the draws of its measures.
#include "cisim/model/post_compliance.hpp"

namespace cisim {

PostCompliance::PostCompliance(const CustomsModelConfig& config, const RandomStreams& streams)
    : rule_(&config.policies.post_scoring), enabled_(config.policies.post_scoring.enabled), posts_(config.origins.size()) {
  if (!enabled_) return;
  // The first end of a quarter after the clock's start, on the quarters counted from start_date.
  const std::int64_t before = (rule_->quarters_from - SimTime::start()).ticks() % rule_->quarter.ticks();
  quarter_end_ = SimTime::start() + (before == 0 ? rule_->quarter : Duration::from_ticks(before));
  for (std::size_t o = 0; o < posts_.size(); ++o) {
    if (o < rule_->posts.size() && rule_->posts[o]) posts_[o].draws.emplace(streams.stream("post_scoring/" + config.origins[o].name));
  }
}

void PostCompliance::close_quarters(SimTime now) {
  while (now >= quarter_end_) {
    for (Post& p : posts_) {
      if (!p.draws || p.items == 0) continue;
      const double data_share = static_cast<double>(p.with_data) / static_cast<double>(p.items);
      const double clean = p.inspected == 0 ? 1.0 : 1.0 - static_cast<double>(p.findings) / static_cast<double>(p.inspected);
      const double score = rule_->weight_data * data_share + (1.0 - rule_->weight_data) * clean;
      p.last_score = score;
      p.consecutive = score < rule_->threshold ? p.consecutive + 1 : 0;
      p.items = p.with_data = p.inspected = p.findings = 0;
    }
    quarter_end_ = quarter_end_ + rule_->quarter;
  }
}

PostMeasure PostCompliance::measure(std::uint16_t origin, SimTime now) {
  close_quarters(now);
  Post& p = posts_[origin];
  const int c = p.consecutive;
  // A post that improves keeps its better data once asked for it, after the measures lift.
  if (c >= rule_->request_data_after && rule_->improves[origin]) p.improved = true;
  if (c >= rule_->block_after) return PostMeasure::Blocked;
  if (c >= rule_->request_data_after) return PostMeasure::DataRequired;
  if (c >= rule_->prioritize_after) return PostMeasure::Prioritized;
  return PostMeasure::None;
}

bool PostCompliance::arrive(std::uint16_t origin, PostMeasure m, bool has_data, double stream_share) {
  Post& p = posts_[origin];
  const auto& improved = rule_->improves[origin];
  // Once asked for more data, an improving post files it for a share `improved` of its
  // items: an item the stream left without data gets it with chance (improved - share) /
  // (1 - share), which makes the share of items with data exactly `improved`.
  if (p.improved && !has_data && *improved > stream_share && stream_share < 1.0) {
    has_data = p.draws->uniform01() < (*improved - stream_share) / (1.0 - stream_share);
  }
  // A blocked post's items never enter: they are not scored, so a blocked post stays blocked
  // (a quarter without items leaves its count as it is).
  if (m == PostMeasure::Blocked) return has_data;
  ++p.items;
  if (has_data) ++p.with_data;
  return has_data;
}

void PostCompliance::count_items(std::uint16_t origin, PostMeasure m, std::uint64_t items, std::uint64_t with_data) {
  if (m == PostMeasure::Blocked) return;  // as arrive(): a blocked post's items are not scored
  posts_[origin].items += items;
  posts_[origin].with_data += with_data;
}

double PostCompliance::data_share(std::uint16_t origin, double stream_share) const {
  const Post& p = posts_[origin];
  const auto& improved = rule_->improves[origin];
  // arrive()'s draw: an item without data gets it with chance (improved - share) / (1 - share).
  return p.improved && improved && *improved > stream_share && stream_share < 1.0 ? *improved : stream_share;
}

bool PostCompliance::prioritized_selection(std::uint16_t origin) {
  return posts_[origin].draws->uniform01() < rule_->prioritized_rate;
}

void PostCompliance::inspected(std::uint16_t origin, bool finding, SimTime now) {
  close_quarters(now);
  Post& p = posts_[origin];
  ++p.inspected;
  if (finding) ++p.findings;
}

}  // namespace cisim
