#include "quality/slice_cap.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace automend {
namespace {

int64_t CappedTotal(const std::vector<int64_t>& counts, int64_t c) {
  int64_t t = 0;
  for (int64_t n : counts) t += std::min(n, c);
  return t;
}

TEST(PlanSliceCap, OneDominantSliceIsCappedAtTheLargestFeasibleCount) {
  // 10/16 = 62.5%. T(c) = c + 6 for 3 <= c <= 10, and c <= 0.4 (c + 6) <=> c <= 4:
  // at c = 4 the capped slice is exactly 40% of 10, which "at most" allows.
  CapPlan p = PlanSliceCap({10, 3, 2, 1}, 0.40);
  EXPECT_TRUE(p.needed);
  EXPECT_TRUE(p.feasible);
  EXPECT_EQ(p.cap, 4);
  EXPECT_EQ(CappedTotal({10, 3, 2, 1}, 4), 10);
}

TEST(PlanSliceCap, TwoDominantSlicesAreBothCapped) {
  // T(c) = 2c + 5 for 3 <= c <= 45; c <= 0.8c + 2 <=> c <= 10: 10, 10, 3, 2 of 25.
  CapPlan p = PlanSliceCap({50, 45, 3, 2}, 0.40);
  EXPECT_TRUE(p.feasible);
  EXPECT_EQ(p.cap, 10);
}

TEST(PlanSliceCap, FewerThanThreeSlicesCannotBeCapped) {
  for (const auto& counts : {std::vector<int64_t>{30, 10}, std::vector<int64_t>{5}}) {
    CapPlan p = PlanSliceCap(counts, 0.40);
    EXPECT_TRUE(p.needed);
    EXPECT_FALSE(p.feasible);
    EXPECT_EQ(p.min_slices, 3);
    EXPECT_NE(p.reason.find("infeasible"), std::string::npos);
  }
  // With a 50% share two slices are enough.
  CapPlan half = PlanSliceCap({30, 10}, 0.50);
  EXPECT_TRUE(half.feasible);
  EXPECT_EQ(half.cap, 10);
}

TEST(PlanSliceCap, AlreadyBalancedNeedsNothing) {
  EXPECT_FALSE(PlanSliceCap({4, 3, 3}, 0.40).needed);  // exactly 40% is not above
  EXPECT_FALSE(PlanSliceCap({25, 25, 25, 25}, 0.40).needed);
  EXPECT_FALSE(PlanSliceCap({}, 0.40).needed);
  EXPECT_NE(PlanSliceCap({4, 3, 3}, 0.40).reason.find("already balanced"), std::string::npos);
}

TEST(PlanSliceCap, CapIsTheLargestThatSatisfiesTheShare) {
  // The demo data: k8s_workload 24 of 59 (README: cap 23, 58 records).
  EXPECT_EQ(PlanSliceCap({24, 19, 11, 5}, 0.40).cap, 23);
  for (const auto& counts :
       {std::vector<int64_t>{835, 200, 174}, std::vector<int64_t>{1000, 1, 1},
        std::vector<int64_t>{7, 7, 7, 100, 2}, std::vector<int64_t>{9, 1, 1, 1}}) {
    for (double s : {0.25, 0.34, 0.4, 0.5}) {
      CapPlan p = PlanSliceCap(counts, s);
      if (!p.needed || !p.feasible) continue;
      const int64_t c = p.cap;
      EXPECT_LE(static_cast<double>(c), s * static_cast<double>(CappedTotal(counts, c)));
      EXPECT_GT(static_cast<double>(c + 1), s * static_cast<double>(CappedTotal(counts, c + 1)));
    }
  }
}

TEST(ChooseSurvivors, KeepsMinOfSizeAndCapPerSliceInInputPositions) {
  std::vector<uint32_t> slice_of;
  for (int i = 0; i < 300; ++i) slice_of.push_back(i % 3 == 0 ? 2 : i % 7 == 0 ? 1 : 0);
  std::vector<int64_t> size(3, 0), kept(3, 0);
  std::vector<bool> keep = ChooseSurvivors(slice_of, 3, 20, 42);
  for (size_t j = 0; j < slice_of.size(); ++j) {
    ++size[slice_of[j]];
    kept[slice_of[j]] += keep[j];
  }
  for (int s = 0; s < 3; ++s) EXPECT_EQ(kept[s], std::min<int64_t>(size[s], 20)) << s;
}

TEST(ChooseSurvivors, SameSeedSameChoiceOtherSeedOtherChoice) {
  std::vector<uint32_t> slice_of(1000, 0);
  for (size_t j = 0; j < slice_of.size(); j += 4) slice_of[j] = 1;
  EXPECT_EQ(ChooseSurvivors(slice_of, 2, 100, 42), ChooseSurvivors(slice_of, 2, 100, 42));
  EXPECT_NE(ChooseSurvivors(slice_of, 2, 100, 42), ChooseSurvivors(slice_of, 2, 100, 43));
  EXPECT_EQ(ChooseSurvivors(slice_of, 2, 0, 42), std::vector<bool>(1000, true));
}

// Pins the documented algorithm (docs/pipeline.md), computed with its Python transcription:
// slice 0 = positions 0,2,3,5,6 draws 2; slice 1 = 1,4,7,8 draws 2; one SplitMix64(42) stream.
TEST(ChooseSurvivors, FollowsTheDocumentedAlgorithmExactly) {
  EXPECT_EQ(ChooseSurvivors({0, 1, 0, 0, 1, 0, 0, 1, 1}, 2, 2, 42),
            (std::vector<bool>{false, false, false, false, true, true, true, true, false}));
  EXPECT_EQ(ChooseSurvivors({0, 1, 0, 0, 1, 0, 0}, 2, 2, 42),
            (std::vector<bool>{false, true, false, false, true, true, true}));
}

}  // namespace
}  // namespace automend
