#include "sources/sample_plan.h"

#include <gtest/gtest.h>

#include <set>

namespace automend {
namespace {

TEST(SamplePlan, EveryShardContributesBeforeAnyGivesTwo) {
  auto plan = PlanRowGroups({3, 1, 2}, 42);
  ASSERT_EQ(plan.size(), 6u);
  std::set<int> first_round = {plan[0].first, plan[1].first, plan[2].first};
  EXPECT_EQ(first_round, (std::set<int>{0, 1, 2}));
  std::set<std::pair<int, int>> all(plan.begin(), plan.end());
  EXPECT_EQ(all.size(), 6u);  // each row group once
}

TEST(SamplePlan, SameSeedSamePlanOtherSeedOtherPlan) {
  std::vector<int> groups(5, 20);
  EXPECT_EQ(PlanRowGroups(groups, 7), PlanRowGroups(groups, 7));
  EXPECT_NE(PlanRowGroups(groups, 7), PlanRowGroups(groups, 8));
}

}  // namespace
}  // namespace automend
