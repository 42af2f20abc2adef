#include "sources/jsonl_source.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/io/atomic_file.h"
#include "core/json/json_reader.h"
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

// DecodeStackRow walks the row once, decoding only the columns it uses and skipping the
// other 21 of The Stack's schema unbuilt; these pin that it still decides as json.loads.
bool Decode(std::string_view line, Row* row, RowError* error) {
  return DecodeStackRow(line, "rows.jsonl:7", row, error);
}

TEST(DecodeStackRow, LastDuplicateColumnWins) {
  Row row;
  RowError error;
  ASSERT_TRUE(Decode(R"({"content": "a", "max_stars_repo_path": "p.yaml", "content": "b",)"
                     R"( "size": 1, "size": 2, "max_stars_repo_licenses": ["MIT"],)"
                     R"( "max_stars_repo_licenses": ["BSD-3-Clause", "ISC"]})",
                     &row, &error))
      << error.detail;
  EXPECT_EQ(row.content(), "b");
  EXPECT_EQ(row.size, 2);
  EXPECT_EQ(row.licenses, (std::vector<std::string>{"BSD-3-Clause", "ISC"}));
  EXPECT_EQ(row.origin, "rows.jsonl:7");
  // A later member that is not a string replaces an earlier string.
  EXPECT_FALSE(
      Decode(R"({"content": "a", "max_stars_repo_path": "p", "content": 1})", &row, &error));
  EXPECT_EQ(error.reason, "missing_field");
  EXPECT_EQ(error.detail, "no string 'content'");
}

TEST(DecodeStackRow, MissingOrMistypedColumns) {
  Row row;
  RowError error;
  EXPECT_FALSE(Decode(R"({"max_stars_repo_path": "p"})", &row, &error));
  EXPECT_EQ(error.reason, "missing_field");
  EXPECT_EQ(error.detail, "no string 'content'");
  EXPECT_FALSE(Decode(R"({"content": "c", "max_stars_repo_path": null})", &row, &error));
  EXPECT_EQ(error.detail, "no string 'max_stars_repo_path'");
  EXPECT_FALSE(
      Decode(R"({"content": "c", "max_stars_repo_path": "p", "max_stars_repo_licenses": "MIT"})",
             &row, &error));
  EXPECT_EQ(error.reason, "malformed");
  EXPECT_EQ(error.detail, "'max_stars_repo_licenses' is not a list");
  EXPECT_FALSE(
      Decode(R"({"content": "c", "max_stars_repo_path": "p", "max_stars_repo_licenses": [1]})",
             &row, &error));
  EXPECT_EQ(error.detail, "a license that is not a string");
  EXPECT_FALSE(Decode(R"(["content", "c"])", &row, &error));
  EXPECT_EQ(error.detail, "not a JSON object");
  // Optional columns of the wrong type are ignored; a missing hexsha is computed.
  ASSERT_TRUE(Decode(R"({"content": "c", "max_stars_repo_path": "p", "size": 1.5, "ext": 3,)"
                     R"( "hexsha": null, "max_stars_repo_licenses": null})",
                     &row, &error));
  EXPECT_EQ(row.size, -1);
  EXPECT_EQ(row.ext, "");
  EXPECT_EQ(row.hexsha.size(), 40u);
  EXPECT_TRUE(row.licenses.empty());
}

TEST(DecodeStackRow, SkippedColumnsAreStillValidated) {
  const std::string good = R"({"content": "c", "max_stars_repo_path": "p", )";
  Row row;
  RowError error;
  // Nested arrays and objects, NaN and Infinity, odd whitespace: all skipped, all fine.
  EXPECT_TRUE(Decode(" \t" + good +
                         "\"x\" :\n[1, {\"y\": [[], {}], \"z\": null}, -0.5e-3, \"s\\u00e9\"],"
                         " \"n\": NaN, \"i\": -Infinity, \"j\": Infinity, \"t\": true} \r",
                     &row, &error))
      << error.detail;
  EXPECT_EQ(row.content(), "c");
  for (std::string_view bad : {R"("bad \x escape")", "\"raw \x01 control\"", R"("\u12")", "[1, 2,]",
                               R"({"k" 1})", "01", "tru", R"({"a": [})", "nan"}) {
    std::string line = good + "\"skipped\": " + std::string(bad) + "}";
    EXPECT_FALSE(Decode(line, &row, &error)) << line;
    EXPECT_EQ(error.reason, "malformed") << line;
    JsonValue whole;
    EXPECT_EQ(error.detail, "not JSON: " + ParseJson(line, &whole).message()) << line;
  }
  EXPECT_FALSE(Decode(good + "\"a\": 1} extra", &row, &error));
  EXPECT_EQ(error.reason, "malformed");
}

