// RowSource: the interface every input plugs into (JSONL rows, a folder of YAML files,
// parquet files, the Hugging Face hub). A source yields rows in a fixed order, batch by
// batch, so memory stays bounded by the batch size. Not thread-safe: one reader at a time.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "sources/row.h"

namespace automend {

// A batch read in source order whose decoding may run on any thread: JSONL lines are
// parsed by the worker that then processes the rows, so reading stays cheap and in order.
class PendingBatch {
 public:
  virtual ~PendingBatch() = default;
  // Decodes into `batch` (replacing its contents). Called once, from any thread. An error
  // means the source itself failed (an unreadable row group), as for NextBatch.
  virtual Status Decode(RowBatch* batch) = 0;
};

class RowSource {
 public:
  virtual ~RowSource() = default;

  // Replaces `batch` with the next rows (and undecodable rows) in source order. An empty
  // batch with OK means the source is exhausted. A non-OK status means the source itself
  // failed (unreadable file, lost server) and no further rows can be trusted.
  // A source overrides this or NextPending (each defaults to the other).
  virtual Status NextBatch(RowBatch* batch);

  // The next batch, not yet decoded; nullptr with OK at the end. Errors as NextBatch.
  virtual Status NextPending(std::unique_ptr<PendingBatch>* pending);

  // What this source reads, for logs and reports ("jsonl:data/raw/rows.jsonl").
  virtual std::string Describe() const = 0;

  // Share of the input consumed so far in [0, 1], for progress and ETA; negative if unknown.
  virtual double Fraction() const { return -1; }
};

// Options a source may need besides its location.
struct SourceOptions {
  std::vector<std::string> default_licenses;  // for YAML folders, which carry no metadata
  size_t batch_rows = 256;
  size_t batch_bytes = 8 << 20;  // a batch ends early once its content reaches this size
  // JSONL rows may keep their content escaped (Row::escaped_content) for a reader that
  // decodes it only when needed; preprocess does, the other stages read every row's text.
  bool escaped_content = false;
};

// Opens the source named by `location` (see the README: a .jsonl file, a .parquet file,
// a folder of parquet files, a folder of YAML files, or hf://datasets/...).
Status OpenRowSource(const std::string& location, const SourceOptions& options,
                     std::unique_ptr<RowSource>* source);

// The local files `location` consists of (a .jsonl file, the parquet files of a file,
// folder or glob, the YAML files of a folder), for change detection; empty for the hub.
std::vector<std::string> LocalSourceFiles(const std::string& location);

}  // namespace automend
