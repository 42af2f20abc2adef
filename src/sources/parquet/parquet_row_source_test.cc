#include "sources/parquet/parquet_row_source.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/io/memory_file.h"
#include "sources/parquet/parquet_test_util.h"

namespace automend {
namespace {

namespace pt = parquet::testing;

// tests/data/parquet/stack_rows.parquet, as make_fixtures.py writes it (12 rows in row
// groups of 5, 5, 2; row 3 has no hexsha, row 7 no content).
std::string Hexsha(int i) {
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%040llx", static_cast<unsigned long long>(i) * 0x1234567ull);
  return buf;
}

std::vector<std::string> Licenses(int i) {
  switch (i % 6) {
    case 0:
      return {"MIT"};
    case 1:
      return {};
    case 2:
      return {};  // a null list
    case 3:
      return {"Apache-2.0", "MIT"};
    case 4:
      return {""};  // a null element
    default:
      return {"BSD-3-Clause"};
  }
}

std::string Content(int i) {
  std::string s = "kind: Pod\n# " + std::to_string(i) + "\n";
  for (int k = 0; k < i; ++k) s += "é";
  return s;
}

void ExpectStackRow(const Row& row, int i) {
  SCOPED_TRACE("row " + std::to_string(i));
  EXPECT_EQ(row.hexsha, Hexsha(i));
  EXPECT_EQ(row.size, 100 + i);
  EXPECT_EQ(row.ext, i == 5 ? "" : (i % 2 ? "yaml" : "yml"));
  EXPECT_EQ(row.lang, "YAML");
  EXPECT_EQ(row.path, "dir/file" + std::to_string(i) + ".yaml");
  EXPECT_EQ(row.repo, "org/repo" + std::to_string(i % 3));
  EXPECT_EQ(row.licenses, Licenses(i));
  EXPECT_EQ(row.content(), Content(i));
}

std::unique_ptr<RandomAccessFile> Fixture(const std::string& name,
                                          const std::string& as = std::string()) {
  return NewMemoryFile(as.empty() ? name : as, pt::ReadFixture(name));
}

// Drains the source; checks that no batch exceeds `batch_rows` (a batch is one row group).
void Drain(ParquetRowSource* source, size_t batch_rows, std::vector<Row>* rows,
           std::vector<RowError>* errors) {
  RowBatch batch;
  while (true) {
    Status s = source->NextBatch(&batch);
    ASSERT_TRUE(s.ok()) << s.ToString();
    if (batch.rows.empty() && batch.errors.empty()) break;
    EXPECT_LE(batch.rows.size() + batch.errors.size(), batch_rows);
    for (Row& r : batch.rows) {
      r.OwnContent();  // the rows outlive their batch here
      rows->push_back(std::move(r));
    }
    for (RowError& e : batch.errors) errors->push_back(std::move(e));
  }
  // Exhausted stays exhausted.
  ASSERT_TRUE(source->NextBatch(&batch).ok());
  EXPECT_TRUE(batch.rows.empty() && batch.errors.empty());
}

TEST(ParquetRowSource, MapsTheStacksColumnsToRows) {
  std::vector<std::unique_ptr<RandomAccessFile>> files;
  files.push_back(Fixture("stack_rows.parquet"));
  ParquetSourceOptions options;
  std::unique_ptr<ParquetRowSource> source;
  ASSERT_TRUE(OpenParquetRowSource(std::move(files), options, &source).ok());
  EXPECT_EQ(source->planned_rows(), 12);
  EXPECT_NE(source->Describe().find("stack_rows.parquet"), std::string::npos);
  std::vector<Row> rows;
  std::vector<RowError> errors;
  Drain(source.get(), 5, &rows, &errors);  // row groups of 5, 5 and 2 rows
  ASSERT_EQ(rows.size(), 10u);
  std::vector<int> expected_ids = {0, 1, 2, 4, 5, 6, 8, 9, 10, 11};
  for (size_t k = 0; k < rows.size(); ++k) {
    ExpectStackRow(rows[k], expected_ids[k]);
    EXPECT_EQ(rows[k].origin, "stack_rows.parquet row " + std::to_string(expected_ids[k]));
  }
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].origin, "stack_rows.parquet row 3");
  EXPECT_EQ(errors[0].reason, "missing_field");
  EXPECT_NE(errors[0].detail.find("hexsha"), std::string::npos);
  EXPECT_EQ(errors[1].origin, "stack_rows.parquet row 7");
  EXPECT_NE(errors[1].detail.find("content"), std::string::npos);
}

