// SPDX-License-Identifier: MIT
// The pseudo-random generator: xoshiro256** (Blackman and Vigna, 2018), seeded by SplitMix64.
#pragma once

#include <array>
#include <cstdint>

namespace cisim {

/// One step of SplitMix64 (Steele, Lea and Flood 2014): advances `state` by the golden
/// gamma and returns the mixed output. Used to expand one 64-bit seed into generator state.
constexpr std::uint64_t splitmix64_next(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// xoshiro256**: 256 bits of state, period 2^256 - 1, passes BigCrush; the output sequence
/// is fixed by its authors' reference code, so results do not depend on the standard library.
/// Invariant: the state is never all zero (seeding through SplitMix64 guarantees it).
class Xoshiro256 {
 public:
  using result_type = std::uint64_t;

  /// Seeds the four state words from four consecutive SplitMix64 outputs of `seed`.
  explicit constexpr Xoshiro256(std::uint64_t seed) {
    for (auto& word : s_) word = splitmix64_next(seed);
  }
  /// Sets the raw state, as the authors' reference tests do. Precondition: not all zero.
  static constexpr Xoshiro256 from_state(const std::array<std::uint64_t, 4>& state) {
    Xoshiro256 g{0};
    g.s_ = state;
    return g;
  }

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~std::uint64_t{0}; }

  constexpr result_type operator()() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// Uniform on [0, 1) with 53 random bits (every double a multiple of 2^-53).
  constexpr double uniform01() { return unit((*this)()); }
  /// The uniform01() that output `word` gives: for a draw whose word also seeds a generator
  /// of its own (a substream per shipment or inspection).
  static constexpr double unit(std::uint64_t word) { return static_cast<double>(word >> 11) * 0x1.0p-53; }

  constexpr const std::array<std::uint64_t, 4>& state() const { return s_; }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<std::uint64_t, 4> s_{};
};

}  // namespace cisim
