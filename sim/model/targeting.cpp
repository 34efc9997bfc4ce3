// SPDX-License-Identifier: MIT
// Targeting: the threshold as a logit, once per replication.
#include "cisim/model/targeting.hpp"

namespace cisim {

Targeting::Targeting(const CustomsModelConfig& config)
    : weights_(&config.policies.targeting.weights),
      origins_(config.origins.size()),
      categories_(config.categories.size()),
      enabled_(config.policies.targeting.enabled) {
  if (enabled_) threshold_logit_ = logit(config.policies.targeting.threshold);
}

}  // namespace cisim
