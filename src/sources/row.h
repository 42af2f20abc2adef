// Row: one input file with its metadata, as one row of The Stack's parquet schema. Only
// the columns the pipeline uses are kept. Rows are plain values, moved between threads.
#pragma once

#include <cassert>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/json/json_reader.h"

namespace automend {

struct Row {
  std::string hexsha;
  int64_t size = -1;  // the source's `size` column; -1 when the source has none
  std::string ext;
  std::string lang;
  std::string path;  // max_stars_repo_path
  std::string repo;  // max_stars_repo_name
  std::vector<std::string> licenses;  // max_stars_repo_licenses
  // The file's raw bytes, not yet known to be UTF-8; read them with content(). A source
  // either stores them in `owned_content` or, to skip copying what can be tens of
  // megabytes a batch, points `borrowed_content` into memory its RowBatch keeps alive
  // (RowBatch::backing). A row with borrowed content must not outlive its batch.
  std::string owned_content;
  std::string_view borrowed_content;
  // Or, only from a JSONL source asked for it (SourceOptions::escaped_content), the content
  // still as the JSON string literal it was read from, borrowed like borrowed_content, so
  // that a row the cheap gates reject on that text is never decoded (EscapedGates).
  // JsonlSource leaves only literals without needless escapes or lone surrogates escaped
  // (JsonStringSpan); content_size() is exact. DecodeContent() turns it into
  // owned_content; content() must not be called before.
  JsonStringSpan escaped_content;
  std::string origin;  // where it came from, for messages ("rows.jsonl:12")

  bool content_escaped() const { return !escaped_content.empty(); }
  std::string_view content() const {
    assert(!content_escaped());
    return borrowed_content.data() != nullptr ? borrowed_content : std::string_view(owned_content);
  }
  // The length of content(), also while it is escaped.
  size_t content_size() const {
    return content_escaped() ? escaped_content.decoded_size() : content().size();
  }
  void DecodeContent() {
    if (!content_escaped()) return;
    owned_content = DecodeJsonString(escaped_content);
    escaped_content = {};
  }
  // Copies borrowed content into the row, so that it may outlive its batch.
  void OwnContent() {
    DecodeContent();
    if (borrowed_content.data() == nullptr) return;
    owned_content.assign(borrowed_content);
    borrowed_content = {};
  }
};

// A row the source could not decode (a JSONL line that is not JSON, a row missing a
// required column). It is counted under `reason` and the run goes on.
struct RowError {
  std::string origin;  // "rows.jsonl:12", "shard.parquet row group 3"
  std::string reason;  // short stable key for counts: "malformed", "missing_field"
  std::string detail;  // human explanation
};

// A batch owns what its rows borrow: move or keep the batch whole, never its rows alone.
struct RowBatch {
  std::vector<Row> rows;
  std::vector<RowError> errors;
  std::vector<std::shared_ptr<const void>> backing;  // what rows' borrowed_content points into
  bool empty() const { return rows.empty() && errors.empty(); }
  void clear() {
    rows.clear();
    errors.clear();
    backing.clear();
  }
};

}  // namespace automend
