#include "runner/pipeline.h"

#include "core/json/json_writer.h"
#include "sources/row_source.h"
#include "stages/analyze.h"
#include "stages/anomaly_check.h"
#include "stages/bias_detection.h"
#include "stages/download.h"
#include "stages/preprocess.h"
#include "stages/stage_paths.h"
#include "stages/validate.h"

namespace automend {
namespace {

// Canonical text of the settings a stage depends on: only a change of these reruns it.
std::string SourceParams(const Config& c) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject().Field("location", c.source).Field("sample_rows", c.sample_rows);
  w.Field("seed", c.seed).StringArray("default_licenses", c.default_licenses).EndObject();
  return out;
}

void GateParams(const Config& c, JsonWriter* w) {
  w->Field("min_bytes", c.min_bytes).Field("max_bytes", c.max_bytes);
  w->StringArray("license_allowlist", c.license_allowlist).StringArray("keywords", c.keywords);
  w->Field("max_yaml_depth", static_cast<int64_t>(c.max_yaml_depth));
}

void RedactionParams(const Config& c, JsonWriter* w) {
  w->Field("keep_reserved_ips", c.keep_reserved_ips);
  w->StringArray("credential_key_suffixes", c.credential_key_suffixes);
}

std::string AnalyzeParams(const Config& c) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  GateParams(c, &w);
  w.EndObject();
  return out;
}

std::string PreprocessParams(const Config& c) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  GateParams(c, &w);
  RedactionParams(c, &w);
  w.Key("prompts").BeginArray();
  for (const auto& cat : c.prompt_categories) {
    w.BeginObject().Field("name", cat.name).StringArray("words", cat.words);
    w.Field("template", cat.template_text).EndObject();
  }
  w.EndArray().Field("fallback_template", c.fallback_template).EndObject();
  return out;
}

std::string ValidateParams(const Config& c) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject().Field("max_yaml_depth", static_cast<int64_t>(c.max_yaml_depth));
  RedactionParams(c, &w);
  w.Field("max_examples_per_check", static_cast<int64_t>(c.max_examples_per_check)).EndObject();
  return out;
}

std::string AnomalyParams(const Config& c) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject().Field("min_pass_rate_pct", c.min_pass_rate_pct);
  w.Field("max_violations_per_check", c.max_violations_per_check).Field("min_records", c.min_records);
  w.Field("fail_on_anomaly", c.fail_on_anomaly).Field("fail_on_pii_leak", c.fail_on_pii_leak);
  w.EndObject();
  return out;
}

std::string BiasParams(const Config& c) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject().Field("over_representation", c.over_representation);
  w.Field("under_representation", c.under_representation).Field("max_slice_share", c.max_slice_share);
  w.Field("seed", c.bias_seed).EndObject();
  return out;
}

// What analyze and preprocess depend on: the raw sample, and the lock, which alone pins a
// streamed source (no raw sample) by the files' hashes and ETags.
std::vector<std::string> RawInputs(const Config& c) { return {RawRowsPath(c), LockPath(c)}; }

}  // namespace

std::vector<Stage> PipelineStages(const Config& c, const PipelineOptions& o) {
  // Each stage logs to logs/<stage>.log while it runs; the runner's own lines go to run.log.
  auto logged = [&c, o](const char* name, std::function<Status(StageCounts*)> body) {
    return [&c, o, name, body](StageCounts* counts) {
      AUTOMEND_RETURN_IF_ERROR(Logging::Init(c.logs_dir, name, o.verbosity));
      Status s = body(counts);
      Status back = Logging::Init(c.logs_dir, "run", o.verbosity);
      return s.ok() ? back : s;
    };
  };
  std::vector<Stage> stages;
  stages.push_back({"download", LocalSourceFiles(c.source), {LockPath(c)}, SourceParams(c),
                    logged("download", [&c, o](StageCounts* n) {
                      DownloadOptions opts;
                      opts.progress = o.progress;
                      DownloadStats s;
                      AUTOMEND_RETURN_IF_ERROR(RunDownload(c, opts, &s));
                      n->rows_in = s.rows_read;
                      n->rows_out = s.rows_written;
                      return Status::OK();
                    })});
  stages.push_back({"analyze", RawInputs(c), {AnalysisReportPath(c)}, AnalyzeParams(c),
                    logged("analyze", [&c, o](StageCounts* n) {
                      AnalysisStats s;
                      AUTOMEND_RETURN_IF_ERROR(RunAnalyze(c, {"", "", 0, o.progress}, &s));
                      n->rows_in = s.rows;
                      n->rows_out = s.passing_rows();
                      return Status::OK();
                    })});
  stages.push_back({"preprocess", RawInputs(c), {c.records_path, PreprocessReportPath(c)},
                    PreprocessParams(c), logged("preprocess", [&c, o](StageCounts* n) {
                      PreprocessOptions opts;
                      opts.input = DefaultRawInput(c);
                      opts.output = c.records_path;
                      opts.report = PreprocessReportPath(c);
                      opts.progress = o.progress;
                      PreprocessStats s;
                      AUTOMEND_RETURN_IF_ERROR(RunPreprocess(c, opts, &s));
                      n->rows_in = s.rows_in;
                      n->rows_out = s.records;
                      return Status::OK();
                    })});
  stages.push_back({"validate", {c.records_path}, {SchemaReportPath(c)}, ValidateParams(c),
                    logged("validate", [&c, o](StageCounts* n) {
                      SchemaStats s;
                      ValidateOptions opts;
                      opts.progress = o.progress;
                      AUTOMEND_RETURN_IF_ERROR(RunValidate(c, opts, &s));
                      n->rows_in = s.total;
                      n->rows_out = s.valid;
                      return Status::OK();
                    })});
  stages.push_back({"anomaly_check", {SchemaReportPath(c)}, {AnomalyReportPath(c)}, AnomalyParams(c),
                    logged("anomaly_check", [&c](StageCounts* n) {
                      AnomalyOutcome out;
                      Status s = RunAnomalyCheck(c, {}, &out);
                      n->rows_in = out.summary.total;
                      n->rows_out = static_cast<int64_t>(out.anomalies.size());
                      return s;
                    })});
  stages.push_back({"bias_detection", {c.records_path}, {BiasReportPath(c), c.balanced_path},
                    BiasParams(c), logged("bias_detection", [&c, o](StageCounts* n) {
                      BiasStats s;
                      BiasOptions opts;
                      opts.progress = o.progress;
                      AUTOMEND_RETURN_IF_ERROR(RunBiasDetection(c, opts, &s));
                      n->rows_in = s.total;
                      n->rows_out = s.balanced_total;
                      return Status::OK();
                    })});
  return stages;
}

}  // namespace automend
