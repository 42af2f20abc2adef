// Row: one input file with its metadata, as one row of The Stack's parquet schema. Only
// the columns the pipeline uses are kept. Rows are plain values, moved between threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace automend {

struct Row {
  std::string hexsha;
  int64_t size = -1;  // the source's `size` column; -1 when the source has none
  std::string ext;
  std::string lang;
  std::string path;  // max_stars_repo_path
  std::string repo;  // max_stars_repo_name
  std::vector<std::string> licenses;  // max_stars_repo_licenses
  std::string content;  // raw bytes; not yet known to be UTF-8
  std::string origin;   // where it came from, for messages ("rows.jsonl:12")
};

// A row the source could not decode (a JSONL line that is not JSON, a row missing a
// required column). It is counted under `reason` and the run goes on.
struct RowError {
  std::string origin;  // "rows.jsonl:12", "shard.parquet row group 3"
  std::string reason;  // short stable key for counts: "malformed", "missing_field"
  std::string detail;  // human explanation
};

struct RowBatch {
  std::vector<Row> rows;
  std::vector<RowError> errors;
  bool empty() const { return rows.empty() && errors.empty(); }
  void clear() {
    rows.clear();
    errors.clear();
  }
};

}  // namespace automend
