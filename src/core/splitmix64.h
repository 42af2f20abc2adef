// SplitMix64: a tiny, fully specified pseudo-random generator (Steele, Lea and Flood,
// "Fast splittable pseudorandom number generators", 2014; the seeding generator of the
// xoshiro family). Used where a seeded choice must be reproducible on every platform and
// in other languages (the bias stage's downsampling; docs/pipeline.md gives the exact
// algorithm so a Python script can repeat it), which std::mt19937 + std::shuffle or
// std::uniform_int_distribution do not promise. A value type; one per thread.
#pragma once

#include <cstdint>

namespace automend {

class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}

  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // A uniform integer in [0, bound), bound > 0, without modulo bias: draws below
  // 2^64 mod bound are rejected and drawn again, then the draw is reduced mod bound.
  uint64_t Below(uint64_t bound) {
    const uint64_t reject_under = (0 - bound) % bound;  // == 2^64 mod bound
    uint64_t x = Next();
    while (x < reject_under) x = Next();
    return x % bound;
  }

 private:
  uint64_t state_;
};

}  // namespace automend
