#include "stages/stage_paths.h"

#include <filesystem>

namespace automend {

std::string DefaultRawInput(const Config& config) {
  std::string downloaded = config.raw_dir + "/rows.jsonl";
  std::error_code ec;
  if (std::filesystem::is_regular_file(downloaded, ec)) return downloaded;
  return config.source;
}

std::string AnalysisReportPath(const Config& c) { return c.logs_dir + "/analysis_report.json"; }
std::string SchemaReportPath(const Config& c) { return c.logs_dir + "/schema_report.json"; }
std::string AnomalyReportPath(const Config& c) { return c.logs_dir + "/anomaly_report.json"; }
std::string BiasReportPath(const Config& c) { return c.logs_dir + "/bias_report.json"; }
std::string DiagnoseReportPath(const Config& c) { return c.logs_dir + "/diagnose_report.json"; }

}  // namespace automend
