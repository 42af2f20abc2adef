#include "sources/jsonl_source.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/atomic_file.h"
#include "test_util.h"

namespace automend {
namespace {

TEST(JsonlSource, RowsAndUndecodableLinesWithLineNumbers) {
  TempDir dir;
  std::string path = dir.path() + "/rows.jsonl";
  ASSERT_TRUE(WriteFileAtomically(
                  path,
                  "{\"hexsha\": \"h1\", \"max_stars_repo_path\": \"a.yaml\", \"content\": \"x\\ny\", "
                  "\"max_stars_repo_licenses\": [\"MIT\"], \"size\": 3, \"max_stars_repo_name\": \"o/r\"}\n"
                  "not json at all\n"
                  "\n"
                  "[1, 2]\n"
                  "{\"max_stars_repo_path\": \"b.yml\"}\n"
                  "{\"max_stars_repo_path\": \"c.yml\", \"content\": \"\\udcff\", \"max_stars_repo_licenses\": null}")
                  .ok());
  std::unique_ptr<RowSource> src;
  ASSERT_TRUE(JsonlSource::Open(path, SourceOptions(), &src).ok());
  RowBatch batch, part;
  while (src->NextBatch(&part).ok() && !part.empty()) {  // the last line has no '\n'
    for (auto& r : part.rows) batch.rows.push_back(std::move(r));
    for (auto& e : part.errors) batch.errors.push_back(std::move(e));
  }
  ASSERT_EQ(batch.rows.size(), 2u);
  EXPECT_EQ(batch.rows[0].content(), "x\ny");
  EXPECT_EQ(batch.rows[0].licenses, std::vector<std::string>{"MIT"});
  EXPECT_EQ(batch.rows[0].repo, "o/r");
  EXPECT_EQ(batch.rows[0].origin, path + ":1");
  EXPECT_EQ(batch.rows[1].content(), "\xFF");  // surrogateescape back to the byte
  EXPECT_EQ(batch.rows[1].hexsha.size(), 40u);  // computed git blob id
  ASSERT_EQ(batch.errors.size(), 3u);
  EXPECT_EQ(batch.errors[0].origin, path + ":2");
  EXPECT_EQ(batch.errors[0].reason, "malformed");
  EXPECT_EQ(batch.errors[1].origin, path + ":4");
  EXPECT_EQ(batch.errors[2].reason, "missing_field");
  ASSERT_TRUE(src->NextBatch(&batch).ok());
  EXPECT_TRUE(batch.empty());
}

TEST(JsonlSource, MissingFileIsAnIoError) {
  std::unique_ptr<RowSource> src;
  Status s = JsonlSource::Open("/nonexistent/rows.jsonl", SourceOptions(), &src);
  EXPECT_TRUE(s.IsIOError());
  EXPECT_EQ(s.ExitCode(), 3);
}

TEST(JsonlSource, BatchesAreBoundedByRows) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 1000; ++i)
    text += "{\"max_stars_repo_path\": \"a.yaml\", \"content\": \"" + std::to_string(i) + "\"}\n";
  std::string path = dir.path() + "/rows.jsonl";
  ASSERT_TRUE(WriteFileAtomically(path, text).ok());
  SourceOptions opts;
  opts.batch_rows = 300;
  std::unique_ptr<RowSource> src;
  ASSERT_TRUE(JsonlSource::Open(path, opts, &src).ok());
  RowBatch batch;
  size_t total = 0, batches = 0;
  while (src->NextBatch(&batch).ok() && !batch.empty()) {
    EXPECT_LE(batch.rows.size(), 300u);
    EXPECT_EQ(batch.rows.front().content(), std::to_string(total));
    total += batch.rows.size();
    ++batches;
  }
  EXPECT_EQ(total, 1000u);
  EXPECT_EQ(batches, 4u);
}

// Regression (found by jsonl_row_fuzzer): a block of blank lines decoded to an empty
// batch, which NextBatch callers take for the end of the source, so every later row was
// silently dropped.
TEST(JsonlSource, BlankLinesAtABatchEdgeDoNotEndTheSource) {
  TempDir dir;
  std::string row = "{\"max_stars_repo_path\": \"a.yaml\", \"content\": \"x\"}\n";
  std::string path = dir.path() + "/rows.jsonl";
  ASSERT_TRUE(WriteFileAtomically(path, row + "\n \n\t\n" + row + "not json").ok());
  SourceOptions opts;
  opts.batch_rows = 2;
  std::unique_ptr<RowSource> src;
  ASSERT_TRUE(JsonlSource::Open(path, opts, &src).ok());
  RowBatch batch;
  size_t rows = 0, errors = 0;
  while (src->NextBatch(&batch).ok() && !batch.empty()) {
    rows += batch.rows.size();
    errors += batch.errors.size();
  }
  EXPECT_EQ(rows, 2u);
  EXPECT_EQ(errors, 1u);
}

TEST(JsonlSource, FileTruncatedWhileBeingReadIsAnIoError) {
  TempDir dir;
  std::string path = dir.path() + "/rows.jsonl";
  std::string row = "{\"max_stars_repo_path\": \"a.yaml\", \"content\": \"" + std::string(1000, 'x') + "\"}\n";
  std::string text;
  while (text.size() < (3u << 20)) text += row;  // three read blocks
  ASSERT_TRUE(WriteFileAtomically(path, text).ok());
  SourceOptions opts;
  opts.batch_rows = 1;
  std::unique_ptr<RowSource> src;
  ASSERT_TRUE(JsonlSource::Open(path, opts, &src).ok());
  RowBatch batch;
  ASSERT_TRUE(src->NextBatch(&batch).ok());
  ASSERT_EQ(batch.rows.size(), 1u);
  std::filesystem::resize_file(path, 1u << 20);
  Status s;
  while ((s = src->NextBatch(&batch)).ok() && !batch.empty()) {
  }
  ASSERT_TRUE(s.IsIOError()) << s.ToString();
  EXPECT_NE(s.message().find("truncated while being read"), std::string::npos) << s.message();
  EXPECT_EQ(s.ExitCode(), 3);
}

}  // namespace
}  // namespace automend
