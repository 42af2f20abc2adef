// automend: the command-line front end. It parses arguments, loads the config, sets up
// logging and dispatches to the stage functions of the core library; nothing else.
#include <CLI/CLI.hpp>
#include <malloc.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/logging.h"
#include "report/run_report.h"
#include "runner/pipeline.h"
#include "runner/runner.h"
#include "stages/analyze.h"
#include "stages/anomaly_check.h"
#include "stages/bias_detection.h"
#include "stages/diagnose.h"
#include "stages/download.h"
#include "stages/merge_records.h"
#include "stages/preprocess.h"
#include "stages/shards.h"
#include "stages/stage_paths.h"
#include "stages/validate.h"

namespace automend {
namespace {

constexpr char kDefaultConfig[] = "config/pipeline.yaml";

struct GlobalFlags {
  std::string config_path;
  bool quiet = false;
  bool verbose = false;
};

struct PreprocessFlags {
  std::string input;
  std::string output;
  std::string report;
  std::string rejects;
  std::vector<std::string> licenses;
  int threads = 0;
};

// Loads the config named on the command line, or config/pipeline.yaml when present, or
// the built-in defaults.
Status LoadConfigFor(const GlobalFlags& g, Config* config) {
  if (!g.config_path.empty()) return LoadConfig(g.config_path, config);
  if (std::filesystem::exists(kDefaultConfig)) return LoadConfig(kDefaultConfig, config);
  return Status::OK();
}

Logging::Verbosity VerbosityOf(const GlobalFlags& g) {
  return g.quiet     ? Logging::Verbosity::kQuiet
         : g.verbose ? Logging::Verbosity::kVerbose
                     : Logging::Verbosity::kNormal;
}

Status StartStage(const GlobalFlags& g, const std::string& stage, Config* config) {
  AUTOMEND_RETURN_IF_ERROR(LoadConfigFor(g, config));
  AUTOMEND_RETURN_IF_ERROR(Logging::Init(config->logs_dir, stage, VerbosityOf(g)));
  AM_LOG_DEBUG("{}: config {}", stage, config->file.empty() ? "built-in defaults" : config->file);
  return Status::OK();
}

Status RunPreprocessCommand(const GlobalFlags& g, const PreprocessFlags& f) {
  Config config;
  AUTOMEND_RETURN_IF_ERROR(StartStage(g, "preprocess", &config));
  if (!f.licenses.empty()) config.default_licenses = f.licenses;
  PreprocessOptions options;
  // Without --input: the raw sample when download has written it (spec section 1), else
  // the configured source; as analyze and diagnose.
  options.input = f.input.empty() ? DefaultRawInput(config) : f.input;
  options.output = f.output.empty() ? config.records_path : f.output;
  options.report = f.report.empty() ? PreprocessReportPath(config) : f.report;
  options.rejects = f.rejects;
  options.threads = f.threads;
  options.progress = !g.quiet;
  PreprocessStats stats;
  return RunPreprocess(config, options, &stats);
}

struct DownloadFlags {
  std::string source;
  std::string sample_rows;
};

Status RunDownloadCommand(const GlobalFlags& g, const DownloadFlags& f) {
  Config config;
  AUTOMEND_RETURN_IF_ERROR(StartStage(g, "download", &config));
  DownloadOptions options;
  options.source = f.source;
  if (f.sample_rows == "all") {
    options.sample_rows = -1;
  } else if (!f.sample_rows.empty()) {
    char* end = nullptr;
    long long n = std::strtoll(f.sample_rows.c_str(), &end, 10);
    if (*end || n <= 0) return Status::InvalidArgument("--sample-rows takes a positive number or 'all'");
    options.sample_rows = n;
  }
  options.progress = !g.quiet;
  DownloadStats stats;
  return RunDownload(config, options, &stats);
}

// Options of the quality stages (analyze, validate, anomaly-check, bias-detection,
// diagnose); an empty value keeps the stage's default from the config.
struct QualityFlags {
  std::string input;
  std::string output;
  std::string report;
  std::vector<std::string> licenses;
  int threads = 0;
};

Status RunAnalyzeCommand(const GlobalFlags& g, const QualityFlags& f) {
  Config config;
  AUTOMEND_RETURN_IF_ERROR(StartStage(g, "analyze", &config));
  if (!f.licenses.empty()) config.default_licenses = f.licenses;
  AnalysisStats stats;
  AUTOMEND_RETURN_IF_ERROR(RunAnalyze(config, {f.input, f.output, f.threads, !g.quiet}, &stats));
  if (!g.quiet) std::fputs(stats.Summary().c_str(), stdout);
  return Status::OK();
}

Status RunValidateCommand(const GlobalFlags& g, const QualityFlags& f) {
  Config config;
  AUTOMEND_RETURN_IF_ERROR(StartStage(g, "validate", &config));
  SchemaStats stats;
  return RunValidate(config, {f.input, f.output, !g.quiet}, &stats);
}

Status RunAnomalyCheckCommand(const GlobalFlags& g, const QualityFlags& f) {
  Config config;
  AUTOMEND_RETURN_IF_ERROR(StartStage(g, "anomaly_check", &config));
  AnomalyOutcome outcome;
  return RunAnomalyCheck(config, {f.input, f.output}, &outcome);
}

Status RunBiasDetectionCommand(const GlobalFlags& g, const QualityFlags& f) {
  Config config;
  AUTOMEND_RETURN_IF_ERROR(StartStage(g, "bias_detection", &config));
  BiasStats stats;
  return RunBiasDetection(config, {f.input, f.output, f.report, !g.quiet}, &stats);
}

Status RunDiagnoseCommand(const GlobalFlags& g, const QualityFlags& f) {
  Config config;
  AUTOMEND_RETURN_IF_ERROR(StartStage(g, "diagnose", &config));
  if (!f.licenses.empty()) config.default_licenses = f.licenses;
  DiagnoseStats stats;
  Status s = RunDiagnose(config, {f.input, f.output, f.threads, !g.quiet}, &stats);
  if (!g.quiet && (s.ok() || s.code() == Status::Code::kDataCheckFailed))
    std::fputs(stats.Summary().c_str(), stdout);
  return s;
}

Status RunPipelineCommand(const GlobalFlags& g, bool force) {
  Config config;
  AUTOMEND_RETURN_IF_ERROR(StartStage(g, "run", &config));
  PipelineOptions options;
  options.verbosity = VerbosityOf(g);
  options.progress = !g.quiet;
  RunnerOptions runner;
  runner.state_path = RunnerStatePath(config);
  runner.log_path = RunLogPath(config);
  runner.program_id = CurrentProgramId();
  runner.force = force;
  return ReportAfterRun(config, Runner(runner).Run(PipelineStages(config, options)));
}

Status RunReportCommand(const GlobalFlags& g, const std::string& output) {
  Config config;
  AUTOMEND_RETURN_IF_ERROR(StartStage(g, "report", &config));
  RunReportOptions options;
  options.output = output;
  return WriteRunReport(config, options);
}

// Fan-out support (dags/iac_payload_pipeline.py): the shards preprocess can be split into,
// and the merge of the per-shard outputs. `shards` prints JSON on stdout and logs nothing.
struct FanOutFlags {
  std::string input;
  std::string output;
  std::string report;
  std::vector<std::string> shard_outputs;
};

Status RunShardsCommand(const GlobalFlags& g, const FanOutFlags& f) {
  Config config;
  AUTOMEND_RETURN_IF_ERROR(LoadConfigFor(g, &config));
  std::vector<std::string> shards;
  AUTOMEND_RETURN_IF_ERROR(f.input.empty() ? ListPipelineShards(config, HubOptions(), &shards)
                                           : ListShardsOf(f.input, HubOptions(), &shards));
  std::fputs(ShardsToJson(shards).c_str(), stdout);
  return std::fflush(stdout) == 0 ? Status::OK() : Status::IOError("cannot write to stdout");
}

Status RunMergeRecordsCommand(const GlobalFlags& g, const FanOutFlags& f) {
  Config config;
  AUTOMEND_RETURN_IF_ERROR(StartStage(g, "merge_records", &config));
  MergeRecordsOptions options{f.shard_outputs, f.output.empty() ? config.records_path : f.output,
                              f.report.empty() ? PreprocessReportPath(config) : f.report};
  MergeRecordsStats stats;
  return RunMergeRecords(options, &stats);
}

int Finish(const Status& s) {
  if (!s.ok()) {
    if (spdlog::default_logger()) AM_LOG_ERROR("{}", s.ToString());
    std::fprintf(stderr, "automend: %s\n", s.ToString().c_str());
  }
  return s.ExitCode();
}

}  // namespace
}  // namespace automend

