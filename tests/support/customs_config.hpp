// SPDX-License-Identifier: MIT
// The smallest customs model the model tests start from: one facility, one stream.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "cisim/model/customs_model.hpp"

namespace cisim::testing {

struct OneStreamOptions {
  // Random streams are named after the facility and the stream, so these names fix the draws.
  std::string facility = "port";
  std::string stream = "shipments";
  int officers = 1000;
  double inspection_seconds = 0.0;
  double shipments_per_day = 20'000.0;
};

/// One facility with `officers` and one inspection method of fixed duration that finds every
/// violation a shipment carries; one stream of Poisson arrivals there, all of the first of
/// `categories`, from one origin; one day's horizon. Each test changes what it studies.
inline CustomsModelConfig one_stream(std::vector<ProductCategory> categories, const OneStreamOptions& o) {
  CustomsModelConfig c;
  c.categories = std::move(categories);
  c.origins.push_back(Origin{"CN", 1.0, 0.0});
  Facility f;
  f.name = o.facility;
  f.officers = ShiftSchedule::constant(o.officers);
  f.methods.push_back(InspectionMethod{"exam", 1.0, Constant{o.inspection_seconds}, {1, 1, 1, 1, 1}});
  c.facilities.push_back(f);
  CustomsStream s;
  s.name = o.stream;
  s.facility = 0;
  s.arrivals = ArrivalProcess::poisson(o.shipments_per_day / 86400.0);
  s.origin_mix = {1.0};
  s.category_mix.assign(c.categories.size(), 0.0);
  s.category_mix.front() = 1.0;
  c.streams.push_back(s);
  c.horizon = Duration::days(1);
  return c;
}

}  // namespace cisim::testing
