// The capped downsampling of spec section 6, as pure functions over slice counts so the
// arithmetic is tested on its own. With n_i the sizes of the k slices present, N their
// sum and s = bias.max_slice_share:
//   - nothing is needed when no slice is above the share (n_i / N > s for none);
//   - the cap is the largest c in [1, max n_i - 1] with c <= s * T(c), where
//     T(c) = sum of min(n_i, c) is the capped total: the largest capped slice, min(max, c),
//     is then at most s of the total, and so is every other. The condition fails for
//     every c when k * s < 1 (k equal slices already exceed s each), so with s = 0.40 at
//     least three slices are needed; when k * s >= 1, c = 1 always works.
// Comparisons are IEEE double arithmetic as written (what a Python script computes).
// The choice of survivors is specified exactly (docs/pipeline.md) so that any language can
// reproduce it: one SplitMix64 stream seeded with bias.seed; slices in byte order of their
// names; in each slice with more than c members, a partial Fisher-Yates shuffle of the
// members' positions (ascending input order) draws c of them — for i in 0..c-1:
// r = i + Below(n - i), swap(m[i], m[r]); slices at or under the cap keep every member
// and draw nothing. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace automend {

struct CapPlan {
  bool needed = false;     // some slice is above the share
  bool feasible = false;   // a cap exists (only meaningful when needed)
  int64_t cap = 0;         // c, when needed and feasible
  int64_t min_slices = 0;  // the fewest slices for which a cap can exist: ceil(1 / s)
  std::string reason;      // why the plan is what it is, for the report
};

// `counts`: the sizes of the slices present (each >= 1).
CapPlan PlanSliceCap(const std::vector<int64_t>& counts, double max_share);

// keep[j] for every record j, given its slice index `slice_of[j]` (slices numbered in
// byte order of their names, 0..num_slices-1). Every record is kept when cap <= 0.
std::vector<bool> ChooseSurvivors(const std::vector<uint32_t>& slice_of, size_t num_slices,
                                  int64_t cap, uint64_t seed);

}  // namespace automend