int main(int argc, char** argv) {
  using namespace automend;
  // Rows and records are allocated and freed by the million, many of them above glibc's
  // default mmap threshold: serving them from the heap instead of fresh zeroed pages cuts
  // preprocess CPU time by a quarter. Peak memory stays bounded by the batches in flight.
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  Logging::InitForTests();
  CLI::App app{"AutoMend: Kubernetes ML-infrastructure manifests -> training records"};
  app.require_subcommand(1);
  app.set_version_flag("--version", AUTOMEND_VERSION);
  GlobalFlags g;
  app.add_option("--config", g.config_path, "config file (default: config/pipeline.yaml)");
  auto* quiet = app.add_flag("-q,--quiet", g.quiet, "only errors on stderr: no progress, no summaries");
  auto* verbose = app.add_flag("-v,--verbose", g.verbose, "debug messages on stderr and in the log");
  quiet->excludes(verbose);

  // The subcommand table: name, help, its options, what it runs.
  PreprocessFlags pre;
  std::function<Status()> action;
  auto* preprocess = app.add_subcommand("preprocess", "gates, redaction and records for rows");
  preprocess->add_option("--input", pre.input, "rows: .jsonl, .parquet, folder, hf://... (default: <raw_dir>/rows.jsonl if present, else config source)");
  preprocess->add_option("--output", pre.output, "records file (default: config paths.records)");
  preprocess->add_option("--report", pre.report, "report (default: <logs>/preprocess_report.json)");
  preprocess->add_option("--rejects", pre.rejects, "also write every rejected row with its reason (JSONL)");
  preprocess->add_option("--license", pre.licenses,
                         "license of a YAML folder's files (repeatable; default: source.default_licenses)");
  preprocess->add_option("--threads", pre.threads, "worker threads (default: all cores)")->check(CLI::Range(0, 1024));
  preprocess->callback([&] { action = [&] { return RunPreprocessCommand(g, pre); }; });
  DownloadFlags dl;
  auto* download = app.add_subcommand("download", "sample rows from the source into the raw folder");
  download->add_option("--source", dl.source, "a source location (default: config source.location)");
  download->add_option("--sample-rows", dl.sample_rows, "rows to sample, or all (default: config)");
  download->callback([&] { action = [&] { return RunDownloadCommand(g, dl); }; });
  QualityFlags q;
  auto* analyze = app.add_subcommand("analyze", "profile the raw rows: counts, gate funnel, distributions");
  analyze->add_option("--input", q.input, "rows (default: data/raw/rows.jsonl if present, else config source)");
  analyze->add_option("--output", q.output, "report (default: <logs>/analysis_report.json)");
  analyze->add_option("--license", q.licenses, "license of a YAML folder's files (repeatable)");
  analyze->add_option("--threads", q.threads, "worker threads (default: all cores)")->check(CLI::Range(0, 1024));
  analyze->callback([&] { action = [&] { return RunAnalyzeCommand(g, q); }; });
  auto* validate = app.add_subcommand("validate", "check every record (six checks) and describe the records");
  validate->add_option("--input", q.input, "records (default: config paths.records)");
  validate->add_option("--output", q.output, "report (default: <logs>/schema_report.json)");
  validate->callback([&] { action = [&] { return RunValidateCommand(g, q); }; });
  auto* anomaly = app.add_subcommand("anomaly-check", "apply the anomaly rules to the schema report and alert");
  anomaly->add_option("--input", q.input, "schema report (default: <logs>/schema_report.json)");
  anomaly->add_option("--output", q.output, "report (default: <logs>/anomaly_report.json)");
  anomaly->callback([&] { action = [&] { return RunAnomalyCheckCommand(g, q); }; });
  auto* bias = app.add_subcommand("bias-detection", "slice the records, flag imbalances, write the balanced records");
  bias->add_option("--input", q.input, "records (default: config paths.records)");
  bias->add_option("--output", q.output, "balanced records (default: config paths.balanced_records)");
  bias->add_option("--report", q.report, "report (default: <logs>/bias_report.json)");
  bias->callback([&] { action = [&] { return RunBiasDetectionCommand(g, q); }; });
  auto* diagnose = app.add_subcommand("diagnose", "end-to-end self-check of the raw rows: yield, PII, JSON round trip");
  diagnose->add_option("--input", q.input, "rows (default: data/raw/rows.jsonl if present, else config source)");
  diagnose->add_option("--output", q.output, "report (default: <logs>/diagnose_report.json)");
  diagnose->add_option("--license", q.licenses, "license of a YAML folder's files (repeatable)");
  diagnose->add_option("--threads", q.threads, "worker threads (default: all cores)")->check(CLI::Range(0, 1024));
  diagnose->callback([&] { action = [&] { return RunDiagnoseCommand(g, q); }; });
  FanOutFlags fan;
  auto* shards = app.add_subcommand("shards", "print the shards preprocess can fan out over (JSON array)");
  shards->add_option("--input", fan.input, "list this location's shards (default: what preprocess reads)");
  shards->callback([&] { action = [&] { return RunShardsCommand(g, fan); }; });
  auto* merge = app.add_subcommand("merge-records", "merge per-shard preprocess outputs in shard order, dedup again");
  merge->add_option("--output", fan.output, "merged records (default: config paths.records)");
  merge->add_option("--report", fan.report, "merged report (default: <logs>/preprocess_report.json)");
  merge->add_option("shard_outputs", fan.shard_outputs, "shard record files in shard order (reports and rejects beside them)")
      ->required();
  merge->callback([&] { action = [&] { return RunMergeRecordsCommand(g, fan); }; });
  bool force = false;
  auto* run = app.add_subcommand("run", "the whole pipeline with the built-in runner, then the run report");
  run->add_flag("--force", force, "run every stage, even those whose inputs are unchanged");
  run->callback([&] { action = [&] { return RunPipelineCommand(g, force); }; });
  std::string report_output;
  auto* report = app.add_subcommand("report", "draw the run report (HTML) from the run log and the reports");
  report->add_option("--output", report_output, "the page (default: <paths.reports_dir>/index.html)");
  report->callback([&] { action = [&] { return RunReportCommand(g, report_output); }; });
  for (auto* sub : app.get_subcommands({})) sub->fallthrough();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return Finish(action());
}