// Content is not copied into rows: they point into the decompressed pages, which the batch
// keeps alive, also after the batch is moved; OwnContent() detaches a row from its batch.
TEST(ParquetRowSource, RowsBorrowContentThatTheirBatchKeepsAlive) {
  std::vector<std::unique_ptr<RandomAccessFile>> files;
  files.push_back(Fixture("stack_rows.parquet"));
  std::unique_ptr<ParquetRowSource> source;
  ASSERT_TRUE(OpenParquetRowSource(std::move(files), {}, &source).ok());
  RowBatch batch;
  ASSERT_TRUE(source->NextBatch(&batch).ok());
  ASSERT_EQ(batch.rows.size(), 4u);  // rows 0-4 but 3, whose hexsha is null
  EXPECT_FALSE(batch.backing.empty());
  for (const Row& row : batch.rows) {
    EXPECT_NE(row.borrowed_content.data(), nullptr);
    EXPECT_TRUE(row.owned_content.empty());
  }
  RowBatch moved = std::move(batch);
  ExpectStackRow(moved.rows[0], 0);
  ExpectStackRow(moved.rows[3], 4);

  Row kept = std::move(moved.rows[1]);
  kept.OwnContent();
  moved.clear();
  EXPECT_EQ(kept.borrowed_content.data(), nullptr);
  ExpectStackRow(kept, 1);
}

TEST(ParquetRowSource, ReadsAChosenSubsetOfRowGroupsInPlanOrder) {
  std::vector<std::unique_ptr<RandomAccessFile>> files;
  files.push_back(Fixture("stack_rows.parquet"));
  std::vector<std::shared_ptr<const parquet::ParquetFileReader>> readers;
  ASSERT_TRUE(OpenParquetReaders(std::move(files), {}, &readers).ok());
  ASSERT_EQ(readers[0]->row_group_sizes(), (std::vector<int64_t>{5, 5, 2}));
  std::unique_ptr<ParquetRowSource> source;
  ASSERT_TRUE(ParquetRowSource::Open({{readers[0], {2, 0}}}, {}, &source).ok());
  EXPECT_EQ(source->planned_rows(), 7);
  std::vector<Row> rows;
  std::vector<RowError> errors;
  Drain(source.get(), 256, &rows, &errors);
  std::vector<std::string> origins;
  for (const Row& r : rows) origins.push_back(r.origin);
  EXPECT_EQ(origins,
            (std::vector<std::string>{"stack_rows.parquet row 10", "stack_rows.parquet row 11",
                                      "stack_rows.parquet row 0", "stack_rows.parquet row 1",
                                      "stack_rows.parquet row 2", "stack_rows.parquet row 4"}));
  ASSERT_EQ(errors.size(), 1u);
  // A row group the file does not have is refused at Open.
  Status s = ParquetRowSource::Open({{readers[0], {3}}}, {}, &source);
  EXPECT_TRUE(s.IsInvalidArgument()) << s.ToString();
}

TEST(ParquetRowSource, SeparateSourcesCanShareReadersAcrossThreads) {
  std::vector<std::unique_ptr<RandomAccessFile>> files;
  files.push_back(Fixture("stack_rows.parquet"));
  std::vector<std::shared_ptr<const parquet::ParquetFileReader>> readers;
  ASSERT_TRUE(OpenParquetReaders(std::move(files), {}, &readers).ok());
  std::vector<Row> rows_a, rows_b;
  std::vector<RowError> errors_a, errors_b;
  std::unique_ptr<ParquetRowSource> a, b;
  ASSERT_TRUE(ParquetRowSource::Open({{readers[0], {0, 1}}}, {}, &a).ok());
  ASSERT_TRUE(ParquetRowSource::Open({{readers[0], {2}}}, {}, &b).ok());
  std::thread ta([&] { Drain(a.get(), 256, &rows_a, &errors_a); });
  std::thread tb([&] { Drain(b.get(), 256, &rows_b, &errors_b); });
  ta.join();
  tb.join();
  EXPECT_EQ(rows_a.size() + errors_a.size(), 10u);
  ASSERT_EQ(rows_b.size(), 2u);
  ExpectStackRow(rows_b[1], 11);
}

TEST(ParquetRowSource, ReadsFilesInTheOrderGiven) {
  std::vector<std::unique_ptr<RandomAccessFile>> files;
  files.push_back(Fixture("stack_rows.parquet", "b.parquet"));
  files.push_back(Fixture("stack_rows.parquet", "a.parquet"));
  std::unique_ptr<ParquetRowSource> source;
  ASSERT_TRUE(OpenParquetRowSource(std::move(files), {}, &source).ok());
  std::vector<Row> rows;
  std::vector<RowError> errors;
  Drain(source.get(), 256, &rows, &errors);
  ASSERT_EQ(rows.size(), 20u);
  EXPECT_EQ(rows[0].origin, "b.parquet row 0");
  EXPECT_EQ(rows[10].origin, "a.parquet row 0");
  ExpectStackRow(rows[19], 11);
}

