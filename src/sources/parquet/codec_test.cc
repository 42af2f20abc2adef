#include "sources/parquet/codec.h"

#include <gtest/gtest.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <cstring>
#include <string>

#include "sources/parquet/parquet_format.h"

namespace automend::parquet {
namespace {

const uint8_t* U8(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

std::string Text() {
  std::string s;
  for (int i = 0; i < 20000; ++i) s += "apiVersion: v1 line " + std::to_string(i % 97) + " é\n";
  return s;
}

std::string Gzip(const std::string& in) {
  z_stream z;
  std::memset(&z, 0, sizeof(z));
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, in.size()) + 32, '\0');
  z.next_in = const_cast<Bytef*>(U8(in));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Snappy(const std::string& in) {
  std::string out;
  snappy::Compress(in.data(), in.size(), &out);
  return out;
}

std::string Zstd(const std::string& in) {
  std::string out(ZSTD_compressBound(in.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), in.data(), in.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

std::string Decompressed(int32_t codec, const std::string& compressed, size_t size, Status* s) {
  std::string out(size, '\0');
  *s = Decompress(codec, U8(compressed), compressed.size(), reinterpret_cast<uint8_t*>(out.data()),
                  size);
  return out;
}

TEST(Codec, RoundTripsEverySupportedCodec) {
  std::string text = Text();
  struct Case {
    int32_t codec;
    std::string compressed;
  } cases[] = {
      {kUncompressed, text}, {kSnappy, Snappy(text)}, {kGzip, Gzip(text)}, {kZstd, Zstd(text)}};
  for (const Case& c : cases) {
    Status s;
    EXPECT_EQ(Decompressed(c.codec, c.compressed, text.size(), &s), text) << CodecName(c.codec);
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
}

TEST(Codec, ReadsConcatenatedGzipMembers) {
  std::string a = Text(), b = "second member";
  Status s;
  EXPECT_EQ(Decompressed(kGzip, Gzip(a) + Gzip(b), a.size() + b.size(), &s), a + b);
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST(Codec, RejectsASizeOtherThanThePageHeaderSays) {
  std::string text = Text();
  for (int32_t codec : std::initializer_list<int32_t>{kUncompressed, kSnappy, kGzip, kZstd}) {
    std::string compressed = codec == kSnappy ? Snappy(text)
                             : codec == kGzip ? Gzip(text)
                             : codec == kZstd ? Zstd(text)
                                              : text;
    for (size_t size : {text.size() - 1, text.size() + 1}) {
      Status s;
      Decompressed(codec, compressed, size, &s);
      EXPECT_TRUE(s.IsCorruption()) << CodecName(codec) << " " << size << " " << s.ToString();
    }
  }
}

TEST(Codec, RejectsCorruptData) {
  std::string text = Text();
  for (int32_t codec : std::initializer_list<int32_t>{kSnappy, kGzip, kZstd}) {
    std::string compressed = codec == kSnappy ? Snappy(text)
                             : codec == kGzip ? Gzip(text)
                                              : Zstd(text);
    std::string truncated = compressed.substr(0, compressed.size() / 2);
    Status s;
    Decompressed(codec, truncated, text.size(), &s);
    EXPECT_TRUE(s.IsCorruption()) << CodecName(codec) << " " << s.ToString();
    std::string garbage(100, '\x5a');
    Decompressed(codec, garbage, 1000, &s);
    EXPECT_TRUE(s.IsCorruption()) << CodecName(codec) << " " << s.ToString();
  }
}

TEST(Codec, NamesAnUnsupportedCodec) {
  for (int32_t codec : std::initializer_list<int32_t>{kLz4, kLz4Raw, kBrotli, kLzo, 42}) {
    Status s;
    Decompressed(codec, "x", 1, &s);
    EXPECT_EQ(s.code(), Status::Code::kNotSupported);
    EXPECT_NE(s.message().find(CodecName(codec)), std::string::npos) << s.ToString();
    EXPECT_FALSE(IsSupportedCodec(codec));
  }
}

}  // namespace
}  // namespace automend::parquet
