// SPDX-License-Identifier: MIT
// Named random streams: (master seed, replication, name) -> an independent generator.
#pragma once

#include <cstdint>
#include <string_view>

#include "cisim/random/xoshiro256.hpp"

namespace cisim {

inline constexpr std::uint64_t kFnv1a64Offset = 0xcbf29ce484222325ULL;

/// FNV-1a, 64-bit: the project's one hash (stream names, scenario contents), the same on
/// every platform and release. Hashing b after a equals hashing a + b: pass the hash so far
/// as `h` to continue it.
constexpr std::uint64_t fnv1a64(std::string_view text, std::uint64_t h = kFnv1a64Offset) {
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

/// Derives the generator of each named stream of one replication. A stream depends only on
/// (master seed, replication index, stream name), never on which other streams exist or in
/// what order they are asked for: adding a stream shifts no other, and two scenarios run with
/// the same seed share streams by name (common random numbers).
/// See docs/decisions/0002-random-streams.md.
class RandomStreams {
 public:
  constexpr RandomStreams(std::uint64_t master_seed, std::uint64_t replication)
      : master_seed_(master_seed), replication_(replication) {}

  /// The 64-bit seed of stream `name`: each input goes through SplitMix64's bijective mixer,
  /// so distinct replications (for a fixed seed and name) give distinct seeds.
  constexpr std::uint64_t seed_of(std::string_view name) const {
    std::uint64_t h = master_seed_;
    h = mix(h) ^ replication_;
    h = mix(h) ^ fnv1a64(name);
    return mix(h);
  }

  constexpr Xoshiro256 stream(std::string_view name) const { return Xoshiro256{seed_of(name)}; }

  constexpr std::uint64_t master_seed() const { return master_seed_; }
  constexpr std::uint64_t replication() const { return replication_; }

 private:
  static constexpr std::uint64_t mix(std::uint64_t x) { return splitmix64_next(x); }
  std::uint64_t master_seed_;
  std::uint64_t replication_;
};

}  // namespace cisim
