#include "core/stats/length_summary.h"

#include <gtest/gtest.h>

namespace automend {
namespace {

TEST(LengthSummary, NearestRankPercentiles) {
  std::vector<int64_t> v;
  for (int64_t i = 100; i >= 1; --i) v.push_back(i);  // 1..100, unsorted
  LengthSummary s = LengthSummary::Of(&v);
  EXPECT_EQ(s.count, 100);
  EXPECT_EQ(s.min, 1);
  EXPECT_EQ(s.max, 100);
  EXPECT_EQ(s.p50, 50);
  EXPECT_EQ(s.p90, 90);
  EXPECT_EQ(s.p99, 99);
  EXPECT_DOUBLE_EQ(s.mean, 50.5);
}

TEST(LengthSummary, SmallListsRoundTheRankUp) {
  std::vector<int64_t> v = {10, 20, 30};
  LengthSummary s = LengthSummary::Of(&v);
  EXPECT_EQ(s.p50, 20);  // ceil(1.5) = 2nd value
  EXPECT_EQ(s.p90, 30);
  std::vector<int64_t> one = {7};
  EXPECT_EQ(LengthSummary::Of(&one).p99, 7);
  std::vector<int64_t> none;
  EXPECT_EQ(LengthSummary::Of(&none).count, 0);
}

}  // namespace
}  // namespace automend
