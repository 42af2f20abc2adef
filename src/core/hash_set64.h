// HashSet64: a compact open-addressing set of 64-bit fingerprints (8 bytes a slot), used to
// drop repeated `hexsha` values over millions of rows in little memory. Not thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace automend {

class HashSet64 {
 public:
  // Inserts `key`; returns false when it was already present.
  bool Insert(uint64_t key);
  size_t size() const { return size_; }

  // The fingerprint of a row's hexsha: its first 64 bits when it is 40 hex digits (a git
  // blob id, already uniformly distributed), else a 64-bit hash of the text. Two different
  // blob ids share a fingerprint with probability ~n^2/2^65 (1.6e-6 for 7.7M rows).
  static uint64_t Fingerprint(std::string_view hexsha);

 private:
  void Grow();
  std::vector<uint64_t> slots_;  // 0 marks an empty slot; key 0 is stored as 1
  size_t size_ = 0;
};

}  // namespace automend
