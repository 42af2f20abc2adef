// Robustness of the parquet reader against damaged files: every truncation and a bit flip
// at every byte of small pyarrow-written fixtures must give a clean result or a clear
// error (never a crash, a hang or a huge allocation), and errors must say where.
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "core/io/memory_file.h"
#include "sources/parquet/parquet_file_reader.h"
#include "sources/parquet/parquet_test_util.h"

namespace automend::parquet {
namespace {

// Options small enough that a corrupted size field cannot make a test slow.
ParquetReaderOptions TightOptions() {
  ParquetReaderOptions o;
  o.max_page_bytes = 4 << 20;
  o.max_decompressed_chunk_bytes = 16 << 20;
  o.max_values_per_chunk = 1 << 16;
  return o;
}

// Opens `bytes` and reads every row group's every readable field. Returns the first error;
// checks that every error names the file and that column errors name row group and column.
Status ReadEverything(const std::string& name, const std::string& bytes) {
  std::unique_ptr<ParquetFileReader> r;
  Status s = ParquetFileReader::Open(NewMemoryFile(name, bytes), TightOptions(), &r);
  if (!s.ok()) {
    EXPECT_NE(s.message().find(name), std::string::npos) << s.ToString();
    return s;
  }
  Status first;
  for (int g = 0; g < r->num_row_groups(); ++g) {
    for (size_t f = 0; f < r->schema().fields().size(); ++f) {
      std::vector<ColumnBatch> c;
      s = r->ReadRowGroup(g, {static_cast<int>(f)}, &c);
      if (s.ok()) continue;
      std::string where = name + ", row group " + std::to_string(g) + ", column '" +
                          r->schema().fields()[f].name + "'";
      EXPECT_NE(s.message().find(where), std::string::npos) << s.ToString();
      if (first.ok()) first = s;
    }
  }
  return first;
}

const char* const kFixtures[] = {"basic_snappy_v1.parquet",     "basic_none_v2.parquet",
                                 "basic_gzip_v1.parquet",       "basic_zstd_v2.parquet",
                                 "dictionary_fallback.parquet", "stack_rows.parquet"};

TEST(ParquetCorruption, FixturesReadCleanly) {
  for (const char* name : kFixtures) {
    Status s = ReadEverything(name, testing::ReadFixture(name));
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
}

TEST(ParquetCorruption, EveryTruncationIsAnErrorNamingTheFile) {
  for (const char* name : kFixtures) {
    std::string bytes = testing::ReadFixture(name);
    for (size_t cut = 0; cut < bytes.size(); ++cut) {
      Status s = ReadEverything(name, bytes.substr(0, cut));
      EXPECT_FALSE(s.ok()) << name << " cut at " << cut;
    }
  }
}

// The footer survives but the column data before it is cut short or shifted: chunk
// offsets now point at the wrong bytes or past the data.
TEST(ParquetCorruption, TruncatedColumnDataWithAnIntactFooterNeverCrashes) {
  for (const char* name : kFixtures) {
    std::string bytes = testing::ReadFixture(name);
    uint32_t footer;
    std::memcpy(&footer, bytes.data() + bytes.size() - 8, 4);
    size_t data_end = bytes.size() - 8 - footer;
    int errors = 0;
    for (size_t cut = 4; cut < data_end; cut += 7) {
      Status s = ReadEverything(name, bytes.substr(0, cut) + bytes.substr(data_end));
      errors += !s.ok();
    }
    EXPECT_GT(errors, 0) << name;
  }
}

TEST(ParquetCorruption, ABitFlipAtEveryByteNeverCrashes) {
  for (const char* name : kFixtures) {
    std::string bytes = testing::ReadFixture(name);
    int errors = 0;
    for (size_t i = 0; i < bytes.size(); ++i) {
      std::string damaged = bytes;
      damaged[i] = static_cast<char>(damaged[i] ^ (1 << (i % 8)));
      errors += !ReadEverything(name, damaged).ok();
    }
    // Many flips land in values and go unnoticed (parquet has no mandatory checksums), but
    // flips in headers, levels and the footer must be caught.
    EXPECT_GT(errors, 0) << name;
  }
}

TEST(ParquetCorruption, RandomByteDamageNeverCrashes) {
  std::mt19937 rng(20240611);
  std::string bytes = testing::ReadFixture("basic_snappy_v1.parquet");
  for (int trial = 0; trial < 2000; ++trial) {
    std::string damaged = bytes;
    int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits; ++e) {
      damaged[rng() % damaged.size()] = static_cast<char>(rng());
    }
    ReadEverything("random.parquet", damaged);
  }
}

}  // namespace
}  // namespace automend::parquet
