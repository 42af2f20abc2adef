#include "sources/parquet/rle_bit_packed_decoder.h"

#include <gtest/gtest.h>

#include <random>

#include "sources/parquet/parquet_test_util.h"

namespace automend::parquet {
namespace {

using testing::BitPackedRun;
using testing::RleRun;

const uint8_t* U8(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

uint32_t MaxValue(int bit_width) {
  return bit_width == 32 ? UINT32_MAX : (uint32_t{1} << bit_width) - 1;
}

TEST(RleBitPackedDecoder, BitWidthFor) {
  EXPECT_EQ(BitWidthFor(0), 0);
  EXPECT_EQ(BitWidthFor(1), 1);
  EXPECT_EQ(BitWidthFor(2), 2);
  EXPECT_EQ(BitWidthFor(3), 2);
  EXPECT_EQ(BitWidthFor(4), 3);
  EXPECT_EQ(BitWidthFor(UINT32_MAX), 32);
}

TEST(RleBitPackedDecoder, DecodesAKnownByteSequence) {
  // From the parquet spec's example: bit width 3, values 0..7 bit-packed in one group.
  std::string data = {0x03, static_cast<char>(0x88), static_cast<char>(0xc6),
                      static_cast<char>(0xfa)};
  RleBitPackedDecoder d(U8(data), data.size(), 3);
  std::vector<uint32_t> out(8);
  ASSERT_TRUE(d.Decode(out.data(), 8).ok());
  EXPECT_EQ(out, (std::vector<uint32_t>{0, 1, 2, 3, 4, 5, 6, 7}));
}

// Mixed runs at every bit width 0..32, decoded in chunks that do not line up with runs, so
// reads cross run boundaries and stop inside bit-packed groups.
TEST(RleBitPackedDecoder, DecodesMixedRunsAtEveryBitWidthAcrossChunkBoundaries) {
  std::mt19937 rng(12345);
  for (int width = 0; width <= 32; ++width) {
    std::string data;
    std::vector<uint32_t> expected;
    auto random_value = [&] {
      return width == 0 ? 0u : static_cast<uint32_t>(rng()) & MaxValue(width);
    };
    for (int run = 0; run < 40; ++run) {
      if (rng() % 2 == 0) {
        uint32_t v = run % 5 == 0 ? MaxValue(width) : random_value();
        uint64_t count = 1 + rng() % 70;
        data += RleRun(v, count, width);
        expected.insert(expected.end(), count, v);
      } else {
        std::vector<uint32_t> values(8 * (1 + rng() % 4));
        for (uint32_t& v : values) v = random_value();
        data += BitPackedRun(values, width);
        expected.insert(expected.end(), values.begin(), values.end());
      }
    }
    for (size_t chunk : {size_t{1}, size_t{3}, size_t{7}, size_t{64}, expected.size()}) {
      RleBitPackedDecoder d(U8(data), data.size(), width);
      std::vector<uint32_t> got(expected.size());
      for (size_t done = 0; done < expected.size(); done += chunk) {
        size_t n = std::min(chunk, expected.size() - done);
        ASSERT_TRUE(d.Decode(got.data() + done, n).ok()) << "width " << width << " at " << done;
      }
      ASSERT_EQ(got, expected) << "width " << width << " chunk " << chunk;
      EXPECT_EQ(d.position(), data.size());
    }
  }
}

TEST(RleBitPackedDecoder, ReportsDataThatEndsTooSoon) {
  for (int width : {1, 5, 8, 17, 32}) {
    std::string data = RleRun(1, 10, width) + BitPackedRun(std::vector<uint32_t>(16, 1), width);
    for (size_t cut = 0; cut < data.size(); ++cut) {
      RleBitPackedDecoder d(U8(data), cut, width);
      std::vector<uint32_t> out(26);
      EXPECT_TRUE(d.Decode(out.data(), 26).IsCorruption()) << "width " << width << " cut " << cut;
    }
  }
}

TEST(RleBitPackedDecoder, AcceptsATrimmedLastGroupWhenItsValuesAreNotNeeded) {
  // A bit-packed run header for one group of 8 values at width 4 (4 bytes), with only the
  // first two bytes present: the first 4 values can be read, the fifth cannot.
  std::string data = BitPackedRun({1, 2, 3, 4, 5, 6, 7, 8}, 4).substr(0, 3);
  RleBitPackedDecoder d(U8(data), data.size(), 4);
  std::vector<uint32_t> out(4);
  ASSERT_TRUE(d.Decode(out.data(), 4).ok());
  EXPECT_EQ(out, (std::vector<uint32_t>{1, 2, 3, 4}));
  uint32_t more;
  EXPECT_TRUE(d.Decode(&more, 1).IsCorruption());
}

TEST(RleBitPackedDecoder, HandlesHugeRunsWithoutMaterialisingThem) {
  std::string data = RleRun(3, uint64_t{1} << 34, 2);
  RleBitPackedDecoder d(U8(data), data.size(), 2);
  std::vector<uint32_t> out(1000);
  ASSERT_TRUE(d.Decode(out.data(), out.size()).ok());
  EXPECT_EQ(out, std::vector<uint32_t>(1000, 3));
}

TEST(RleBitPackedDecoder, RejectsBitWidthsAbove32) {
  std::string data = RleRun(0, 4, 8);
  RleBitPackedDecoder d(U8(data), data.size(), 33);
  uint32_t v;
  EXPECT_TRUE(d.Decode(&v, 1).IsCorruption());
}

TEST(RleBitPackedDecoder, RejectsAnOverlongRunHeader) {
  std::string data(8, '\xff');
  RleBitPackedDecoder d(U8(data), data.size(), 1);
  uint32_t v;
  EXPECT_TRUE(d.Decode(&v, 1).IsCorruption());
}

}  // namespace
}  // namespace automend::parquet
