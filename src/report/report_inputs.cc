#include "report/report_inputs.h"

#include <sys/stat.h>

#include "core/io/atomic_file.h"
#include "core/logging.h"
#include "stages/stage_paths.h"

namespace automend {

ReportFile LoadReportFile(const std::string& path, const std::string& stage) {
  ReportFile file;
  file.path = path;
  file.stage = stage;
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    AM_LOG_DEBUG("report: {} not found", path);
    return file;
  }
  file.present = true;
  file.written = static_cast<double>(st.st_mtim.tv_sec) + st.st_mtim.tv_nsec / 1e9;
  std::string text;
  Status s = ReadFileToString(path, &text);
  if (s.ok()) s = ParseJson(text, &file.json);
  if (s.ok() && !file.json.is_object()) s = Status::Corruption("not a JSON object");
  if (!s.ok()) {
    file.error = s.ToString();
    AM_LOG_WARN("report: cannot read {}: {}", path, file.error);
  } else {
    AM_LOG_DEBUG("report: read {} ({} bytes)", path, text.size());
  }
  return file;
}

bool RunReportInputs::FromEarlierRun(const ReportFile& file) const {
  const RunSummary* run = last_run();
  if (!run || !file.present) return false;
  const std::string status = run->StatusOf(file.stage);
  return (status == "failed" || status == "not reached") && file.written < run->start;
}

void LoadRunReportInputs(const Config& config, double now, RunReportInputs* inputs) {
  *inputs = RunReportInputs();
  inputs->config_file = config.file;
  inputs->generated_at = now;
  inputs->run_log_path = RunLogPath(config);
  std::vector<RunLogEntry> entries;
  if (Status s = RunLog(inputs->run_log_path).ReadAll(&entries); !s.ok())
    inputs->run_log_error = s.ToString();
  inputs->runs = GroupRuns(entries);
  AM_LOG_DEBUG("report: {} run(s) in {}", inputs->runs.size(), inputs->run_log_path);
  inputs->analysis = LoadReportFile(AnalysisReportPath(config), "analyze");
  inputs->preprocess = LoadReportFile(PreprocessReportPath(config), "preprocess");
  inputs->schema = LoadReportFile(SchemaReportPath(config), "validate");
  inputs->anomaly = LoadReportFile(AnomalyReportPath(config), "anomaly_check");
  inputs->bias = LoadReportFile(BiasReportPath(config), "bias_detection");
  inputs->records_path = config.records_path;
  if (Status s = PickSampleRecords(config.records_path, SampleOptions(), &inputs->samples);
      !s.ok()) {
    inputs->samples_error = s.ToString();
    AM_LOG_DEBUG("report: no sample records: {}", inputs->samples_error);
  }
}

}  // namespace automend
