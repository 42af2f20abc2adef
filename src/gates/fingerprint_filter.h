// FingerprintFilter: the vectorised first pass of KeywordMatcher, after the "Teddy"
// method of Hyperscan and Rust's aho-corasick crate.
//
// Every keyword is represented by a four-byte fingerprint (a window of it) placed in one of
// eight buckets. For each byte value and each of the four fingerprint positions, a set of
// buckets is kept as two 16-entry tables, one indexed by the byte's low nibble and one by
// its high nibble; their AND is a superset of the buckets whose fingerprint has that byte
// there. With AVX2, 32 text positions are tested at once by eight table shuffles and a few
// ANDs; a position whose bucket set is not empty is a candidate that the caller verifies in
// full. A candidate may be false (nibbles of different fingerprints of one bucket mix), but
// no fingerprint occurrence is ever missed. ASCII letters match in either case. CPUs
// without AVX2 take a scalar loop over the same tables (use KeywordMatcher's own scalar
// scan there; it is faster). Immutable after construction, shared by all threads.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace automend {

class FingerprintFilter {
 public:
  static constexpr size_t kBytes = 4;
  static constexpr int kBuckets = 8;

  // Adds a fingerprint (kBytes lower-case bytes) to `bucket` (0..kBuckets-1).
  void Add(std::string_view fingerprint, int bucket);

  // The first position >= from where a fingerprint may start (all kBytes bytes inside
  // `text`), with its candidate buckets in *buckets; text.size() when there is none.
  size_t Next(std::string_view text, size_t from, uint8_t* buckets) const;

  // True when this CPU runs the vectorised scan.
  static bool Vectorised();

 private:
  uint8_t BucketsAt(const uint8_t* p) const;
  size_t NextScalar(const uint8_t* p, size_t n, size_t from, uint8_t* buckets) const;
  size_t NextAvx2(const uint8_t* p, size_t n, size_t from, uint8_t* buckets) const;

  // low_[k][nibble], high_[k][nibble]: buckets whose fingerprint byte k has that nibble.
  alignas(16) std::array<std::array<uint8_t, 16>, kBytes> low_{};
  alignas(16) std::array<std::array<uint8_t, 16>, kBytes> high_{};
};

}  // namespace automend
