// RunReportInputs: everything the run report is drawn from, read from the files the
// pipeline leaves behind — the run log, the JSON reports of preprocess and the quality
// stages, and a few records. Reading never fails: a file that is missing or cannot be
// parsed is recorded as such, and its section of the page says so. Nothing here writes.
// A plain value; LoadRunReportInputs is thread-safe.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "core/json/json_reader.h"
#include "report/record_samples.h"
#include "report/run_history.h"

namespace automend {

// One JSON report and what became of reading it.
struct ReportFile {
  std::string path;
  std::string stage;     // the pipeline stage that writes it
  bool present = false;  // the file exists
  std::string error;     // why it could not be read or parsed ("" when json is valid)
  double written = 0;    // modification time, seconds since the Unix epoch
  JsonValue json;

  bool ok() const { return present && error.empty(); }
};

struct RunReportInputs {
  std::string config_file;  // "" for the built-in defaults
  std::string run_log_path;
  std::vector<RunSummary> runs;  // oldest first
  std::string run_log_error;
  ReportFile analysis;
  ReportFile preprocess;
  ReportFile schema;
  ReportFile anomaly;
  ReportFile bias;
  std::string records_path;
  std::vector<SampleRecord> samples;
  std::string samples_error;  // why no sample could be read ("" otherwise)
  double generated_at = 0;    // seconds since the Unix epoch

  const RunSummary* last_run() const { return runs.empty() ? nullptr : &runs.back(); }
  // True when `file` was written before the last run started although that run did not
  // rewrite it (its stage failed or was not reached): its numbers are an earlier run's.
  bool FromEarlierRun(const ReportFile& file) const;
};

// Reads the inputs named by `config`'s paths. `now`: the generation time to record.
void LoadRunReportInputs(const Config& config, double now, RunReportInputs* inputs);

// Reads one report (exposed for tests).
ReportFile LoadReportFile(const std::string& path, const std::string& stage);

}  // namespace automend
