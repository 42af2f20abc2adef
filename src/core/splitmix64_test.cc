#include "core/splitmix64.h"

#include <gtest/gtest.h>

#include <vector>

namespace automend {
namespace {

// The reference outputs of Vigna's splitmix64.c for seed 0, and for seed 42 (computed by
// the Python transcription in docs/pipeline.md).
TEST(SplitMix64, MatchesTheReferenceSequence) {
  SplitMix64 zero(0);
  EXPECT_EQ(zero.Next(), 0xe220a8397b1dcdafULL);
  EXPECT_EQ(zero.Next(), 0x6e789e6aa1b965f4ULL);
  EXPECT_EQ(zero.Next(), 0x06c45d188009454fULL);
  SplitMix64 seeded(42);
  EXPECT_EQ(seeded.Next(), 0xbdd732262feb6e95ULL);
  EXPECT_EQ(seeded.Next(), 0x28efe333b266f103ULL);
}

TEST(SplitMix64, BelowStaysInRangeAndIsTheDrawModuloTheBound) {
  SplitMix64 a(7), b(7);
  for (uint64_t bound : {1ULL, 2ULL, 3ULL, 10ULL, 1000ULL, 1ULL << 40}) {
    for (int i = 0; i < 100; ++i) {
      uint64_t x = a.Below(bound);
      EXPECT_LT(x, bound);
      // For these bounds a rejection has probability < 2^-23: the draw is used as it is.
      EXPECT_EQ(x, b.Next() % bound);
    }
  }
}

TEST(SplitMix64, BelowRejectsTheBiasedLowDraws) {
  // With bound 2^63 + 1, draws below 2^64 mod bound = 2^63 - 1 are rejected. Seed 0 draws
  // 0xe220... (kept), then 0x6e78... and 0x06c4... (both rejected), then 0xf88b... (kept).
  const uint64_t bound = (1ULL << 63) + 1;
  SplitMix64 rng(0);
  EXPECT_EQ(rng.Below(bound), 0xe220a8397b1dcdafULL - bound);
  EXPECT_EQ(rng.Below(bound), 0xf88bb8a8724c81ecULL - bound);
}

}  // namespace
}  // namespace automend
