// The pipeline of spec section 7 as data for the runner: download -> analyze ->
// preprocess -> validate -> anomaly_check -> bias_detection, each with the files it reads
// and writes and the config keys it depends on, calling the same stage functions as the
// subcommands.
#pragma once

#include <vector>

#include "config/config.h"
#include "core/logging.h"
#include "runner/stage.h"

namespace automend {

struct PipelineOptions {
  Logging::Verbosity verbosity = Logging::Verbosity::kNormal;
  bool progress = false;
};

// `config` must outlive the stages.
std::vector<Stage> PipelineStages(const Config& config, const PipelineOptions& options);

}  // namespace automend
