#include "stages/diagnose.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <mutex>

#include "core/hash_set64.h"
#include "core/io/atomic_file.h"
#include "core/json/json_value_writer.h"
#include "core/json/json_writer.h"
#include "core/logging.h"
#include "core/progress.h"
#include "core/thread_pool.h"
#include "records/row_processor.h"
#include "stages/parallel_batches.h"
#include "stages/stage_paths.h"

namespace automend {
namespace {

constexpr size_t kMaxProblems = 10;

void AddProblem(DiagnoseTally* t, uint64_t batch, uint64_t index, const Row& row,
                std::string what) {
  if (t->problems.size() < kMaxProblems)
    t->problems.push_back({batch, index, row.origin, std::move(what)});
}

// Checks one record built from `row`: exposure, leaks, checks and round trips.
void DiagnoseRecord(const RowProcessor& processor, const RecordChecker& checker, const Row& row,
                    const RowOutcome& outcome, std::string_view line, const std::string& manifest,
                    uint64_t batch, uint64_t index, DiagnoseTally* t) {
  ++t->records;
  const uint64_t mask = processor.gates().keywords().MatchMask(row.content());
  for (size_t i = 0; i < t->keyword_records.size(); ++i)
    if (mask & (uint64_t{1} << i)) ++t->keyword_records[i];

  RedactionCounts before = processor.redactor().CountTextMatches(row.content());
  before[static_cast<int>(RedactionClass::kCredential)] =
      outcome.redactions[static_cast<int>(RedactionClass::kCredential)];
  bool exposed = false;
  for (int c = 0; c < kRedactionClassCount; ++c) {
    t->exposure_before[c] += before[c];
    t->redacted[c] += outcome.redactions[c];
    exposed |= before[c] > 0;
  }
  if (exposed) ++t->records_exposed_before;

  RecordCheckResult result;
  checker.Check(line, &result);
  bool leaking = false;
  for (int c = 0; c < kRedactionClassCount; ++c) {
    t->left_after[c] += result.leaks[c];
    leaking |= result.leaks[c] > 0;
  }
  if (leaking) ++t->records_leaking_after;
  for (int c = 0; c < kRecordCheckCount; ++c) {
    if (!result.Failed(static_cast<RecordCheck>(c))) continue;
    ++t->check_failures[c];
    AddProblem(
        t, batch, index, row,
        std::string(RecordCheckName(static_cast<RecordCheck>(c))) + ": " + result.details[c]);
  }
  if (result.record.is_object() && JsonDumps(result.record) != line) {
    ++t->line_round_trip_failures;
    AddProblem(t, batch, index, row, "the record line does not survive a JSON round trip");
  }
  if (result.has_call) {
    JsonValue call;
    if (ParseJson(result.call, &call).ok() && JsonDumps(call) != result.call) {
      ++t->call_round_trip_failures;
      AddProblem(t, batch, index, row, "the CALL does not survive a JSON round trip");
    }
  }
  if (!result.has_manifest || result.manifest != manifest) {
    ++t->manifest_mismatches;
    AddProblem(t, batch, index, row, "manifest_content does not decode to the redacted text");
  }
}

void WriteClassCounts(JsonWriter* w, std::string_view key, const RedactionCounts& counts) {
  w->Key(key).BeginObject();
  for (int c = 0; c < kRedactionClassCount; ++c)
    w->Field(RedactionClassName(static_cast<RedactionClass>(c)), counts[c]);
  w->EndObject();
}

}  // namespace

void DiagnoseTally::Merge(DiagnoseTally&& o) {
  for (int i = 0; i < kGateReasonCount; ++i) reasons[i] += o.reasons[i];
  records += o.records;
  if (keyword_records.size() < o.keyword_records.size())
    keyword_records.resize(o.keyword_records.size());
  for (size_t i = 0; i < o.keyword_records.size(); ++i) keyword_records[i] += o.keyword_records[i];
  for (int c = 0; c < kRedactionClassCount; ++c) {
    exposure_before[c] += o.exposure_before[c];
    redacted[c] += o.redacted[c];
    left_after[c] += o.left_after[c];
  }
  records_exposed_before += o.records_exposed_before;
  records_leaking_after += o.records_leaking_after;
  line_round_trip_failures += o.line_round_trip_failures;
  call_round_trip_failures += o.call_round_trip_failures;
  manifest_mismatches += o.manifest_mismatches;
  for (int c = 0; c < kRecordCheckCount; ++c) check_failures[c] += o.check_failures[c];
  for (auto& p : o.problems) problems.push_back(std::move(p));
  std::sort(problems.begin(), problems.end(), [](const auto& a, const auto& b) {
    return a.batch != b.batch ? a.batch < b.batch : a.index < b.index;
  });
  if (problems.size() > kMaxProblems) problems.resize(kMaxProblems);
}

std::vector<std::string> DiagnoseStats::Failures() const {
  std::vector<std::string> out;
  const DiagnoseTally& t = tally;
  if (t.records == 0) out.push_back("no record was produced from " + source);
  if (t.records_leaking_after > 0)
    out.push_back(fmt::format("{} record(s) still hold personal data or secrets after redaction",
                              t.records_leaking_after));
  if (t.line_round_trip_failures > 0)
    out.push_back(fmt::format("{} record line(s) differ after a JSON round trip",
                              t.line_round_trip_failures));
  if (t.call_round_trip_failures > 0)
    out.push_back(
        fmt::format("{} CALL(s) differ after a JSON round trip", t.call_round_trip_failures));
  if (t.manifest_mismatches > 0)
    out.push_back(
        fmt::format("{} manifest(s) do not decode to the redacted text", t.manifest_mismatches));
  for (int c = 0; c < kRecordCheckCount; ++c) {
    // pii_leak failures are reported above, with the classes.
    if (c == static_cast<int>(RecordCheck::kPiiLeak) || t.check_failures[c] == 0) continue;
    out.push_back(fmt::format("{} record(s) fail the {} check", t.check_failures[c],
                              RecordCheckName(static_cast<RecordCheck>(c))));
  }
  return out;
}

bool DiagnoseStats::ok() const { return Failures().empty(); }

std::string DiagnoseStats::ToJson() const {
  const DiagnoseTally& t = tally;
  std::string out;
  JsonWriter w(&out, 2);
  w.BeginObject();
  const std::vector<std::string> failures = Failures();
  w.Field("status", failures.empty() ? "OK" : "FAIL");
  w.StringArray("failures", failures);
  w.Field("source", source);
  w.Key("yield").BeginObject();
  w.Field("rows", rows).Field("bytes", content_bytes).Field("records", t.records);
  w.Field("yield_pct",
          rows == 0 ? 0.0 : 100.0 * static_cast<double>(t.records) / static_cast<double>(rows));
  w.Key("rejected").BeginObject();
  for (int i = 1; i < kGateReasonCount; ++i)
    w.Field(GateReasonName(static_cast<GateReason>(i)), t.reasons[i]);
  w.EndObject().EndObject();
  w.Key("keyword_coverage").BeginObject();
  for (size_t i = 0; i < keywords.size(); ++i)
    w.Field(keywords[i], i < t.keyword_records.size() ? t.keyword_records[i] : int64_t{0});
  w.EndObject();
  w.Key("pii").BeginObject();
  WriteClassCounts(&w, "before_redaction", t.exposure_before);
  w.Field("records_exposed_before", t.records_exposed_before);
  WriteClassCounts(&w, "redacted", t.redacted);
  WriteClassCounts(&w, "after_redaction", t.left_after);
  w.Field("records_leaking_after", t.records_leaking_after);
  w.EndObject();
  w.Key("round_trip").BeginObject();
  w.Field("records_checked", t.records).Field("line_failures", t.line_round_trip_failures);
  w.Field("call_failures", t.call_round_trip_failures);
  w.Field("manifest_mismatches", t.manifest_mismatches).EndObject();
  w.Key("record_checks").BeginObject();
  for (int c = 0; c < kRecordCheckCount; ++c)
    w.Field(RecordCheckName(static_cast<RecordCheck>(c)), t.check_failures[c]);
  w.EndObject();
  w.Key("problems").BeginArray();
  for (const auto& p : t.problems)
    w.BeginObject().Field("origin", p.origin).Field("problem", p.what).EndObject();
  w.EndArray();
  w.EndObject();
  out.push_back('\n');
  return out;
}

std::string DiagnoseStats::Summary() const {
  const DiagnoseTally& t = tally;
  auto classes = [](const RedactionCounts& c) {
    std::string s;
    for (int i = 0; i < kRedactionClassCount; ++i)
      s += fmt::format("{}{} {}", i ? ", " : "", RedactionClassName(static_cast<RedactionClass>(i)),
                       c[i]);
    return s;
  };
  std::string s = fmt::format(
      "diagnose: {} rows -> {} records ({:.1f}% yield)\n", rows, t.records,
      rows == 0 ? 0.0 : 100.0 * static_cast<double>(t.records) / static_cast<double>(rows));
  s += "PII before redaction: " + classes(t.exposure_before) + "\n";
  s += "PII after redaction:  " + classes(t.left_after) + "\n";
  s += fmt::format("JSON round trip: {} records, {} line / {} CALL / {} manifest mismatches\n",
                   t.records, t.line_round_trip_failures, t.call_round_trip_failures,
                   t.manifest_mismatches);
  const std::vector<std::string> failures = Failures();
  s += failures.empty() ? "result: OK\n" : "result: FAIL\n";
  for (const auto& f : failures) s += "  " + f + "\n";
  return s;
}

Status RunDiagnoseFrom(const Config& config, RowSource* source, const DiagnoseOptions& options,
                       DiagnoseStats* stats) {
  const auto start = std::chrono::steady_clock::now();
  *stats = DiagnoseStats();
  stats->source = source->Describe();
  stats->keywords = config.keywords;
  stats->tally.keyword_records.assign(config.keywords.size(), 0);
  const int threads = options.threads > 0  ? options.threads
                      : config.threads > 0 ? config.threads
                                           : ThreadPool::DefaultThreads();
  stats->threads = threads;
  const std::string report = options.report.empty() ? DiagnoseReportPath(config) : options.report;
  AM_LOG_INFO("diagnose: {} with {} thread(s)", stats->source, threads);

  const RowProcessor processor(config);
  const RecordChecker checker(config);
  HashSet64 seen;
  std::mutex mu;
  Progress progress("diagnose", options.progress);
  auto prepare = [&](RowBatch* batch) {
    stats->rows += static_cast<int64_t>(batch->rows.size() + batch->errors.size());
    stats->tally.reasons[static_cast<int>(GateReason::kMalformed)] +=
        static_cast<int64_t>(batch->errors.size());
    size_t kept = 0;
    for (auto& row : batch->rows) {
      stats->content_bytes += static_cast<int64_t>(row.content().size());
      if (!seen.Insert(HashSet64::Fingerprint(row.hexsha))) {
        ++stats->tally.reasons[static_cast<int>(GateReason::kDuplicate)];
        continue;
      }
      if (&batch->rows[kept] != &row) batch->rows[kept] = std::move(row);
      ++kept;
    }
    batch->rows.resize(kept);
    progress.Update(stats->rows, stats->content_bytes, source->Fraction());
  };
  auto work = [&](const RowBatch& batch, uint64_t seq) {
    DiagnoseTally local;
    local.keyword_records.assign(config.keywords.size(), 0);
    std::string line, manifest;
    for (size_t i = 0; i < batch.rows.size(); ++i) {
      const Row& row = batch.rows[i];
      line.clear();
      RowOutcome outcome = processor.Process(row, &line, &manifest);
      ++local.reasons[static_cast<int>(outcome.reason)];
      if (outcome.reason != GateReason::kPass) continue;
      if (!line.empty() && line.back() == '\n') line.pop_back();
      DiagnoseRecord(processor, checker, row, outcome, line, manifest, seq, i, &local);
    }
    std::lock_guard<std::mutex> lock(mu);
    stats->tally.Merge(std::move(local));
  };
  Status read = ForEachBatch(source, threads, prepare, work);
  progress.Finish(stats->rows, stats->content_bytes);
  AUTOMEND_RETURN_IF_ERROR(read);
  // The pass count is the record count; reasons[kPass] is not part of the report.
  stats->tally.reasons[static_cast<int>(GateReason::kPass)] = 0;
  stats->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  AUTOMEND_RETURN_IF_ERROR(WriteFileAtomically(report, stats->ToJson()));
  const std::vector<std::string> failures = stats->Failures();
  for (const auto& f : failures) AM_LOG_ERROR("diagnose: {}", f);
  AM_LOG_INFO("diagnose: {} rows, {} records, {} in {:.2f}s; wrote {}", stats->rows,
              stats->tally.records, failures.empty() ? "OK" : "FAIL", stats->seconds, report);
  if (!failures.empty())
    return Status::DataCheckFailed(fmt::format("diagnose found {} problem(s): {}; see {}",
                                               failures.size(), failures[0], report));
  return Status::OK();
}

Status RunDiagnose(const Config& config, const DiagnoseOptions& options, DiagnoseStats* stats) {
  SourceOptions source_options;
  source_options.default_licenses = config.default_licenses;
  std::unique_ptr<RowSource> source;
  const std::string input = options.input.empty() ? DefaultRawInput(config) : options.input;
  AUTOMEND_RETURN_IF_ERROR(OpenRowSource(input, source_options, &source));
  return RunDiagnoseFrom(config, source.get(), options, stats);
}

}  // namespace automend
