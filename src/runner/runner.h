// Runner: the built-in orchestrator behind `automend run`. It executes stages in order and
// skips a stage whose inputs (content hashes), params and program are unchanged since its
// last successful run and whose outputs are still as that run left them, as DVC does. It
// says why each stage ran or was skipped, stops at the first failing stage with that
// stage's status, and appends every stage's outcome to the run log.
//
// Skip decisions live in a state file written atomically after each successful stage;
// outputs are written atomically by the stages. So a run killed at any point leaves each
// output complete or absent, and the next run redoes exactly the stages whose state was
// not recorded. Not thread-safe; one runner per working directory at a time.
#pragma once

#include <string>
#include <vector>

#include "runner/run_log.h"
#include "runner/stage.h"

namespace automend {

struct RunnerOptions {
  std::string state_path;  // the skip-decision state (JSON)
  std::string log_path;    // the run log (JSONL)
  std::string program_id;  // identifies the program version; a change reruns everything
  bool force = false;      // run every stage regardless
};

struct StageDecision {
  std::string stage;
  bool run = false;
  std::string reason;
};

class Runner {
 public:
  explicit Runner(RunnerOptions options) : options_(std::move(options)) {}

  // Decides and runs each stage in order. Returns the first failing stage's status.
  Status Run(const std::vector<Stage>& stages, std::vector<StageDecision>* decisions = nullptr);

  // What Run would do for `stage` now, and why (no side effects).
  StageDecision Decide(const Stage& stage) const;

 private:
  RunnerOptions options_;
};

// A stable identity of the running executable: the SHA-256 of /proc/self/exe, prefixed
// with the version (falls back to the version alone where /proc is missing).
std::string CurrentProgramId();

}  // namespace automend
