// LineReader: reads a text file line by line in blocks, for the stages that read JSONL
// records (validate, bias-detection). Memory is one block plus the longest line; a line
// longer than the limit is reported as too long and skipped without being held whole, so
// a hostile file cannot exhaust memory. Not thread-safe: one reader per thread.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace automend {

class LineReader {
 public:
  // Lines longer than this are skipped and reported with too_long.
  static constexpr size_t kDefaultMaxLineBytes = size_t{512} << 20;

  static Status Open(const std::string& path, std::unique_ptr<LineReader>* reader,
                     size_t max_line_bytes = kDefaultMaxLineBytes);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Reads the next line (without its '\n') into *line, valid until the next call. *got is
  // false at the end of the file; *too_long is true (and *line empty) for a line over the
  // limit. A last line without '\n' is a line.
  Status Next(std::string_view* line, bool* got, bool* too_long);

  // 1-based number of the line last returned.
  uint64_t line_number() const { return line_number_; }
  const std::string& path() const { return path_; }

 private:
  LineReader(std::string path, std::FILE* file, size_t max_line_bytes);

  std::string path_;
  std::FILE* file_;
  size_t max_line_bytes_;
  std::string buffer_;
  size_t buffer_pos_ = 0;
  bool eof_ = false;
  std::string line_;
  uint64_t line_number_ = 0;
};

}  // namespace automend
