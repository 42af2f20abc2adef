// The download stage: reads `sample_rows` rows (or all) from the configured source into
// `<raw_dir>/rows.jsonl` (The Stack's schema, one JSON object a line) and writes
// `<raw_dir>/manifest.lock.json`, which pins what was read: the source, the revision's
// commit, each file's size, ETag and content hash, the row groups read, the row counts
// and the seed. Parquet sources (local or on the hub) are sampled by a seeded choice of
// row groups spread over all shards (sources/sample_plan.h); JSONL files and YAML folders
// have no row groups and give their first `sample_rows` distinct rows. With `sample_rows:
// all` on a parquet source nothing is copied: the lock alone pins the files and the later
// stages stream the source (rows.jsonl is then absent). Repeated hexsha
// values are dropped. The same config and source give byte-identical outputs; when a file
// differs from what the previous lock recorded, the run says so.
#pragma once

#include <string>

#include "config/config.h"

namespace automend {

struct DownloadOptions {
  std::string source;     // overrides config.source when set
  int64_t sample_rows = 0;  // overrides config.sample_rows when non-zero (-1: all)
  bool progress = false;
};

struct DownloadStats {
  int64_t rows_read = 0;
  int64_t duplicates = 0;
  int64_t undecodable = 0;
  int64_t rows_written = 0;
  int64_t content_bytes = 0;
  std::vector<std::string> changed_files;  // files that differ from the previous lock
};

Status RunDownload(const Config& config, const DownloadOptions& options, DownloadStats* stats);

}  // namespace automend
