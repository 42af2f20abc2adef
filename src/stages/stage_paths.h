// Where each stage reads and writes by default (spec section 1's table), derived from the
// Config so every path stays configurable. Stages and the command line use these; a
// command-line option overrides them. Pure functions.
#pragma once

#include <string>

#include "config/config.h"

namespace automend {

// The raw rows analyze and diagnose read: `<paths.raw_dir>/rows.jsonl` when the download
// stage has written it, else `source.location`.
std::string DefaultRawInput(const Config& config);

std::string RawRowsPath(const Config& config);          // data/raw/rows.jsonl
std::string LockPath(const Config& config);             // data/raw/manifest.lock.json
std::string PreprocessReportPath(const Config& config); // logs/preprocess_report.json
std::string RunLogPath(const Config& config);           // logs/run_log.jsonl
std::string RunnerStatePath(const Config& config);      // logs/runner_state.json
std::string AnalysisReportPath(const Config& config);  // logs/analysis_report.json
std::string SchemaReportPath(const Config& config);    // logs/schema_report.json
std::string AnomalyReportPath(const Config& config);   // logs/anomaly_report.json
std::string BiasReportPath(const Config& config);      // logs/bias_report.json
std::string DiagnoseReportPath(const Config& config);  // logs/diagnose_report.json
std::string RunReportPath(const Config& config);       // reports/index.html

}  // namespace automend
