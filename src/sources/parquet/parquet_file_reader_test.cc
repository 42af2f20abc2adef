#include "sources/parquet/parquet_file_reader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>

#include "core/io/memory_file.h"
#include "sources/parquet/metadata_decoder.h"
#include "sources/parquet/parquet_test_util.h"

namespace automend::parquet {
namespace {

using namespace testing;  // NOLINT: the test helpers

Status OpenBytes(const std::string& name, std::string bytes, std::unique_ptr<ParquetFileReader>* r,
                 const ParquetReaderOptions& options = ParquetReaderOptions()) {
  return ParquetFileReader::Open(NewMemoryFile(name, std::move(bytes)), options, r);
}

std::optional<std::string> Str(const ColumnBatch& c, size_t slot) {
  if (!c.slot_valid[slot]) return std::nullopt;
  return std::string(c.bytes[slot]);
}

using StringList = std::optional<std::vector<std::optional<std::string>>>;

StringList ListAt(const ColumnBatch& c, int64_t row) {
  if (c.IsNull(row)) return std::nullopt;
  std::vector<std::optional<std::string>> items;
  for (size_t s = c.ListBegin(row); s < c.ListEnd(row); ++s) items.push_back(Str(c, s));
  return items;
}

// The values of tests/data/parquet/basic_*.parquet, as make_fixtures.py writes them.
std::optional<std::string> BasicS(int i) {
  if (i % 3 == 0) return std::nullopt;
  std::string s = "row-" + std::to_string(i) + "-";
  for (int k = 0; k < i % 4; ++k) s += "é";
  if (i % 5 == 0) s += "😀";
  return s;
}

StringList BasicList(int i) {
  switch (i % 4) {
    case 0:
      return std::nullopt;
    case 1:
      return std::vector<std::optional<std::string>>{};
    case 2:
      return std::vector<std::optional<std::string>>{"a" + std::to_string(i), std::nullopt};
    default:
      return std::vector<std::optional<std::string>>{"x", "y" + std::to_string(i)};
  }
}

void ExpectBasicFile(const ParquetFileReader& r) {
  ASSERT_EQ(r.num_rows(), 50);
  ASSERT_EQ(r.row_group_sizes(), (std::vector<int64_t>{20, 20, 10}));
  std::vector<int> fields;
  ASSERT_TRUE(
      r.FindFields({"id", "s", "s_dict", "f64", "i32", "f32", "b", "lst", "all_null"}, &fields)
          .ok());
  int base = 0;
  for (int g = 0; g < r.num_row_groups(); ++g) {
    std::vector<ColumnBatch> c;
    Status s = r.ReadRowGroup(g, fields, &c);
    ASSERT_TRUE(s.ok()) << s.ToString();
    ASSERT_EQ(c.size(), fields.size());
    for (int64_t row = 0; row < r.row_group_num_rows(g); ++row) {
      int i = base + static_cast<int>(row);
      size_t k = static_cast<size_t>(row);
      SCOPED_TRACE(r.name() + " row " + std::to_string(i));
      EXPECT_EQ(c[0].ints[k], int64_t{i} * 1000003 - 7);
      EXPECT_FALSE(c[0].IsNull(row));
      EXPECT_EQ(Str(c[1], k), BasicS(i));
      static const char* const kDict[] = {"alpha", "beta", "gamma"};
      EXPECT_EQ(Str(c[2], k), i % 7 == 0 ? std::nullopt : std::optional<std::string>(kDict[i % 3]));
      EXPECT_EQ(c[3].IsNull(row), i % 5 == 0);
      if (i % 5 != 0) {
        EXPECT_EQ(c[3].doubles[k], i * 0.25 - 3);
      }
      EXPECT_EQ(c[4].IsNull(row), i % 4 == 1);
      if (i % 4 != 1) {
        EXPECT_EQ(c[4].ints[k], i * -3);
      }
      EXPECT_EQ(c[5].IsNull(row), i % 6 == 2);
      if (i % 6 != 2) {
        EXPECT_EQ(c[5].doubles[k], i / 8.0);
      }
      EXPECT_EQ(c[6].IsNull(row), i % 9 == 4);
      if (i % 9 != 4) {
        EXPECT_EQ(c[6].ints[k], i % 2 == 0 ? 1 : 0);
      }
      EXPECT_EQ(ListAt(c[7], row), BasicList(i));
      EXPECT_TRUE(c[8].IsNull(row));
    }
    base += static_cast<int>(r.row_group_num_rows(g));
  }
}

TEST(ParquetFileReader, ReadsEveryCodecAndPageVersionWrittenByPyarrow) {
  for (const char* codec : {"none", "snappy", "gzip", "zstd"}) {
    for (const char* version : {"1", "2"}) {
      std::string name = std::string("basic_") + codec + "_v" + version + ".parquet";
      std::unique_ptr<ParquetFileReader> r;
      Status s = OpenBytes(name, ReadFixture(name), &r);
      ASSERT_TRUE(s.ok()) << s.ToString();
      ExpectBasicFile(*r);
    }
  }
}

TEST(ParquetFileReader, ReadsDictionaryPagesAndPlainFallbackInOneChunk) {
  std::unique_ptr<ParquetFileReader> r;
  ASSERT_TRUE(OpenBytes("fallback", ReadFixture("dictionary_fallback.parquet"), &r).ok());
  std::vector<PageSummary> pages;
  ASSERT_TRUE(r->DescribePages(0, 0, &pages).ok());
  ASSERT_FALSE(pages.empty());
  EXPECT_EQ(pages[0].type, kDictionaryPage);
  bool dict = false, plain = false;
  for (const PageSummary& p : pages) {
    dict |= p.type == kDataPage && p.encoding == kRleDictionary;
    plain |= p.type == kDataPage && p.encoding == kPlain;
  }
  ASSERT_TRUE(dict && plain) << "the fixture should mix dictionary and PLAIN pages";
  std::vector<ColumnBatch> c;
  ASSERT_TRUE(r->ReadRowGroup(0, {0}, &c).ok());
  ASSERT_EQ(c[0].num_rows, 400);
  for (int i = 0; i < 400; ++i) {
    char expected[32];
    std::snprintf(expected, sizeof(expected), "value-%04d", i * 37 % 1000);
    EXPECT_EQ(Str(c[0], static_cast<size_t>(i)),
              i % 10 == 0 ? std::nullopt : std::optional<std::string>(expected))
        << i;
  }
}

TEST(ParquetFileReader, ReadsTheFooterWithOneReadAndEachColumnChunkWithOne) {
  auto file = NewMemoryFile("m.parquet", ReadFixture("basic_snappy_v1.parquet"));
  MemoryFile* counter = file.get();
  std::unique_ptr<ParquetFileReader> r;
  ASSERT_TRUE(ParquetFileReader::Open(std::move(file), ParquetReaderOptions(), &r).ok());
  EXPECT_EQ(counter->reads(), 1u);
  std::vector<int> fields;
  ASSERT_TRUE(r->FindFields({"s", "lst", "id"}, &fields).ok());
  std::vector<ColumnBatch> c;
  ASSERT_TRUE(r->ReadRowGroup(1, fields, &c).ok());
  EXPECT_EQ(counter->reads(), 4u);
  // Only those chunks' bytes were read, not the whole file.
  uint64_t chunk_bytes = 0;
  for (int f : fields) {
    uint64_t offset, length;
    ASSERT_TRUE(r->ColumnChunkRange(1, f, &offset, &length).ok());
    chunk_bytes += length;
  }
  EXPECT_EQ(counter->bytes_read(), std::min<uint64_t>(r->file_size(), 64 << 10) + chunk_bytes);
}

TEST(ParquetFileReader, ReadsAFooterLargerThanTheTailWithASecondRead) {
  auto file = NewMemoryFile("m.parquet", ReadFixture("basic_zstd_v2.parquet"));
  MemoryFile* counter = file.get();
  ParquetReaderOptions options;
  options.footer_tail_bytes = 100;
  std::unique_ptr<ParquetFileReader> r;
  Status s = ParquetFileReader::Open(std::move(file), options, &r);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(counter->reads(), 2u);
  ExpectBasicFile(*r);
}

TEST(ParquetFileReader, NamesAnUnsupportedCodecWithFileRowGroupAndColumn) {
  std::unique_ptr<ParquetFileReader> r;
  ASSERT_TRUE(OpenBytes("lz4.parquet", ReadFixture("codec_lz4.parquet"), &r).ok());
  std::vector<ColumnBatch> c;
  Status s = r->ReadRowGroup(0, {1}, &c);
  EXPECT_EQ(s.code(), Status::Code::kNotSupported) << s.ToString();
  for (const char* part : {"lz4.parquet", "row group 0", "column 's'", "LZ4"}) {
    EXPECT_NE(s.message().find(part), std::string::npos) << part << " in " << s.ToString();
  }
}

TEST(ParquetFileReader, NamesAnUnsupportedEncodingAndStillReadsOtherColumns) {
  std::unique_ptr<ParquetFileReader> r;
  ASSERT_TRUE(OpenBytes("delta.parquet", ReadFixture("encoding_delta.parquet"), &r).ok());
  std::vector<ColumnBatch> c;
  Status s = r->ReadRowGroup(0, {0}, &c);
  EXPECT_EQ(s.code(), Status::Code::kNotSupported) << s.ToString();
  EXPECT_NE(s.message().find("DELTA_BINARY_PACKED"), std::string::npos) << s.ToString();
  EXPECT_NE(s.message().find("column 'id'"), std::string::npos) << s.ToString();
  ASSERT_TRUE(r->ReadRowGroup(0, {1, 7}, &c).ok());
  EXPECT_EQ(Str(c[0], 1), BasicS(1));
}

TEST(ParquetFileReader, FindFieldsNamesAMissingColumn) {
  std::unique_ptr<ParquetFileReader> r;
  ASSERT_TRUE(OpenBytes("b.parquet", ReadFixture("basic_none_v1.parquet"), &r).ok());
  std::vector<int> fields;
  Status s = r->FindFields({"id", "nope"}, &fields);
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_NE(s.message().find("'nope'"), std::string::npos);
}

// --- hand-built files -----------------------------------------------------------------

std::string OneColumnFile(const std::vector<SchemaElement>& schema, TestChunk chunk, int64_t rows) {
  return BuildFile(schema, {{std::move(chunk)}}, {rows});
}

TEST(ParquetFileReader, ReadsTwoLevelListsAndBareRepeatedFields) {
  // optional group l (LIST) { repeated binary element }: rows null, [], [a, b], [c].
  TestChunk chunk;
  chunk.path = {"l", "element"};
  chunk.num_values = 5;
  chunk.pages = DataPageV1(5, kPlain, Levels({0, 0, 0, 1, 0}, 1), Levels({0, 1, 2, 2, 2}, 2),
                           PlainByteArrays({"a", "b", "c"}));
  std::string file = OneColumnFile(
      {Root(1), Group("l", kOptional, 1, kConvertedList), Leaf("element", kByteArray, kRepeated)},
      chunk, 4);
  std::unique_ptr<ParquetFileReader> r;
  ASSERT_TRUE(OpenBytes("two_level", file, &r).ok());
  std::vector<ColumnBatch> c;
  Status s = r->ReadRowGroup(0, {0}, &c);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(ListAt(c[0], 0), std::nullopt);
  EXPECT_EQ(ListAt(c[0], 1), StringList(std::vector<std::optional<std::string>>{}));
  EXPECT_EQ(ListAt(c[0], 2), StringList({{"a"}, {"b"}}));
  EXPECT_EQ(ListAt(c[0], 3), StringList({{"c"}}));

  // repeated binary tags: rows [], [x], [y, z], as a v2 page.
  TestChunk bare;
  bare.path = {"tags"};
  bare.num_values = 4;
  bare.pages = DataPageV2(4, 3, kPlain, RleRun(0, 3, 1) + RleRun(1, 1, 1),
                          RleRun(0, 1, 1) + RleRun(1, 3, 1), PlainByteArrays({"x", "y", "z"}));
  file = OneColumnFile({Root(1), Leaf("tags", kByteArray, kRepeated)}, bare, 3);
  ASSERT_TRUE(OpenBytes("bare", file, &r).ok());
  s = r->ReadRowGroup(0, {0}, &c);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(ListAt(c[0], 0), StringList(std::vector<std::optional<std::string>>{}));
  EXPECT_EQ(ListAt(c[0], 1), StringList({{"x"}}));
  EXPECT_EQ(ListAt(c[0], 2), StringList({{"y"}, {"z"}}));
}

TEST(ParquetFileReader, ReadsUncompressedV2PagesInACompressedChunk) {
  // is_compressed = false: the values are stored raw although the chunk's codec is SNAPPY.
  TestChunk chunk;
  chunk.type = kInt64;
  chunk.codec = kSnappy;
  chunk.path = {"n"};
  chunk.num_values = 3;
  chunk.pages = DataPageV2(3, 3, kPlain, "", RleRun(1, 3, 1), PlainInt64s({7, -8, 9}));
  std::unique_ptr<ParquetFileReader> r;
  ASSERT_TRUE(
      OpenBytes("v2raw", OneColumnFile({Root(1), Leaf("n", kInt64, kOptional)}, chunk, 3), &r)
          .ok());
  std::vector<ColumnBatch> c;
  Status s = r->ReadRowGroup(0, {0}, &c);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(c[0].ints, (std::vector<int64_t>{7, -8, 9}));
}

TEST(ParquetFileReader, ReadsRleBooleansAndFixedLengthByteArrays) {
  TestChunk flags;
  flags.type = kBoolean;
  flags.path = {"flag"};
  flags.num_values = 10;
  std::string rle = RleRun(1, 6, 1) + BitPackedRun({0, 1, 0, 1}, 1);
  flags.pages = DataPageV1(10, kRle, "", "", Le32(static_cast<uint32_t>(rle.size())) + rle);
  TestChunk fixed;
  fixed.type = kFixedLenByteArray;
  fixed.path = {"code"};
  fixed.num_values = 10;
  std::string codes;
  for (int i = 0; i < 10; ++i) codes += "c" + std::to_string(i) + "!";
  fixed.pages = DataPageV1(10, kPlain, "", "", codes);
  SchemaElement code = Leaf("code", kFixedLenByteArray, kRequired);
  code.type_length = 3;
  std::string file =
      BuildFile({Root(2), Leaf("flag", kBoolean, kRequired), code}, {{flags, fixed}}, {10});
  std::unique_ptr<ParquetFileReader> r;
  ASSERT_TRUE(OpenBytes("bools", file, &r).ok());
  std::vector<ColumnBatch> c;
  Status s = r->ReadRowGroup(0, {0, 1}, &c);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(c[0].ints, (std::vector<int64_t>{1, 1, 1, 1, 1, 1, 0, 1, 0, 1}));
  EXPECT_EQ(Str(c[1], 7), "c7!");
}

TEST(ParquetFileReader, SkipsIndexPagesBetweenDataPages) {
  PageHeader index;
  index.type = kIndexPage;
  index.uncompressed_page_size = index.compressed_page_size = 5;
  TestChunk chunk;
  chunk.type = kInt64;
  chunk.path = {"n"};
  chunk.num_values = 2;
  chunk.pages = DataPageV1(1, kPlain, "", "", PlainInt64s({1})) + SerializePageHeader(index) +
                "index" + DataPageV1(1, kPlain, "", "", PlainInt64s({2}));
  std::unique_ptr<ParquetFileReader> r;
  ASSERT_TRUE(
      OpenBytes("idx", OneColumnFile({Root(1), Leaf("n", kInt64, kRequired)}, chunk, 2), &r).ok());
  std::vector<ColumnBatch> c;
  ASSERT_TRUE(r->ReadRowGroup(0, {0}, &c).ok());
  EXPECT_EQ(c[0].ints, (std::vector<int64_t>{1, 2}));
}

// Reads column `n` (INT64, optional unless said otherwise) of a one-chunk file built from
// `pages` and returns the status.
Status ReadHandBuilt(const std::string& pages, int64_t num_values, int64_t rows,
                     int32_t type = kInt64, int32_t repetition = kOptional) {
  TestChunk chunk;
  chunk.type = type;
  chunk.path = {"n"};
  chunk.num_values = num_values;
  chunk.pages = pages;
  std::unique_ptr<ParquetFileReader> r;
  AUTOMEND_RETURN_IF_ERROR(OpenBytes(
      "hand.parquet", OneColumnFile({Root(1), Leaf("n", type, repetition)}, chunk, rows), &r));
  std::vector<ColumnBatch> c;
  return r->ReadRowGroup(0, {0}, &c);
}

void ExpectError(const Status& s, Status::Code code, const std::string& part) {
  EXPECT_EQ(s.code(), code) << s.ToString();
  for (const std::string& p :
       {std::string("hand.parquet"), std::string("row group 0"), std::string("column 'n'"), part}) {
    EXPECT_NE(s.message().find(p), std::string::npos) << "'" << p << "' in " << s.ToString();
  }
}

TEST(ParquetFileReader, RejectsBadPagesWithClearErrors) {
  auto ok_page = DataPageV1(2, kPlain, "", RleRun(1, 2, 1), PlainInt64s({1, 2}));
  ASSERT_TRUE(ReadHandBuilt(ok_page, 2, 2).ok());

  // Levels in the deprecated BIT_PACKED encoding.
  ExpectError(
      ReadHandBuilt(DataPageV1(2, kPlain, "", RleRun(1, 2, 1), PlainInt64s({1, 2}), kBitPacked), 2,
                    2),
      Status::Code::kNotSupported, "BIT_PACKED");
  // A definition level above the column's maximum (an RLE run stores its value in a
  // whole byte, so it can exceed what the bit width allows).
  ExpectError(
      ReadHandBuilt(DataPageV1(2, kPlain, "", RleRun(1, 1, 1) + RleRun(2, 1, 1), PlainInt64s({1})),
                    2, 2),
      Status::Code::kCorruption, "definition level 2");
  // Dictionary indices without a dictionary page, and outside the dictionary.
  std::string indices = std::string(1, '\x01') + RleRun(1, 2, 1);
  ExpectError(ReadHandBuilt(DataPageV1(2, kRleDictionary, "", RleRun(1, 2, 1), indices), 2, 2),
              Status::Code::kCorruption, "no dictionary page");
  ExpectError(ReadHandBuilt(DictionaryPage(1, PlainInt64s({5})) +
                                DataPageV1(2, kRleDictionary, "", RleRun(1, 2, 1), indices),
                            2, 2),
              Status::Code::kCorruption, "outside the dictionary");
  // Fewer values than the levels say are present.
  ExpectError(ReadHandBuilt(DataPageV1(2, kPlain, "", RleRun(1, 2, 1), PlainInt64s({1})), 2, 2),
              Status::Code::kCorruption, "do not fit");
  // Pages ending before the chunk's value count.
  ExpectError(ReadHandBuilt(ok_page, 3, 3), Status::Code::kCorruption, "ends after 2 of its 3");
  // A column chunk whose value count does not match the row group.
  ExpectError(ReadHandBuilt(ok_page, 2, 5), Status::Code::kCorruption, "row group of 5 rows");
  // INT96 is not decoded.
  ExpectError(ReadHandBuilt(ok_page, 2, 2, kInt96), Status::Code::kNotSupported, "INT96");
}

TEST(ParquetFileReader, ChecksPageSizesBeforeAllocating) {
  PageHeader h;
  h.type = kDataPage;
  h.uncompressed_page_size = INT32_MAX;
  h.compressed_page_size = 4;
  h.data_page_header = DataPageHeader{1, kPlain, kRle, kRle};
  std::string huge = SerializePageHeader(h) + "abcd";
  ExpectError(ReadHandBuilt(huge, 1, 1), Status::Code::kCorruption, "limit");
  // A compressed size running past the chunk.
  h.uncompressed_page_size = 4;
  h.compressed_page_size = 1000;
  ExpectError(ReadHandBuilt(SerializePageHeader(h) + "abcd", 1, 1), Status::Code::kCorruption,
              "remain in the column chunk");
  // A dictionary page claiming more values than its bytes can hold.
  PageHeader d;
  d.type = kDictionaryPage;
  d.uncompressed_page_size = d.compressed_page_size = 8;
  d.dictionary_page_header = DictionaryPageHeader{1 << 30, kPlain};
  ExpectError(ReadHandBuilt(SerializePageHeader(d) + PlainInt64s({1}), 1, 1),
              Status::Code::kCorruption, "dictionary page claims");
  // A page claiming more values than the chunk has.
  ExpectError(ReadHandBuilt(DataPageV1(1 << 30, kPlain, "", RleRun(0, 1 << 30, 1), ""), 2, 2),
              Status::Code::kCorruption, "claims 1073741824 values");
  // A chunk claiming more values than the options allow.
  ParquetReaderOptions small;
  small.max_values_per_chunk = 10;
  TestChunk chunk;
  chunk.type = kInt64;
  chunk.path = {"n"};
  chunk.num_values = 11;
  std::unique_ptr<ParquetFileReader> r;
  ASSERT_TRUE(OpenBytes("hand.parquet",
                        OneColumnFile({Root(1), Leaf("n", kInt64, kOptional)}, chunk, 11), &r,
                        small)
                  .ok());
  std::vector<ColumnBatch> c;
  ExpectError(r->ReadRowGroup(0, {0}, &c), Status::Code::kCorruption, "more than the limit");
}

// Regression (found by parquet_reader_fuzzer): a DATA_PAGE_V2 header that also carried a
// v1 data_page_header with a larger num_values made the value count and the decoded levels
// disagree, and the reader read past the end of the level array.
TEST(ParquetFileReader, UsesTheSubHeaderMatchingThePageType) {
  std::string v2 = DataPageV2(2, 2, kPlain, "", RleRun(1, 2, 1), PlainInt64s({1, 2}));
  size_t header_size;
  PageHeader h;
  ASSERT_TRUE(
      DecodePageHeader(reinterpret_cast<const uint8_t*>(v2.data()), v2.size(), &h, &header_size)
          .ok());
  h.data_page_header = DataPageHeader{3, kPlain, kRle, kRle};
  std::string both = SerializePageHeader(h) + v2.substr(header_size);
  Status s = ReadHandBuilt(both, 3, 3);
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_TRUE(ReadHandBuilt(both, 2, 2).ok());
}

TEST(ParquetFileReader, RejectsAColumnChunkOutsideTheFile) {
  std::string file = ReadFixture("basic_none_v1.parquet");
  std::unique_ptr<ParquetFileReader> good;
  ASSERT_TRUE(OpenBytes("x", file, &good).ok());
  FileMetaData meta = good->metadata();
  meta.row_groups[1].columns[1].meta_data->data_page_offset = static_cast<int64_t>(file.size());
  meta.row_groups[1].columns[1].meta_data->dictionary_page_offset.reset();
  std::string footer = SerializeFileMetaData(meta);
  // Rebuild the file: the original data section, the edited footer.
  uint32_t old_footer;
  std::memcpy(&old_footer, file.data() + file.size() - 8, 4);
  std::string edited = file.substr(0, file.size() - 8 - old_footer) + footer +
                       Le32(static_cast<uint32_t>(footer.size())) + "PAR1";
  std::unique_ptr<ParquetFileReader> r;
  ASSERT_TRUE(OpenBytes("edited.parquet", edited, &r).ok());
  std::vector<ColumnBatch> c;
  Status s = r->ReadRowGroup(1, {1}, &c);
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_NE(s.message().find("edited.parquet, row group 1, column 's'"), std::string::npos)
      << s.ToString();
  EXPECT_NE(s.message().find("outside the file's data"), std::string::npos) << s.ToString();
  EXPECT_TRUE(r->ReadRowGroup(0, {1}, &c).ok());
}

TEST(ParquetFileReader, RejectsFilesThatAreNotParquet) {
  std::unique_ptr<ParquetFileReader> r;
  for (const std::string& bytes : {std::string(), std::string("PAR1"), std::string(100, 'x'),
                                   std::string("PAR1") + Le32(1000) + "PAR1",
                                   std::string("PAR1") + "junk" + Le32(4) + "PAR1"}) {
    Status s = OpenBytes("junk.parquet", bytes, &r);
    EXPECT_TRUE(s.IsCorruption()) << s.ToString();
    EXPECT_NE(s.message().find("junk.parquet"), std::string::npos) << s.ToString();
  }
  Status s = OpenBytes("enc.parquet", std::string("PAR1xxxx") + Le32(4) + "PARE", &r);
  EXPECT_EQ(s.code(), Status::Code::kNotSupported) << s.ToString();
}

}  // namespace
}  // namespace automend::parquet
