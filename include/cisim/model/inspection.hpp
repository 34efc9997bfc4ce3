// SPDX-License-Identifier: MIT
// Inspection: the method an officer uses, how long it takes, and what it finds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "cisim/model/customs_config.hpp"
#include "cisim/model/shipment_record.hpp"
#include "cisim/random/distributions.hpp"
#include "cisim/random/random_streams.hpp"

namespace cisim {

/// What one inspection found, and how many items it opened under lot sampling.
struct Finding {
  ViolationSet found = 0;
  std::int64_t items_opened = 0;
};

/// Inspections at every facility (docs/model.md, "Officers and inspection", "Lot sampling"):
/// a method drawn by share (or the blitz's own), a duration drawn from it plus time per item
/// opened, and detection per violation kind with the method's sensitivity. Random streams per
/// facility: "inspection_method/<f>", "inspection_time/<f>", "detection/<f>".
class Inspection {
 public:
  Inspection(const CustomsModelConfig& config, const RandomStreams& streams);

  /// The method for shipment `r` at facility `f`. The share draw is made even when a blitz
  /// imposes its method, so a blitz's method leaves the other draws where they were.
  std::size_t choose_method(std::size_t f, const ShipmentRecord& r);
  /// How long the inspection of `r` with method `m` at facility `f`, starting at `now`, takes.
  Duration duration(std::size_t f, std::size_t m, const ShipmentRecord& r, SimTime now);
  /// What the inspection of `r` with its method at facility `f` finds, drawn from `g`.
  Finding detect(std::size_t f, const ShipmentRecord& r, Xoshiro256& g);
  /// A generator of the inspection's own, for its detection and what follows a finding
  /// (abandonment, destruction of identical goods): seeded by one number of the facility's
  /// detection stream per inspection, so that what one inspection finds does not shift the
  /// draws of the next (common random numbers; decision 0016).
  Xoshiro256 inspection_draws(std::size_t f) { return Xoshiro256{detection_[f]()}; }

 private:
  /// Items opened in `r` under its stream's lot sampling plan. The hypergeometric size takes
  /// up to one step per item, so sizes are kept per (stream, items): each is computed once.
  std::int64_t items_opened(const LotSampling& plan, const ShipmentRecord& r);
  const CustomsModelConfig* config_;
  std::vector<Categorical> method_choice_;
  std::vector<Xoshiro256> inspection_time_, inspection_method_, detection_;
  std::vector<std::vector<std::optional<std::size_t>>> blitz_method_;  // [blitz][facility]
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::int64_t> sample_sizes_;  // (stream, items) -> items opened
};

/// Number of violating items among `opened` drawn without replacement from a consignment of
/// `items` whose share `contaminated_share` (at least one item) violates: an exact
/// hypergeometric draw, one uniform per item opened.
std::int64_t violating_in_sample(const LotSampling& plan, std::int64_t items, std::int64_t opened, Xoshiro256& g);

}  // namespace cisim
