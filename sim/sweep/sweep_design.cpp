// SPDX-License-Identifier: MIT
// Sweep specs and designs.
#include "cisim/sweep/sweep_design.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>

#include <fmt/core.h>

#include "cisim/random/random_streams.hpp"
#include "cisim/scenario/key_value.hpp"
#include "base/split.hpp"
#include "cisim/scenario/schema.hpp"

namespace cisim {
namespace {

// "800USD" -> {800, "USD"}; "1.5d" -> {1.5, "d"}; "2%" -> {2, "%"}.
std::optional<std::pair<double, std::string>> number_and_unit(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.' || text[i] == '-' ||
                             text[i] == '+' || ((text[i] == 'e' || text[i] == 'E') && i > 0))) {
    ++i;
  }
  const auto value = parse_real(text.substr(0, i));
  if (!value.value) return std::nullopt;
  return std::pair{*value.value, text.substr(i)};
}

}  // namespace

Parsed<VariedKey> parse_range_argument(std::string argument, const std::string& command, const std::string& forms) {
  const bool log_scale = argument.size() > 4 && argument.ends_with(":log");
  if (log_scale) argument.resize(argument.size() - 4);
  const std::string not_a_list = fmt::format("--vary {}: {} needs a range LO:HI, not a list", argument, command);
  const auto eq = argument.find('=');
  if (eq != std::string::npos && argument.find(',', eq) != std::string::npos) return Parsed<VariedKey>::fail(not_a_list);
  // One bound alone would reach parse_vary as "LO:2" and read as a range from LO to 2: say so here.
  if (eq != std::string::npos && argument.find(':', eq) == std::string::npos) {
    return Parsed<VariedKey>::fail(fmt::format("--vary {}: {} needs two bounds, LO:HI (for example {}=1:5), found one value",
                                               argument, command, argument.substr(0, eq)));
  }
  auto range = parse_vary(argument + ":2" + (log_scale ? ":log" : ""));
  if (!range.value) return Parsed<VariedKey>::fail(fmt::format("{} ({} takes {})", range.error, command, forms));
  if (!range.value->is_range) return Parsed<VariedKey>::fail(not_a_list);
  return range;
}

std::string range_value_text(double v, const VariedKey& k) {
  const std::string& unit = k.unit;
  const std::string number = k.whole ? fmt::format("{:.0f}", std::round(v)) : fmt::format("{:.10g}", v);
  // Money is written "800 USD"; other units follow the number directly.
  return unit == "USD" ? number + " USD" : number + unit;
}

Parsed<VariedKey> parse_vary(const std::string& argument) {
  const auto equals = argument.find('=');
  if (equals == std::string::npos || equals == 0 || equals + 1 == argument.size()) {
    return Parsed<VariedKey>::fail(fmt::format("--vary expects KEY=SPEC (a list a,b,c or a range lo:hi:n[:log]), found '{}'", argument));
  }
  VariedKey k;
  k.key = argument.substr(0, equals);
  const std::string spec = argument.substr(equals + 1);
  if (spec.find(':') == std::string::npos) {
    for (auto& v : split(spec, ',')) {
      if (v.empty()) return Parsed<VariedKey>::fail(fmt::format("--vary {}: empty value in list '{}'", k.key, spec));
      k.values.push_back(v);
    }
    return Parsed<VariedKey>::ok(std::move(k));
  }
  const auto parts = split(spec, ':');
  if (parts.size() < 3 || parts.size() > 4 || (parts.size() == 4 && parts[3] != "log")) {
    return Parsed<VariedKey>::fail(fmt::format("--vary {}: a range is lo:hi:n or lo:hi:n:log, found '{}'", k.key, spec));
  }
  const auto lo = number_and_unit(parts[0]);
  const auto hi = number_and_unit(parts[1]);
  const auto n = parse_integer(parts[2]);
  if (!lo || !hi) return Parsed<VariedKey>::fail(fmt::format("--vary {}: bounds must be numbers with an optional unit, found '{}'", k.key, spec));
  if (lo->second != hi->second) {
    return Parsed<VariedKey>::fail(fmt::format("--vary {}: both bounds need the same unit ('{}' and '{}')", k.key, lo->second, hi->second));
  }
  if (!n.value || *n.value < 2 || *n.value > 100000) {
    return Parsed<VariedKey>::fail(fmt::format("--vary {}: the number of points must be a whole number from 2 to 100000, found '{}'", k.key, parts[2]));
  }
  k.is_range = true;
  k.low = lo->first;
  k.high = hi->first;
  k.unit = lo->second;
  k.log_scale = parts.size() == 4;
  auto whole_text = [](const std::string& t) { return t.find_first_of(".eE") == std::string::npos; };
  k.whole = whole_text(parts[0]) && whole_text(parts[1]) && std::floor(k.low) == k.low && std::floor(k.high) == k.high;
  // The schema knows better than the bounds' spelling: 0:2 over a real-valued key is real,
  // and an integer key is searched in whole numbers whatever the bounds look like.
  if (const auto type = value_type_of(k.key)) k.whole = *type == KeyType::Integer;
  if (k.log_scale && (k.low <= 0.0 || k.high <= 0.0)) {
    return Parsed<VariedKey>::fail(fmt::format("--vary {}: a log range needs bounds above 0, found '{}'", k.key, spec));
  }
  for (std::int64_t i = 0; i < *n.value; ++i) {
    const double f = static_cast<double>(i) / static_cast<double>(*n.value - 1);
    const double v = k.log_scale ? std::exp(std::log(k.low) + f * (std::log(k.high) - std::log(k.low))) : k.low + f * (k.high - k.low);
    k.values.push_back(range_value_text(v, k));
  }
  return Parsed<VariedKey>::ok(std::move(k));
}

