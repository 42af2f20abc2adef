#include "stages/stage_paths.h"

#include <filesystem>

namespace automend {

std::string DefaultRawInput(const Config& config) {
  std::string downloaded = RawRowsPath(config);
  std::error_code ec;
  if (std::filesystem::is_regular_file(downloaded, ec)) return downloaded;
  return config.source;
}

std::string RawRowsPath(const Config& c) { return c.raw_dir + "/rows.jsonl"; }
std::string LockPath(const Config& c) { return c.raw_dir + "/manifest.lock.json"; }
std::string PreprocessReportPath(const Config& c) { return c.logs_dir + "/preprocess_report.json"; }
std::string RunLogPath(const Config& c) { return c.logs_dir + "/run_log.jsonl"; }
std::string RunnerStatePath(const Config& c) { return c.logs_dir + "/runner_state.json"; }
std::string AnalysisReportPath(const Config& c) { return c.logs_dir + "/analysis_report.json"; }
std::string SchemaReportPath(const Config& c) { return c.logs_dir + "/schema_report.json"; }
std::string AnomalyReportPath(const Config& c) { return c.logs_dir + "/anomaly_report.json"; }
std::string BiasReportPath(const Config& c) { return c.logs_dir + "/bias_report.json"; }
std::string DiagnoseReportPath(const Config& c) { return c.logs_dir + "/diagnose_report.json"; }
std::string RunReportPath(const Config& c) { return c.reports_dir + "/index.html"; }

}  // namespace automend