TEST(ParquetRowSource, ReadsFloat64SizesAndRejectsFractionalOnes) {
  std::vector<std::unique_ptr<RandomAccessFile>> files;
  files.push_back(Fixture("stack_rows_float_size.parquet"));
  std::unique_ptr<ParquetRowSource> source;
  ASSERT_TRUE(OpenParquetRowSource(std::move(files), {}, &source).ok());
  std::vector<Row> rows;
  std::vector<RowError> errors;
  Drain(source.get(), 256, &rows, &errors);
  ASSERT_EQ(rows.size(), 9u);
  EXPECT_EQ(rows[8].size, 111);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[2].origin, "stack_rows_float_size.parquet row 9");
  EXPECT_EQ(errors[2].reason, "malformed");
}

TEST(ParquetRowSource, RefusesFilesWithoutTheRequiredColumns) {
  std::vector<std::unique_ptr<RandomAccessFile>> files;
  files.push_back(Fixture("stack_rows_no_content.parquet"));
  std::unique_ptr<ParquetRowSource> source;
  Status s = OpenParquetRowSource(std::move(files), {}, &source);
  EXPECT_TRUE(s.IsInvalidArgument()) << s.ToString();
  EXPECT_NE(s.message().find("'content'"), std::string::npos) << s.ToString();

  // A required column of the wrong type.
  std::string wrong =
      pt::BuildFile({pt::Root(4), pt::Leaf("hexsha", parquet::kInt64, parquet::kOptional),
                     pt::Leaf("max_stars_repo_path", parquet::kByteArray, parquet::kOptional),
                     pt::Leaf("max_stars_repo_name", parquet::kByteArray, parquet::kOptional),
                     pt::Leaf("content", parquet::kByteArray, parquet::kOptional)},
                    {}, {});
  files.clear();
  files.push_back(NewMemoryFile("wrong.parquet", wrong));
  s = OpenParquetRowSource(std::move(files), {}, &source);
  EXPECT_EQ(s.code(), Status::Code::kNotSupported) << s.ToString();
  EXPECT_NE(s.message().find("'hexsha'"), std::string::npos) << s.ToString();
}

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/automend_parquet_XXXXXX";
    path_ = ::mkdtemp(tmpl);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }
  void Write(const std::string& name, const std::string& bytes) const {
    std::filesystem::create_directories(std::filesystem::path(path_ + "/" + name).parent_path());
    std::ofstream(path_ + "/" + name, std::ios::binary) << bytes;
  }

 private:
  std::string path_;
};

TEST(ParquetRowSource, ListsLocalFilesFoldersAndGlobsSortedByName) {
  TempDir dir;
  std::string fixture = pt::ReadFixture("stack_rows.parquet");
  dir.Write("b.parquet", fixture);
  dir.Write("a.parquet", fixture);
  dir.Write("notes.txt", "x");
  dir.Write("sub/c.parquet", fixture);
  std::vector<std::string> paths;
  ASSERT_TRUE(ListLocalParquetFiles(dir.path(), &paths).ok());
  EXPECT_EQ(paths,
            (std::vector<std::string>{dir.path() + "/a.parquet", dir.path() + "/b.parquet"}));
  ASSERT_TRUE(ListLocalParquetFiles(dir.path() + "/*/*.parquet", &paths).ok());
  EXPECT_EQ(paths, (std::vector<std::string>{dir.path() + "/sub/c.parquet"}));
  ASSERT_TRUE(ListLocalParquetFiles(dir.path() + "/b.parquet", &paths).ok());
  EXPECT_EQ(paths.size(), 1u);
  EXPECT_TRUE(ListLocalParquetFiles(dir.path() + "/missing.parquet", &paths).IsInvalidArgument());
  EXPECT_TRUE(ListLocalParquetFiles(dir.path() + "/*.nothing", &paths).IsInvalidArgument());
  EXPECT_TRUE(ListLocalParquetFiles(dir.path() + "/sub/..", &paths).ok());
  TempDir empty;
  EXPECT_TRUE(ListLocalParquetFiles(empty.path(), &paths).IsInvalidArgument());

  std::unique_ptr<ParquetRowSource> source;
  ASSERT_TRUE(OpenLocalParquetRowSource(dir.path(), {}, &source).ok());
  std::vector<Row> rows;
  std::vector<RowError> errors;
  Drain(source.get(), 256, &rows, &errors);
  ASSERT_EQ(rows.size(), 20u);
  EXPECT_EQ(rows[0].origin, dir.path() + "/a.parquet row 0");
}

}  // namespace
}  // namespace automend