std::vector<SweepPoint> grid_design(const std::vector<VariedKey>& keys) {
  std::size_t total = 1;
  for (const auto& k : keys) total *= k.values.size();
  std::vector<SweepPoint> points(total);
  for (std::size_t i = 0; i < total; ++i) {
    points[i].index = i;
    std::size_t rest = i;
    std::vector<std::pair<std::string, std::string>> values(keys.size());
    for (std::size_t j = keys.size(); j-- > 0;) {
      const std::size_t n = keys[j].values.size();
      values[j] = {keys[j].key, keys[j].values[rest % n]};
      rest /= n;
    }
    points[i].values = std::move(values);
  }
  return points;
}

std::vector<SweepPoint> latin_hypercube_design(const std::vector<VariedKey>& keys, std::size_t points, std::uint64_t seed) {
  std::vector<SweepPoint> out(points);
  for (std::size_t i = 0; i < points; ++i) out[i].index = i;
  for (const auto& k : keys) {
    // One stream per key, named after it: adding a key leaves the others' placements alone.
    Xoshiro256 g = RandomStreams{seed, 0}.stream("lhs/" + k.key);
    std::vector<std::size_t> strata(points);
    std::iota(strata.begin(), strata.end(), std::size_t{0});
    for (std::size_t i = points; i > 1; --i) {  // Fisher-Yates with our generator
      const auto j = static_cast<std::size_t>(g.uniform01() * static_cast<double>(i));
      std::swap(strata[i - 1], strata[j]);
    }
    for (std::size_t i = 0; i < points; ++i) {
      const double f = (static_cast<double>(strata[i]) + g.uniform01()) / static_cast<double>(points);
      const double v = k.log_scale ? std::exp(std::log(k.low) + f * (std::log(k.high) - std::log(k.low))) : k.low + f * (k.high - k.low);
      out[i].values.emplace_back(k.key, range_value_text(v, k));
    }
  }
  return out;
}

}  // namespace cisim

namespace cisim {

Parsed<std::vector<SweepPoint>> grow_design(std::vector<SweepPoint> points,
                                            const std::map<std::size_t, std::vector<std::string>>& stored) {
  std::map<std::vector<std::string>, std::size_t> number_of;
  std::size_t next = 0;
  for (const auto& [index, values] : stored) {
    number_of[values] = index;
    next = std::max(next, index + 1);
  }
  std::size_t kept = 0;
  for (auto& p : points) {
    std::vector<std::string> values;
    for (const auto& kv : p.values) values.push_back(kv.second);
    if (const auto it = number_of.find(values); it != number_of.end()) {
      p.index = it->second;
      ++kept;
    } else {
      p.index = next++;
    }
  }
  if (kept != stored.size()) {
    return Parsed<std::vector<SweepPoint>>::fail(fmt::format(
        "the new design holds {} of the {} points already in the database: a sweep grows by adding values, "
        "never by dropping or changing them (spell each old value as before)", kept, stored.size()));
  }
  return Parsed<std::vector<SweepPoint>>::ok(std::move(points));
}

}  // namespace cisim
