#include "core/io/line_reader.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/io/atomic_file.h"
#include "test_util.h"

namespace automend {
namespace {

struct Line {
  std::string text;
  bool too_long;
  uint64_t number;
};

std::vector<Line> ReadAll(const std::string& path, size_t max_line) {
  std::unique_ptr<LineReader> reader;
  EXPECT_TRUE(LineReader::Open(path, &reader, max_line).ok());
  std::vector<Line> lines;
  while (true) {
    std::string_view line;
    bool got, too_long;
    EXPECT_TRUE(reader->Next(&line, &got, &too_long).ok());
    if (!got) break;
    lines.push_back({std::string(line), too_long, reader->line_number()});
  }
  return lines;
}

TEST(LineReader, ReturnsEveryLineWithItsNumberAndALastLineWithoutNewline) {
  TempDir dir;
  const std::string path = dir.path() + "/f.jsonl";
  ASSERT_TRUE(WriteFileAtomically(path, "one\n\nthree\r\nfour").ok());
  auto lines = ReadAll(path, 100);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].text, "one");
  EXPECT_EQ(lines[1].text, "");
  EXPECT_EQ(lines[2].text, "three\r");  // bytes are kept; JSON treats \r as whitespace
  EXPECT_EQ(lines[3].text, "four");
  EXPECT_EQ(lines[3].number, 4u);
}

TEST(LineReader, SkipsAnOverlongLineWithoutLosingTheNext) {
  TempDir dir;
  const std::string path = dir.path() + "/f.jsonl";
  ASSERT_TRUE(WriteFileAtomically(path, "short\n" + std::string(50, 'x') + "\nafter\n").ok());
  auto lines = ReadAll(path, 10);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_FALSE(lines[0].too_long);
  EXPECT_TRUE(lines[1].too_long);
  EXPECT_EQ(lines[1].text, "");
  EXPECT_EQ(lines[2].text, "after");
  EXPECT_EQ(lines[2].number, 3u);
}

TEST(LineReader, EmptyFileHasNoLines) {
  TempDir dir;
  const std::string path = dir.path() + "/empty";
  ASSERT_TRUE(WriteFileAtomically(path, "").ok());
  EXPECT_TRUE(ReadAll(path, 10).empty());
}

TEST(LineReader, MissingFileIsAnIoErrorNamingIt) {
  std::unique_ptr<LineReader> reader;
  Status s = LineReader::Open("/nonexistent/records.jsonl", &reader);
  EXPECT_TRUE(s.IsIOError());
  EXPECT_NE(s.message().find("/nonexistent/records.jsonl"), std::string::npos);
}

}  // namespace
}  // namespace automend
