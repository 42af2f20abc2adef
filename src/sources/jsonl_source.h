// JsonlSource: rows in The Stack's schema, one JSON object a line (the download stage's
// raw sample is written this way too). Streams the file in blocks, so memory is one block
// plus the longest line. A line that is not a JSON object, or lacks `content` or
// `max_stars_repo_path`, becomes a RowError with its line number; the run goes on.
// A missing `hexsha` is computed as the content's git blob id.
#pragma once

#include <cstdio>
#include <memory>
#include <string>

#include "sources/row_source.h"

namespace automend {

// Lines longer than this are reported as malformed and skipped without being held whole.
constexpr size_t kMaxJsonlLineBytes = size_t{512} << 20;

class JsonlSource final : public RowSource {
 public:
  static Status Open(const std::string& path, const SourceOptions& options,
                     std::unique_ptr<RowSource>* source);
  ~JsonlSource() override;

  Status NextBatch(RowBatch* batch) override;
  std::string Describe() const override { return "jsonl:" + path_; }
  double Fraction() const override;

 private:
  JsonlSource(std::string path, std::FILE* file, const SourceOptions& options);
  // Reads the next line into `line_` (without '\n'); false at end of file.
  Status ReadLine(bool* got, bool* too_long);

  std::string path_;
  std::FILE* file_;
  SourceOptions options_;
  std::string buffer_;
  size_t buffer_pos_ = 0;
  bool eof_ = false;
  std::string line_;
  uint64_t line_number_ = 0;
  uint64_t file_bytes_ = 0;
  uint64_t consumed_bytes_ = 0;
};

// Decodes one JSON line in The Stack's schema into `row` (or `error`). Returns true for a row.
bool DecodeStackRow(std::string_view line, const std::string& origin, Row* row, RowError* error);

}  // namespace automend
