// SamplePlan: which row groups the download stage reads to sample `sample_rows` rows,
// spread over every shard, chosen reproducibly from a seed:
//   1. each file's row groups are put in a seeded random order (Fisher-Yates driven by
//      SplitMix64(seed), files taken in order, one shared generator);
//   2. the files are then visited round-robin, taking the next row group of each in turn,
//      so every shard contributes before any gives a second row group.
// The caller reads row groups in this order and stops once it has enough distinct rows.
// Pure functions; the same inputs give the same plan on every platform.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace automend {

// A small, fully specified generator (Steele, Lea, Flood 2014), so sampling is identical
// on every platform and standard library.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n) (n > 0), by rejection, without modulo bias.
  uint64_t Below(uint64_t n) {
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do {
      x = Next();
    } while (x >= limit);
    return x % n;
  }

 private:
  uint64_t state_;
};

// (file index, row group index) in reading order. `row_groups_per_file[i]` is the number of
// row groups of file i.
std::vector<std::pair<int, int>> PlanRowGroups(const std::vector<int>& row_groups_per_file,
                                               uint64_t seed);

}  // namespace automend
