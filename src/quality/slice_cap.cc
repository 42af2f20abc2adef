#include "quality/slice_cap.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "core/splitmix64.h"

namespace automend {

CapPlan PlanSliceCap(const std::vector<int64_t>& counts, double max_share) {
  CapPlan plan;
  plan.min_slices = 1;
  while (static_cast<double>(plan.min_slices) * max_share < 1.0) ++plan.min_slices;
  int64_t total = 0, largest = 0;
  for (int64_t n : counts) {
    total += n;
    largest = std::max(largest, n);
  }
  if (total == 0 || !(static_cast<double>(largest) / static_cast<double>(total) > max_share)) {
    plan.reason = fmt::format("already balanced: no slice is above {:g}% of {} records",
                              max_share * 100, total);
    return plan;
  }
  plan.needed = true;
  const auto k = static_cast<int64_t>(counts.size());
  if (static_cast<double>(k) * max_share < 1.0) {
    plan.reason = fmt::format(
        "infeasible: {} slice(s) present, and with fewer than {} one of them always holds more "
        "than {:g}% of any capped total; nothing dropped",
        k, plan.min_slices, max_share * 100);
    return plan;
  }
  for (int64_t c = largest - 1; c >= 1; --c) {
    int64_t capped_total = 0;
    for (int64_t n : counts) capped_total += std::min(n, c);
    if (static_cast<double>(c) <= max_share * static_cast<double>(capped_total)) {
      plan.feasible = true;
      plan.cap = c;
      plan.reason = fmt::format(
          "largest slice above {:g}%: every slice capped at {} records, the largest c for which "
          "each capped slice is at most {:g}% of the capped total ({})",
          max_share * 100, c, max_share * 100, capped_total);
      return plan;
    }
  }
  // Not reached when k * s >= 1 (c = 1 satisfies the condition); kept for safety.
  plan.reason = "infeasible: no cap satisfies the share; nothing dropped";
  return plan;
}

std::vector<bool> ChooseSurvivors(const std::vector<uint32_t>& slice_of, size_t num_slices,
                                  int64_t cap, uint64_t seed) {
  std::vector<bool> keep(slice_of.size(), true);
  if (cap <= 0) return keep;
  std::vector<std::vector<uint64_t>> members(num_slices);
  for (size_t j = 0; j < slice_of.size(); ++j) members[slice_of[j]].push_back(j);
  SplitMix64 rng(seed);
  const auto c = static_cast<uint64_t>(cap);
  for (auto& m : members) {
    const uint64_t n = m.size();
    if (n <= c) continue;
    for (uint64_t i = 0; i < c; ++i) std::swap(m[i], m[i + rng.Below(n - i)]);
    for (uint64_t i = c; i < n; ++i) keep[m[i]] = false;
  }
  return keep;
}

}  // namespace automend
