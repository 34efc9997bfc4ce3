// SPDX-License-Identifier: MIT
// ReleaseProgram: Dodge's CSP-1 continuous sampling plan, per stream or per seller.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "cisim/model/customs_config.hpp"
#include "cisim/model/shipment_record.hpp"
#include "cisim/random/xoshiro256.hpp"

namespace cisim {

/// CSP-1 (Dodge 1943; docs/model.md, "Release program") for the streams that have one:
/// inspect every shipment until `clearance` in a row are clean, then a `fraction` of them at
/// random, and every one again after a finding. The plan follows the stream, or each seller.
/// A stream without a plan has no state here.
class ReleaseProgram {
 public:
  /// Plans for `streams` (a model partition's); other streams have none here.
  ReleaseProgram(const CustomsModelConfig& config, const std::vector<std::uint32_t>& streams);

  /// Whether shipment `r`, presented now, is inspected under its stream's plan.
  bool inspects(const ShipmentRecord& r, Xoshiro256& g) const {
    const Plan& p = plans_[r.stream];
    return p.screening[unit(p, r)] || g.uniform01() < p.plan->fraction;
  }
  /// The outcome of an inspection of shipment `r` (found: anything found). A plan per seller
  /// ignores a shipment whose seller has since left (`seller_stayed` false): the plan is its
  /// successor's.
  void record(const ShipmentRecord& r, bool found, bool seller_stayed);
  /// A newcomer took seller `seller`'s place in stream `s` (turnover): a plan per seller starts
  /// again, screening, as for a new seller.
  void replace_seller(std::uint32_t s, std::uint32_t seller);

 private:
  struct Plan {
    const ContinuousSamplingPlan* plan = nullptr;
    std::vector<bool> screening;  // per unit: inspecting every shipment
    std::vector<int> clean_run;   // per unit: clean inspections in a row while screening
  };
  static std::size_t unit(const Plan& p, const ShipmentRecord& r) {
    return p.screening.size() > 1 && r.seller != kNoSeller ? r.seller : 0;
  }
  std::vector<Plan> plans_;  // per stream
};

}  // namespace cisim
