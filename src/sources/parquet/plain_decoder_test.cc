#include "sources/parquet/plain_decoder.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "sources/parquet/parquet_test_util.h"

namespace automend::parquet {
namespace {

const uint8_t* U8(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

template <typename T>
std::string Raw(const std::vector<T>& values) {
  std::string s(values.size() * sizeof(T), '\0');
  if (!values.empty()) std::memcpy(s.data(), values.data(), s.size());
  return s;
}

TEST(PlainDecoder, DecodesByteArraysAsViewsIntoTheInput) {
  std::string data = testing::PlainByteArrays({"", "abc", std::string("\0\xff", 2), "é"});
  std::vector<std::string_view> out(4);
  size_t used;
  ASSERT_TRUE(DecodePlainByteArrays(U8(data), data.size(), 4, out.data(), &used).ok());
  EXPECT_EQ(used, data.size());
  EXPECT_EQ(out[0], "");
  EXPECT_EQ(out[1], "abc");
  EXPECT_EQ(out[2], std::string_view("\0\xff", 2));
  EXPECT_EQ(out[3], "é");
  EXPECT_EQ(out[1].data(), data.data() + 8);  // no copy
}

TEST(PlainDecoder, RejectsByteArraysRunningPastTheEnd) {
  std::string data = testing::PlainByteArrays({"abc", "defgh"});
  std::vector<std::string_view> out(2);
  size_t used;
  for (size_t cut = 0; cut < data.size(); ++cut) {
    Status s = DecodePlainByteArrays(U8(data), cut, 2, out.data(), &used);
    EXPECT_TRUE(s.IsCorruption()) << cut;
  }
  // A length prefix near 4 GiB must not overflow the bounds check.
  std::string huge = testing::Le32(0xfffffffe) + "x";
  EXPECT_TRUE(DecodePlainByteArrays(U8(huge), huge.size(), 1, out.data(), &used).IsCorruption());
}

TEST(PlainDecoder, DecodesFixedWidthNumbers) {
  std::vector<int64_t> i64 = {0, -1, INT64_MAX, INT64_MIN};
  std::vector<int32_t> i32 = {0, -1, INT32_MAX, INT32_MIN};
  std::vector<double> f64 = {0.0, -0.0, 1e300, std::numeric_limits<double>::infinity()};
  std::vector<float> f32 = {0.5f, -1.25f, 3e38f, std::numeric_limits<float>::denorm_min()};
  std::vector<int64_t> ints(4);
  std::vector<double> doubles(4);
  size_t used;
  std::string d = Raw(i64);
  ASSERT_TRUE(DecodePlainInt64(U8(d), d.size(), 4, ints.data(), &used).ok());
  EXPECT_EQ(ints, i64);
  d = Raw(i32);
  ASSERT_TRUE(DecodePlainInt32(U8(d), d.size(), 4, ints.data(), &used).ok());
  EXPECT_EQ(ints, (std::vector<int64_t>{0, -1, INT32_MAX, INT32_MIN}));
  EXPECT_EQ(used, 16u);
  d = Raw(f64);
  ASSERT_TRUE(DecodePlainDouble(U8(d), d.size(), 4, doubles.data(), &used).ok());
  EXPECT_EQ(doubles, f64);
  EXPECT_TRUE(std::signbit(doubles[1]));
  d = Raw(f32);
  ASSERT_TRUE(DecodePlainFloat(U8(d), d.size(), 4, doubles.data(), &used).ok());
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ(doubles[i], static_cast<double>(f32[i]));
  EXPECT_TRUE(DecodePlainInt64(U8(d), 31, 4, ints.data(), &used).IsCorruption());
  EXPECT_TRUE(DecodePlainFloat(U8(d), 15, 4, doubles.data(), &used).IsCorruption());
}

TEST(PlainDecoder, DecodesBooleansLeastSignificantBitFirst) {
  std::string d = {static_cast<char>(0b10100101), static_cast<char>(0b00000011)};
  std::vector<int64_t> out(10);
  size_t used;
  ASSERT_TRUE(DecodePlainBooleans(U8(d), d.size(), 10, out.data(), &used).ok());
  EXPECT_EQ(out, (std::vector<int64_t>{1, 0, 1, 0, 0, 1, 0, 1, 1, 1}));
  EXPECT_EQ(used, 2u);
  EXPECT_TRUE(DecodePlainBooleans(U8(d), d.size(), 17, out.data(), &used).IsCorruption());
}

TEST(PlainDecoder, DecodesFixedLengthByteArrays) {
  std::string d = "abcdefgh";
  std::vector<std::string_view> out(2);
  size_t used;
  ASSERT_TRUE(DecodePlainFixedLenByteArrays(U8(d), d.size(), 2, 3, out.data(), &used).ok());
  EXPECT_EQ(out[0], "abc");
  EXPECT_EQ(out[1], "def");
  EXPECT_TRUE(
      DecodePlainFixedLenByteArrays(U8(d), d.size(), 3, 3, out.data(), &used).IsCorruption());
}

}  // namespace
}  // namespace automend::parquet
