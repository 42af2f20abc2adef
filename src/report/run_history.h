// RunHistory: the run log (logs/run_log.jsonl) read as runs instead of lines. Entries are
// grouped by run_id in the order runs first appear; each run knows its span, how many
// stages ran, were skipped or failed, its outcome, and the status of every pipeline stage,
// including those it never reached because an earlier one failed. The run report draws
// the stage graph, the Gantt chart and the table of recent runs from this. Pure functions
// over values; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "runner/run_log.h"

namespace automend {

// The stages of `automend run` in order (runner/pipeline.cc builds them; a test keeps
// the two lists equal).
const std::vector<std::string>& PipelineStageNames();

struct RunSummary {
  std::string run_id;
  double start = 0;  // the earliest start and latest end of its entries
  double end = 0;
  int ran = 0;
  int skipped = 0;
  int failed = 0;
  std::string failed_stage;         // the first failed stage, if any
  std::vector<RunLogEntry> stages;  // in log order

  double seconds() const { return end - start; }
  // "failed" when a stage failed, "succeeded" when every pipeline stage ran or was
  // skipped, "incomplete" otherwise (a run killed half-way).
  std::string outcome() const;
  // The entry of `stage`, or nullptr when the run did not reach it.
  const RunLogEntry* Find(const std::string& stage) const;
  // "ran", "skipped", "failed" or "not reached".
  std::string StatusOf(const std::string& stage) const;
};

// Runs in the order they first appear in the log (oldest first). Entries without a
// run_id are left out.
std::vector<RunSummary> GroupRuns(const std::vector<RunLogEntry>& entries);

}  // namespace automend
