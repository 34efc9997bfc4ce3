// SPDX-License-Identifier: MIT
// SellerMoments: moments kept by addition; violation chances as polynomials in the multiplier.
#include "model/aggregated/seller_moments.hpp"

#include <algorithm>

#include "cisim/base/assert.hpp"

namespace cisim {
namespace {

// A group whose volume is below this share of the whole is empty: what is left of a group by
// subtraction is rounding.
constexpr double kEmptyShare = 1e-12;

}  // namespace

SellerMoments::Moments SellerMoments::polynomial(const PerViolation& a, ViolationSet v) {
  Moments c{};
  c[0] = 1.0;
  std::size_t degree = 0;
  for (int k = 0; k < kViolationKinds; ++k) {
    const double ak = a[static_cast<std::size_t>(k)];
    const bool in = contains(v, static_cast<ViolationKind>(k));
    if (in && ak == 0.0) return Moments{};
    if (!in && ak == 0.0) continue;
    // Multiply by (a_k m) or by (1 - a_k m), from the highest power down.
    for (std::size_t n = degree + 1; n-- > 0;) {
      const double shifted = c[n] * ak;
      if (in) {
        c[n + 1] = shifted;
        c[n] = 0.0;
      } else {
        c[n + 1] -= shifted;
      }
    }
    ++degree;
  }
  return c;
}

double SellerMoments::chance_given(double m, const PerViolation& a, ViolationSet v) {
  double p = 1.0;
  for (int k = 0; k < kViolationKinds; ++k) {
    const double q = std::min(1.0, a[static_cast<std::size_t>(k)] * m);
    p *= contains(v, static_cast<ViolationKind>(k)) ? q : 1.0 - q;
  }
  return p;
}

void SellerMoments::accumulate(Moments& into, double weight, double m, double sign) {
  double power = weight * sign;
  for (double& moment : into) {
    moment += power;
    power *= m;
  }
}

void SellerMoments::place(std::uint32_t id, double weight, double m, bool history, double sign) {
  volume_ += sign * weight;
  if (history) history_volume_ += sign * weight;
  if (m >= cap_) {
    if (sign > 0.0) {
      capped_.push_back({id, weight, m, history});
    } else {
      const auto it = std::find_if(capped_.begin(), capped_.end(), [&](const Capped& c) { return c.id == id; });
      CISIM_ASSERT(it != capped_.end(), "a capped seller that was never added");
      capped_.erase(it);
    }
    return;
  }
  accumulate(total_, weight, m, sign);
  if (history) accumulate(history_, weight, m, sign);
}

void SellerMoments::add(std::uint32_t id, double weight, double m) { place(id, weight, m, false, 1.0); }

void SellerMoments::gain_history(std::uint32_t id, double weight, double m) {
  place(id, weight, m, false, -1.0);
  place(id, weight, m, true, 1.0);
}

void SellerMoments::change_multiplier(std::uint32_t id, double weight, double from, double to, bool history) {
  place(id, weight, from, history, -1.0);
  place(id, weight, to, history, 1.0);
}

void SellerMoments::replace(std::uint32_t id, double weight, double from, bool history, double to) {
  place(id, weight, from, history, -1.0);
  place(id, weight, to, false, 1.0);
}

double SellerMoments::share(bool history) const {
  if (volume_ <= 0.0) return 0.0;
  const double s = (history ? history_volume_ : volume_ - history_volume_) / volume_;
  return s < kEmptyShare ? 0.0 : std::min(s, 1.0);
}

double SellerMoments::chance(bool history, const Moments& polynomial, const PerViolation& a, ViolationSet v) const {
  if (share(history) == 0.0) return 0.0;
  double sum = 0.0;
  for (std::size_t n = 0; n <= kDegree; ++n) sum += polynomial[n] * (history ? history_[n] : total_[n] - history_[n]);
  for (const Capped& c : capped_) {
    if (c.history == history) sum += c.weight * chance_given(c.m, a, v);
  }
  return std::clamp(sum / volume_, 0.0, 1.0);
}

void SellerMoments::chances(bool history, const PerViolation& a, const Moments* polynomials, std::array<double, 32>& out) const {
  out.fill(0.0);
  if (share(history) == 0.0) return;
  Moments g = history_;
  if (!history) {
    for (std::size_t n = 0; n <= kDegree; ++n) g[n] = total_[n] - history_[n];
  }
  for (std::size_t v = 0; v < 32; ++v) {
    double sum = 0.0;
    for (std::size_t n = 0; n <= kDegree; ++n) sum += polynomials[v][n] * g[n];
    out[v] = sum;
  }
  for (const Capped& c : capped_) {
    if (c.history != history) continue;
    // P(V | m) for every V at once, kind by kind over the subsets built so far.
    std::array<double, 32> p{};
    p[0] = 1.0;
    for (int k = 0; k < kViolationKinds; ++k) {
      const double q = std::min(1.0, a[static_cast<std::size_t>(k)] * c.m);
      const unsigned kind = 1u << static_cast<unsigned>(k);
      for (unsigned v = 0; v < kind; ++v) {
        p[v | kind] = p[v] * q;
        p[v] *= 1.0 - q;
      }
    }
    for (std::size_t v = 0; v < 32; ++v) out[v] += c.weight * p[v];
  }
  for (double& chance : out) chance = std::clamp(chance / volume_, 0.0, 1.0);
}

}  // namespace cisim
