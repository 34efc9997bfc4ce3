// SPDX-License-Identifier: MIT
// RingQueue: a first-in first-out queue in one power-of-two ring buffer.
#pragma once

#include <cstddef>
#include <type_traits>
#include <vector>

#include "cisim/base/assert.hpp"

namespace cisim {

/// FIFO of small trivially copyable values. Push and pop are a store or load and a mask;
/// the buffer doubles when full and never shrinks, so a steady state allocates nothing.
/// (std::deque does the same job with several branches and a map of blocks per operation.)
/// Invariant: size() <= capacity, capacity a power of two (or 0).
template <class T>
class RingQueue {
  static_assert(std::is_trivially_copyable_v<T>, "RingQueue holds small plain values");

 public:
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  void push_back(const T& value) {
    if (size_ == buffer_.size()) [[unlikely]] grow();
    buffer_[(head_ + size_) & (buffer_.size() - 1)] = value;
    ++size_;
  }
  /// Precondition: !empty().
  const T& front() const {
    CISIM_ASSERT(size_ > 0, "front of an empty queue");
    return buffer_[head_];
  }
  /// Precondition: !empty().
  void pop_front() {
    CISIM_ASSERT(size_ > 0, "pop from an empty queue");
    head_ = (head_ + 1) & (buffer_.size() - 1);
    --size_;
  }

 private:
  void grow() {
    std::vector<T> bigger(buffer_.empty() ? 16 : buffer_.size() * 2);
    for (std::size_t i = 0; i < size_; ++i) bigger[i] = buffer_[(head_ + i) & (buffer_.size() - 1)];
    buffer_ = std::move(bigger);
    head_ = 0;
  }
  std::vector<T> buffer_;
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace cisim
