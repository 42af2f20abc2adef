#include "sources/parquet/thrift_compact_reader.h"

#include <gtest/gtest.h>

#include "sources/parquet/metadata_decoder.h"
#include "sources/parquet/parquet_test_util.h"

namespace automend::parquet {
namespace {

using testing::ThriftWriter;

std::string Bytes(std::initializer_list<int> values) {
  std::string s;
  for (int v : values) s.push_back(static_cast<char>(v));
  return s;
}

TEST(ThriftCompactReader, DecodesZigZagIntegers) {
  // 0 -> 0, -1 -> 1, 1 -> 2, -2 -> 3; 300 -> 600 = 0xd8 0x04.
  std::string bytes = Bytes({0x00, 0x01, 0x02, 0x03, 0xd8, 0x04});
  ThriftCompactReader r(bytes);
  int32_t v;
  ASSERT_TRUE(r.ReadI32(&v).ok());
  EXPECT_EQ(v, 0);
  ASSERT_TRUE(r.ReadI32(&v).ok());
  EXPECT_EQ(v, -1);
  ASSERT_TRUE(r.ReadI32(&v).ok());
  EXPECT_EQ(v, 1);
  ASSERT_TRUE(r.ReadI32(&v).ok());
  EXPECT_EQ(v, -2);
  ASSERT_TRUE(r.ReadI32(&v).ok());
  EXPECT_EQ(v, 300);
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(ThriftCompactReader, DecodesInt64Extremes) {
  ThriftWriter w;
  w.ZigZag(INT64_MIN);
  w.ZigZag(INT64_MAX);
  ThriftCompactReader r(w.bytes);
  int64_t v;
  ASSERT_TRUE(r.ReadI64(&v).ok());
  EXPECT_EQ(v, INT64_MIN);
  ASSERT_TRUE(r.ReadI64(&v).ok());
  EXPECT_EQ(v, INT64_MAX);
}

TEST(ThriftCompactReader, RejectsOutOfRangeAndOverlongVarints) {
  ThriftWriter w;
  w.ZigZag(int64_t{1} << 40);
  int32_t v32;
  EXPECT_TRUE(ThriftCompactReader(w.bytes).ReadI32(&v32).IsCorruption());
  int64_t v64;
  std::string eleven(10, '\xff');
  eleven.push_back(0x01);
  EXPECT_TRUE(ThriftCompactReader(eleven).ReadI64(&v64).IsCorruption());
  // The tenth byte may only hold the top bit.
  std::string tenth(9, '\xff');
  tenth.push_back(0x02);
  EXPECT_TRUE(ThriftCompactReader(tenth).ReadI64(&v64).IsCorruption());
  std::string truncated = Bytes({0x80, 0x80});
  EXPECT_TRUE(ThriftCompactReader(truncated).ReadI64(&v64).IsCorruption());
}

TEST(ThriftCompactReader, ReadsBinaryAsViewAndRejectsTruncation) {
  std::string bytes = Bytes({0x03, 'a', 'b', 'c', 0x05, 'x'});
  ThriftCompactReader r(bytes);
  std::string_view s;
  ASSERT_TRUE(r.ReadBinary(&s).ok());
  EXPECT_EQ(s, "abc");
  Status st = r.ReadBinary(&s);
  EXPECT_TRUE(st.IsCorruption());
  EXPECT_NE(st.message().find("truncated"), std::string::npos) << st.ToString();
}

TEST(ThriftCompactReader, ReadsDoubleLittleEndian) {
  double expected = -1234.5625;
  std::string bytes(8, '\0');
  std::memcpy(bytes.data(), &expected, 8);
  ThriftCompactReader r(bytes);
  double v;
  ASSERT_TRUE(r.ReadDouble(&v).ok());
  EXPECT_EQ(v, expected);
  EXPECT_TRUE(ThriftCompactReader(bytes.substr(0, 7)).ReadDouble(&v).IsCorruption());
}

TEST(ThriftCompactReader, ReadsFieldHeadersWithDeltaAndLongForm) {
  ThriftWriter w;
  w.BeginStruct();
  w.I32Field(1, 7);   // delta 1
  w.I32Field(16, 8);  // delta 15
  w.I32Field(40, 9);  // delta 24: long form
  w.I32Field(2, 10);  // going back: long form
  w.BoolField(3, true);
  w.BoolField(4, false);
  w.EndStruct();
  ThriftCompactReader r(w.bytes);
  ASSERT_TRUE(r.BeginStruct().ok());
  std::vector<std::pair<int, int>> seen;
  while (true) {
    int16_t id;
    ThriftType type;
    ASSERT_TRUE(r.ReadFieldHeader(&id, &type).ok());
    if (type == ThriftType::kStop) break;
    if (type == ThriftType::kI32) {
      int32_t v;
      ASSERT_TRUE(r.ReadI32(&v).ok());
      seen.emplace_back(id, v);
    } else {
      bool b;
      ASSERT_TRUE(ThriftCompactReader::BoolFromFieldType(type, &b).ok());
      seen.emplace_back(id, b ? 100 : 200);
    }
  }
  r.EndStruct();
  EXPECT_EQ(seen, (std::vector<std::pair<int, int>>{
                      {1, 7}, {16, 8}, {40, 9}, {2, 10}, {3, 100}, {4, 200}}));
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(ThriftCompactReader, ReadsShortAndLongListHeaders) {
  ThriftWriter w;
  w.ListHeader(ThriftType::kI32, 3);
  w.ZigZag(1), w.ZigZag(2), w.ZigZag(3);
  w.ListHeader(ThriftType::kBinary, 20);
  for (int i = 0; i < 20; ++i) w.Binary("s");
  ThriftCompactReader r(w.bytes);
  ThriftType type;
  uint32_t n;
  ASSERT_TRUE(r.ReadListHeader(&type, &n).ok());
  EXPECT_EQ(type, ThriftType::kI32);
  EXPECT_EQ(n, 3u);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(r.Skip(ThriftType::kI32).ok());
  ASSERT_TRUE(r.ReadListHeader(&type, &n).ok());
  EXPECT_EQ(type, ThriftType::kBinary);
  EXPECT_EQ(n, 20u);
}

TEST(ThriftCompactReader, RejectsListLongerThanTheBytesLeft) {
  ThriftWriter w;
  w.ListHeader(ThriftType::kStruct, 1000000);
  w.bytes += "abc";
  ThriftCompactReader r(w.bytes);
  ThriftType type;
  uint32_t n;
  EXPECT_TRUE(r.ReadListHeader(&type, &n).IsCorruption());
}

// A struct full of fields the reader does not know, of every type and nesting.
std::string StructWithUnknownFields() {
  ThriftWriter w;
  w.BeginStruct();
  w.I32Field(1, 42);
  w.BoolField(2, true);
  w.FieldHeader(3, ThriftType::kByte), w.Byte(0x7f);
  w.FieldHeader(4, ThriftType::kI16), w.ZigZag(-300);
  w.FieldHeader(5, ThriftType::kDouble), w.bytes.append(8, '\x01');
  w.BinaryField(6, "unknown bytes");
  w.FieldHeader(7, ThriftType::kUuid), w.bytes.append(16, '\x02');
  // list<struct{list<bool>, map<string, list<i64>>}>
  w.ListField(8, ThriftType::kStruct, 2);
  for (int i = 0; i < 2; ++i) {
    w.BeginStruct();
    w.ListField(1, ThriftType::kBoolTrue, 3);
    w.Byte(1), w.Byte(2), w.Byte(1);
    w.FieldHeader(2, ThriftType::kMap);
    w.Varint(2);
    w.Byte(static_cast<uint8_t>(static_cast<int>(ThriftType::kBinary) << 4 |
                                static_cast<int>(ThriftType::kList)));
    for (int k = 0; k < 2; ++k) {
      w.Binary("key");
      w.ListHeader(ThriftType::kI64, 2);
      w.ZigZag(5), w.ZigZag(-5);
    }
    w.FieldHeader(3, ThriftType::kMap);
    w.Varint(0);  // an empty map has no type byte
    w.BeginStructField(4);
    w.BeginStructField(1);
    w.BoolField(1, false);
    w.EndStruct();
    w.EndStruct();
    w.EndStruct();
  }
  w.FieldHeader(9, ThriftType::kSet);
  w.ListHeader(ThriftType::kDouble, 1);
  w.bytes.append(8, '\0');
  w.I32Field(10, 43);
  w.EndStruct();
  return w.bytes;
}

TEST(ThriftCompactReader, SkipsUnknownFieldsOfEveryTypeIncludingNestedContainers) {
  std::string bytes = StructWithUnknownFields();
  ThriftCompactReader r(bytes);
  ASSERT_TRUE(r.BeginStruct().ok());
  std::vector<int32_t> known;
  while (true) {
    int16_t id;
    ThriftType type;
    ASSERT_TRUE(r.ReadFieldHeader(&id, &type).ok());
    if (type == ThriftType::kStop) break;
    if (id == 1 || id == 10) {
      int32_t v;
      ASSERT_TRUE(r.ReadI32(&v).ok());
      known.push_back(v);
    } else {
      ASSERT_TRUE(r.Skip(type).ok()) << "field " << id;
    }
  }
  r.EndStruct();
  EXPECT_EQ(known, (std::vector<int32_t>{42, 43}));
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(ThriftCompactReader, SkipNeverReadsPastTheEnd) {
  std::string bytes = StructWithUnknownFields();
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    ThriftCompactReader r(std::string_view(bytes).substr(0, cut));
    EXPECT_FALSE(r.Skip(ThriftType::kStruct).ok()) << "cut at " << cut;
  }
  ThriftCompactReader whole(bytes);
  EXPECT_TRUE(whole.Skip(ThriftType::kStruct).ok());
}

TEST(ThriftCompactReader, LimitsNestingDepth) {
  // 100 nested struct fields: deeper than the limit.
  ThriftWriter w;
  w.BeginStruct();
  for (int i = 0; i < 100; ++i) w.BeginStructField(1);
  for (int i = 0; i < 100; ++i) w.EndStruct();
  w.EndStruct();
  Status s = ThriftCompactReader(w.bytes).Skip(ThriftType::kStruct);
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_NE(s.message().find("nesting"), std::string::npos) << s.ToString();
  // Deeply nested lists are limited the same way.
  std::string lists(200, static_cast<char>(0x10 | static_cast<int>(ThriftType::kList)));
  EXPECT_TRUE(ThriftCompactReader(lists).Skip(ThriftType::kList).IsCorruption());
  // A nesting within the limit is fine.
  EXPECT_TRUE(ThriftCompactReader(w.bytes, 200).Skip(ThriftType::kStruct).ok());
}

TEST(ThriftCompactReader, RejectsUnknownWireTypes) {
  std::string bytes = Bytes({0x1e, 0x00});  // field 1 with type 14
  ThriftCompactReader r(bytes);
  ASSERT_TRUE(r.BeginStruct().ok());
  int16_t id;
  ThriftType type;
  EXPECT_TRUE(r.ReadFieldHeader(&id, &type).IsCorruption());
}

TEST(MetadataDecoder, DecodesPageHeaderAndSkipsUnknownFields) {
  ThriftWriter w;
  w.BeginStruct();
  w.I32Field(1, kDataPageV2);
  w.I32Field(2, 1000);
  w.I32Field(3, 400);
  w.I32Field(4, 0x1234);  // crc
  w.BeginStructField(8);
  w.I32Field(1, 10);
  w.I32Field(2, 3);
  w.I32Field(3, 10);
  w.I32Field(4, kRleDictionary);
  w.I32Field(5, 4);
  w.I32Field(6, 0);
  w.BoolField(7, false);
  w.BeginStructField(8);  // statistics, with binary min/max and a nested unknown list
  w.BinaryField(5, "max");
  w.BinaryField(6, "min");
  w.ListField(20, ThriftType::kStruct, 1);
  w.BeginStruct();
  w.I64Field(1, 5);
  w.EndStruct();
  w.EndStruct();
  w.EndStruct();
  w.BinaryField(30, "a field from the future");
  w.EndStruct();
  w.bytes += "page body";
  PageHeader h;
  size_t size;
  ASSERT_TRUE(
      DecodePageHeader(reinterpret_cast<const uint8_t*>(w.bytes.data()), w.bytes.size(), &h, &size)
          .ok());
  EXPECT_EQ(w.bytes.substr(size), "page body");
  EXPECT_EQ(h.type, kDataPageV2);
  EXPECT_EQ(h.uncompressed_page_size, 1000);
  EXPECT_EQ(h.compressed_page_size, 400);
  ASSERT_TRUE(h.data_page_header_v2.has_value());
  EXPECT_EQ(h.data_page_header_v2->num_values, 10);
  EXPECT_EQ(h.data_page_header_v2->num_nulls, 3);
  EXPECT_EQ(h.data_page_header_v2->encoding, kRleDictionary);
  EXPECT_EQ(h.data_page_header_v2->definition_levels_byte_length, 4);
  EXPECT_FALSE(h.data_page_header_v2->is_compressed);
}

TEST(MetadataDecoder, NamesAMissingRequiredField) {
  ThriftWriter w;
  w.BeginStruct();
  w.I32Field(1, kDataPage);
  w.I32Field(3, 10);
  w.EndStruct();
  PageHeader h;
  size_t size;
  Status s =
      DecodePageHeader(reinterpret_cast<const uint8_t*>(w.bytes.data()), w.bytes.size(), &h, &size);
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_NE(s.message().find("PageHeader.uncompressed_page_size"), std::string::npos)
      << s.ToString();
}

TEST(MetadataDecoder, RejectsAKnownFieldWithTheWrongWireType) {
  ThriftWriter w;
  w.BeginStruct();
  w.BinaryField(1, "not an i32");
  w.EndStruct();
  PageHeader h;
  size_t size;
  Status s =
      DecodePageHeader(reinterpret_cast<const uint8_t*>(w.bytes.data()), w.bytes.size(), &h, &size);
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_NE(s.message().find("PageHeader.type"), std::string::npos) << s.ToString();
}

TEST(MetadataDecoder, RoundTripsFileMetaData) {
  FileMetaData meta;
  meta.version = 2;
  meta.schema = {testing::Root(2), testing::Leaf("a", kInt64, kOptional),
                 testing::Leaf("b", kByteArray, kRequired, kConvertedUtf8)};
  meta.schema[2].logical_type = kLogicalString;
  meta.num_rows = 7;
  meta.created_by = "me";
  RowGroup g;
  g.num_rows = 7;
  for (const char* name : {"a", "b"}) {
    ColumnChunk c;
    ColumnMetaData m;
    m.type = name[0] == 'a' ? kInt64 : kByteArray;
    m.encodings = {kPlain, kRle, kRleDictionary};
    m.path_in_schema = {name};
    m.codec = kZstd;
    m.num_values = 7;
    m.total_compressed_size = 11;
    m.total_uncompressed_size = 22;
    m.data_page_offset = 33;
    m.dictionary_page_offset = 4;
    c.meta_data = m;
    g.columns.push_back(c);
  }
  meta.row_groups = {g};
  FileMetaData back;
  ASSERT_TRUE(DecodeFileMetaData(testing::SerializeFileMetaData(meta), &back).ok());
  EXPECT_EQ(back.version, 2);
  EXPECT_EQ(back.created_by, "me");
  ASSERT_EQ(back.schema.size(), 3u);
  EXPECT_EQ(back.schema[2].name, "b");
  EXPECT_EQ(back.schema[2].converted_type, kConvertedUtf8);
  EXPECT_EQ(back.schema[2].logical_type, kLogicalString);
  ASSERT_EQ(back.row_groups.size(), 1u);
  const ColumnMetaData& m = *back.row_groups[0].columns[1].meta_data;
  EXPECT_EQ(m.path_in_schema, std::vector<std::string>{"b"});
  EXPECT_EQ(m.encodings, (std::vector<int32_t>{kPlain, kRle, kRleDictionary}));
  EXPECT_EQ(m.codec, kZstd);
  EXPECT_EQ(m.dictionary_page_offset, 4);
  EXPECT_EQ(m.data_page_offset, 33);
}

}  // namespace
}  // namespace automend::parquet
