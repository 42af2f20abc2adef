#include "core/splitmix64.h"

#include <gtest/gtest.h>

namespace automend {
namespace {

TEST(SplitMix64, MatchesTheReferenceSequence) {
  // First outputs of SplitMix64 seeded with 0 (the reference implementation's values).
  SplitMix64 rng(0);
  EXPECT_EQ(rng.Next(), 0xe220a8397b1dcdafULL);
  EXPECT_EQ(rng.Next(), 0x6e789e6aa1b965f4ULL);
  EXPECT_EQ(rng.Next(), 0x06c45d188009454fULL);
}

TEST(SplitMix64, BelowStaysInRange) {
  SplitMix64 rng(7);
  for (uint64_t bound : {1ULL, 2ULL, 3ULL, 1000ULL, (1ULL << 63) + 1})
    for (int i = 0; i < 100; ++i) EXPECT_LT(rng.Below(bound), bound);
}

}  // namespace
}  // namespace automend
