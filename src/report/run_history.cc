#include "report/run_history.h"

#include <algorithm>
#include <map>

namespace automend {

const std::vector<std::string>& PipelineStageNames() {
  static const std::vector<std::string> kNames = {"download", "analyze",       "preprocess",
                                                  "validate", "anomaly_check", "bias_detection"};
  return kNames;
}

std::string RunSummary::outcome() const {
  if (failed > 0) return "failed";
  for (const std::string& stage : PipelineStageNames())
    if (!Find(stage)) return "incomplete";
  return "succeeded";
}

const RunLogEntry* RunSummary::Find(const std::string& stage) const {
  // The last entry wins, should a stage appear twice in one run.
  for (auto it = stages.rbegin(); it != stages.rend(); ++it)
    if (it->stage == stage) return &*it;
  return nullptr;
}

std::string RunSummary::StatusOf(const std::string& stage) const {
  const RunLogEntry* e = Find(stage);
  if (!e) return "not reached";
  if (e->status == "ran" || e->status == "skipped" || e->status == "failed") return e->status;
  return "not reached";
}

std::vector<RunSummary> GroupRuns(const std::vector<RunLogEntry>& entries) {
  std::vector<RunSummary> runs;
  std::map<std::string, size_t> index;
  for (const RunLogEntry& e : entries) {
    if (e.run_id.empty()) continue;
    auto [it, inserted] = index.try_emplace(e.run_id, runs.size());
    if (inserted) {
      runs.emplace_back();
      runs.back().run_id = e.run_id;
      runs.back().start = e.start;
      runs.back().end = e.end;
    }
    RunSummary& run = runs[it->second];
    run.start = std::min(run.start, e.start);
    run.end = std::max(run.end, std::max(e.start, e.end));
    if (e.status == "ran") ++run.ran;
    if (e.status == "skipped") ++run.skipped;
    if (e.status == "failed") {
      ++run.failed;
      if (run.failed_stage.empty()) run.failed_stage = e.stage;
    }
    run.stages.push_back(e);
  }
  return runs;
}

}  // namespace automend
