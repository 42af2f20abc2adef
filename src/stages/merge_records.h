// Merge of a fanned-out preprocess: shard i was preprocessed alone into
// `<dir>/<name>.jsonl` with its report `<name>.report.json` and its rejected rows
// `<name>.rejects.jsonl` beside it (`automend preprocess --input SHARD --output ...
// --report ... --rejects ...`). Merging the shards in shard order gives the records, byte
// for byte, and the report counts of one preprocess over all the shards' rows in the same
// order:
//
// - records are concatenated in shard order, each line unchanged, and dedup by
//   metadata.hexsha is applied again across shards (the first occurrence wins, using the
//   preprocess stage's fingerprints);
// - a shard's rejected rows take part in that dedup too: a row rejected in an earlier
//   shard still hides a later record with its hexsha, as it would in one run (without the
//   rejects file the merge can only dedup records against records, and says so);
// - report counts are summed; a record or rejected row whose hexsha came in an earlier
//   shard is moved to `duplicate`, and what its record's metadata tells (iac_type,
//   prompt_type, its redactions) is taken back. Records carry only the total of their
//   redactions, so the per-class counts are read from the replacement tokens in the text
//   when these add up to that total; when they do not (the file contained a token
//   literally) the classes stay counted and `unattributed_redactions` says how many.
//   Examples are the first few of each shard's, in shard order.
//
// Output files are written atomically. Not thread-safe; one merge at a time per output.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/json/json_reader.h"
#include "core/status.h"
#include "stages/preprocess.h"

namespace automend {

struct MergeRecordsOptions {
  std::vector<std::string> shard_outputs;  // the shards' record files, in shard order
  std::string output;                      // the merged records
  std::string report;                      // the merged report; empty: none (shard reports unused)
};

struct MergeRecordsStats {
  int64_t shards = 0;
  int64_t records_in = 0;  // record lines read from the shards
  int64_t records_out = 0;
  int64_t duplicate_records = 0;        // records dropped: their hexsha came in an earlier shard
  int64_t duplicate_rejects = 0;        // rejected rows whose hexsha came in an earlier shard
  int64_t shards_without_rejects = 0;   // shards merged without their rejects file
  int64_t unattributed_redactions = 0;  // of dropped records, left in the per-class counts
  PreprocessStats report;               // the merged report (when options.report is set)
};

// The sidecar files of a shard output: "x/00001.jsonl" -> "x/00001.report.json",
// "x/00001.rejects.jsonl" (a name without .jsonl gets the suffix appended).
std::string ShardReportPath(const std::string& shard_output);
std::string ShardRejectsPath(const std::string& shard_output);

// Reads a preprocess report (PreprocessStats::ToJson) back; InvalidArgument naming the key
// when it is not one.
Status PreprocessStatsFromJson(const JsonValue& json, PreprocessStats* stats);

Status RunMergeRecords(const MergeRecordsOptions& options, MergeRecordsStats* stats);

}  // namespace automend