TEST(DecodeStackRow, EscapedKeysNameTheirColumns) {
  Row row;
  RowError error;
  ASSERT_TRUE(Decode(R"({"\u0063ontent": "c\n", "max_stars_repo_pat\u0068": "p"})", &row, &error))
      << error.detail;
  EXPECT_EQ(row.content(), "c\n");
  EXPECT_EQ(row.path, "p");
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

// Batches point into the source's read buffers instead of copying their lines: a batch
// decoded long after later reads (as with many workers) must still see its own lines,
// across buffer changes, lines longer than a read block and blank lines.
TEST(JsonlSource, BatchesHeldUndecodedSurviveLaterReads) {
  TempDir dir;
  std::string path = dir.path() + "/rows.jsonl";
  std::string text;
  std::vector<std::pair<uint64_t, std::string>> expected;  // line number, content
  uint64_t line = 1;
  for (int i = 0; text.size() < (40u << 20); ++i, ++line) {
    if (i % 13 == 5) {
      text += " \t\n";
      continue;
    }
    size_t length = i % 97 == 0 ? (3u << 20) + static_cast<size_t>(i)
                                : 1000 + static_cast<size_t>(i) * 7 % 50000;
    std::string content = std::to_string(i) + std::string(length, 'a' + i % 26);
    text += "{\"max_stars_repo_path\": \"a.yaml\", \"content\": \"" + content + "\\n\"}\n";
    expected.emplace_back(line, content + "\n");
  }
  ASSERT_TRUE(WriteFileAtomically(path, text).ok());
  SourceOptions opts;
  opts.batch_rows = 7;
  std::unique_ptr<RowSource> src;
  ASSERT_TRUE(JsonlSource::Open(path, opts, &src).ok());
  std::vector<std::unique_ptr<PendingBatch>> held;
  while (true) {
    std::unique_ptr<PendingBatch> pending;
    ASSERT_TRUE(src->NextPending(&pending).ok());
    if (!pending) break;
    held.push_back(std::move(pending));
  }
  size_t next = 0;
  for (auto& pending : held) {
    RowBatch batch;
    ASSERT_TRUE(pending->Decode(&batch).ok());
    ASSERT_TRUE(batch.errors.empty()) << batch.errors[0].detail;
    for (const Row& row : batch.rows) {
      ASSERT_LT(next, expected.size());
      ASSERT_EQ(row.origin, path + ":" + std::to_string(expected[next].first));
      ASSERT_EQ(row.content(), expected[next].second) << row.origin;
      ++next;
    }
  }
  EXPECT_EQ(next, expected.size());
}

// With escaped_content, rows carry their content as the literal in the read buffer, which
// their batch keeps alive after the source and the undecoded batch are gone.
TEST(JsonlSource, EscapedContentIsBorrowedFromTheBatch) {
  TempDir dir;
  std::string path = dir.path() + "/rows.jsonl";
  std::string text;
  for (int i = 0; text.size() < (3u << 20); ++i)
    text += "{\"hexsha\": \"h" + std::to_string(i) + "\", \"max_stars_repo_path\": \"a.yaml\", "
            "\"content\": \"" + std::to_string(i) + std::string(1000, 'a') + "\\n\\\"\"}\n";
  text += R"({"hexsha": "u", "max_stars_repo_path": "a.yaml", "content": "\u0041\n"})" "\n";
  text += R"({"max_stars_repo_path": "a.yaml", "content": "b\n"})" "\n";
  ASSERT_TRUE(WriteFileAtomically(path, text).ok());
  SourceOptions opts;
  opts.batch_rows = 100;
  opts.escaped_content = true;
  std::vector<RowBatch> batches;
  {
    std::unique_ptr<RowSource> src;
    ASSERT_TRUE(JsonlSource::Open(path, opts, &src).ok());
    RowBatch batch;
    while (src->NextBatch(&batch).ok() && !batch.empty()) batches.push_back(std::move(batch));
  }
  std::vector<Row> rows;
  for (RowBatch& b : batches)
    for (Row& r : b.rows) rows.push_back(std::move(r));
  ASSERT_GT(rows.size(), 2u);
  for (size_t i = 0; i + 2 < rows.size(); ++i) {
    Row& row = rows[i];
    ASSERT_TRUE(row.content_escaped());
    std::string want = std::to_string(i) + std::string(1000, 'a') + "\n\"";
    EXPECT_EQ(row.escaped_content.body(), std::to_string(i) + std::string(1000, 'a') + "\\n\\\"");
    EXPECT_EQ(row.content_size(), want.size());
    row.DecodeContent();
    ASSERT_EQ(row.content(), want);
  }
  EXPECT_FALSE(rows[rows.size() - 2].content_escaped());  // a \u escape: decoded at once
  EXPECT_EQ(rows[rows.size() - 2].content(), "A\n");
  EXPECT_FALSE(rows.back().content_escaped());  // no hexsha: its blob id needs the text
  EXPECT_EQ(rows.back().hexsha.size(), 40u);
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
