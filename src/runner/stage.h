// Stage: one step of the pipeline as plain data for the runner: what it reads, what it
// writes, the settings it depends on, and the call that does it. The runner decides from
// these alone whether a stage must run (see runner.h); the stage itself knows nothing of
// the runner.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"

namespace automend {

struct StageCounts {
  int64_t rows_in = -1;  // -1: not meaningful for this stage
  int64_t rows_out = -1;
};

struct Stage {
  std::string name;
  // Files whose content decides whether the stage must run again (missing ones count as
  // changed when they appear). Remote inputs are identified by their `params` instead.
  std::vector<std::string> inputs;
  // Files the stage writes, each atomically; all must exist after a successful run.
  std::vector<std::string> outputs;
  // Canonical text of every setting the stage depends on.
  std::string params;
  std::function<Status(StageCounts*)> run;
};

}  // namespace automend
