// SamplePlan: which row groups the download stage reads to sample `sample_rows` rows,
// spread over every shard, chosen reproducibly from a seed:
//   1. each file's row groups are put in a seeded random order (Fisher-Yates driven by
//      SplitMix64(seed) (core/splitmix64.h), files taken in order, one shared generator);
//   2. the files are then visited round-robin, taking the next row group of each in turn,
//      so every shard contributes before any gives a second row group.
// The caller reads row groups in this order and stops once it has enough distinct rows.
// Pure functions; the same inputs give the same plan on every platform.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace automend {

// (file index, row group index) in reading order. `row_groups_per_file[i]` is the number of
// row groups of file i.
std::vector<std::pair<int, int>> PlanRowGroups(const std::vector<int>& row_groups_per_file,
                                               uint64_t seed);

}  // namespace automend
