#include "sources/sample_plan.h"

#include <algorithm>

#include "core/splitmix64.h"

namespace automend {

std::vector<std::pair<int, int>> PlanRowGroups(const std::vector<int>& row_groups_per_file,
                                               uint64_t seed) {
  SplitMix64 rng(seed);
  std::vector<std::vector<int>> orders;
  size_t longest = 0;
  for (int groups : row_groups_per_file) {
    std::vector<int> order(static_cast<size_t>(std::max(groups, 0)));
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.Below(i)]);
    longest = std::max(longest, order.size());
    orders.push_back(std::move(order));
  }
  std::vector<std::pair<int, int>> plan;
  for (size_t round = 0; round < longest; ++round)
    for (size_t f = 0; f < orders.size(); ++f)
      if (round < orders[f].size()) plan.emplace_back(static_cast<int>(f), orders[f][round]);
  return plan;
}

}  // namespace automend
