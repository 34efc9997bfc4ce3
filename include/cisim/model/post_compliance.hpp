// SPDX-License-Identifier: MIT
// PostCompliance: Executive Order 13904's quarterly scores of foreign posts and the measures they bring.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "cisim/engine/sim_time.hpp"
#include "cisim/model/customs_config.hpp"
#include "cisim/random/random_streams.hpp"
#include "cisim/random/xoshiro256.hpp"

namespace cisim {

/// The measures a post is under, by its consecutive non-compliant quarters (EO 13904).
enum class PostMeasure : std::uint8_t { None, Prioritized, DataRequired, Blocked };

/// A scored foreign post's terms for its items in the hour (EO 13904): the measure it is
/// under and the advance-data share its items have.
struct PostTerms {
  PostMeasure measure = PostMeasure::None;
  double data_share = 0.0;
  friend bool operator==(const PostTerms&, const PostTerms&) = default;
};

/// Per scored post (the postal items of one declared origin; docs/model.md, "Foreign posts
/// scored"): the quarter's counts of items, items with advance data, inspected items and
/// inspected items with a finding; at each quarter's end the score
///   data_weight x data share + (1 - data_weight) x (1 - finding rate among inspected)
/// (a quarter without items leaves the count as it is; without inspections the clean share
/// is 1), the count of consecutive quarters below the threshold, and the measure it brings.
/// Quarters close lazily, at the first call at or after their end, so every call must come
/// in time order (one part of the model holds every stream that carries a scored post).
class PostCompliance {
 public:
  PostCompliance(const CustomsModelConfig& config, const RandomStreams& streams);

  /// Whether items of `mode` may be scored at all (posts score postal items only).
  bool may_score(Mode mode) const { return enabled_ && mode == Mode::Postal; }
  /// Whether an item of `mode` from `origin` is scored.
  bool scores(Mode mode, std::uint16_t origin) const { return may_score(mode) && rule_->posts[origin]; }
  /// The measure the post is under at `now` (closing any quarter that ended before).
  PostMeasure measure(std::uint16_t origin, SimTime now);
  /// An item of the post arrives, on a stream whose advance-data share is `stream_share`;
  /// once more data has been required, an improving post raises the share to its `improves`
  /// for good (the draw is the post's own); a blocked post's items are not scored. Returns
  /// whether the item has advance data.
  bool arrive(std::uint16_t origin, PostMeasure m, bool has_data, double stream_share);
  /// The aggregated path's arrive(): `items` of the post's items arrived under measure `m`,
  /// `with_data` of them with advance data (already the share data_share() gives).
  void count_items(std::uint16_t origin, PostMeasure m, std::uint64_t items, std::uint64_t with_data);
  /// The advance-data share of the post's items on a stream whose share is `stream_share`:
  /// the post's improved share once it files more data, else the stream's.
  double data_share(std::uint16_t origin, double stream_share) const;
  /// The share of a prioritized post's items selected for targeted inspection.
  double prioritized_rate() const { return rule_->prioritized_rate; }
  /// The end of the quarter now open: the measures can change only there.
  SimTime quarter_end() const { return quarter_end_; }
  /// Whether a prioritized item is selected for targeted inspection (the post's own draw).
  bool prioritized_selection(std::uint16_t origin);
  /// One of the post's items was inspected, with or without a finding.
  void inspected(std::uint16_t origin, bool finding, SimTime now);

  /// Consecutive non-compliant quarters and the last closed quarter's score (for tests).
  int consecutive(std::uint16_t origin) const { return posts_[origin].consecutive; }
  std::optional<double> last_score(std::uint16_t origin) const { return posts_[origin].last_score; }

 private:
  struct Post {
    std::uint64_t items = 0, with_data = 0, inspected = 0, findings = 0;
    int consecutive = 0;
    bool improved = false;  // asked for more data, an improving post files it from then on
    std::optional<double> last_score;
    std::optional<Xoshiro256> draws;
  };
  void close_quarters(SimTime now);

  const PostScoring* rule_;
  bool enabled_;
  std::vector<Post> posts_;  // per origin
  SimTime quarter_end_;
};

}  // namespace cisim
