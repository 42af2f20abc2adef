// JsonlSource: rows in The Stack's schema, one JSON object a line (the download stage's
// raw sample is written this way too). The file is read in blocks into shared buffers; a
// batch is a run of whole lines in one buffer, which it keeps alive, with the line ends
// found while reading, so lines are neither copied nor searched again (only the partial
// line at a full buffer's end is copied into the next). A block's lines are decoded by
// whichever thread processes it (PendingBatch), so reading stays cheap and in order while
// parsing runs in parallel. Memory is the buffers of the batches in flight plus the
// longest line. A line that is not a JSON object, or lacks `content` or
// `max_stars_repo_path`, becomes a RowError with its line number; the run goes on. A
// missing `hexsha` is computed as the content's git blob id. With
// SourceOptions::escaped_content, rows borrow their content, still escaped, from the
// buffer (the batch keeps it alive). A file that ends before the size it had when opened
// (truncated while being read) is an IOError, not a short input.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sources/row_source.h"

namespace automend {

// Lines longer than this are reported as malformed and skipped without being held whole.
constexpr size_t kMaxJsonlLineBytes = size_t{512} << 20;

class JsonlSource final : public RowSource {
 public:
  static Status Open(const std::string& path, const SourceOptions& options,
                     std::unique_ptr<RowSource>* source);
  ~JsonlSource() override;

  Status NextPending(std::unique_ptr<PendingBatch>* pending) override;
  std::string Describe() const override { return "jsonl:" + path_; }
  double Fraction() const override;

 private:
  JsonlSource(std::string path, std::FILE* file, const SourceOptions& options);
  // Appends up to one block of the file to the buffer; sets eof_ at the end.
  Status ReadBlock();
  std::string_view Unread() const { return std::string_view(buffer_.get() + head_, tail_ - head_); }

  std::string path_;
  std::FILE* file_;
  SourceOptions options_;
  // Bytes read but not yet handed out are buffer_[head_, tail_): a manual buffer, because
  // std::string would zero every block before fread overwrites it. Batches share it and
  // read bytes before head_ only: blocks are appended in place, but unread bytes are moved
  // to its start only once no batch holds it.
  std::shared_ptr<char[]> buffer_;
  size_t capacity_ = 0;
  size_t head_ = 0;
  size_t tail_ = 0;
  // The unread bytes before head_ + scanned_ have been searched for line ends; the ends
  // found ('\n' offsets from head_, at most batch_rows) are those of the next batch.
  size_t scanned_ = 0;
  std::vector<size_t> line_ends_;
  bool eof_ = false;
  bool skipping_ = false;    // inside an over-long line, dropping bytes up to its end
  uint64_t next_line_ = 1;   // line number of the first unread line
  uint64_t file_bytes_ = 0;
  uint64_t consumed_bytes_ = 0;
};

// Decodes one JSON line in The Stack's schema into `row` (or `error`). Returns true for a row.
// With `escaped_content` the row's content may stay escaped (Row::escaped_content, pointing
// into `line`): when its literal has no needless escape (\/, \u0041) or lone surrogate and
// the row has its `hexsha`.
bool DecodeStackRow(std::string_view line, const std::string& origin, Row* row, RowError* error,
                    bool escaped_content = false);

}  // namespace automend
