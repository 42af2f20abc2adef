#include "stages/validate.h"

#include <chrono>
#include <filesystem>
#include <memory>

#include "core/io/atomic_file.h"
#include "core/io/line_reader.h"
#include "core/json/json_writer.h"
#include "core/logging.h"
#include "core/progress.h"
#include "stages/stage_paths.h"

namespace automend {
namespace {

constexpr size_t kTopKinds = 25;

void WriteClassCounts(JsonWriter* w, std::string_view key, const RedactionCounts& counts) {
  w->Key(key).BeginObject();
  for (int c = 0; c < kRedactionClassCount; ++c)
    w->Field(RedactionClassName(static_cast<RedactionClass>(c)), counts[c]);
  w->EndObject();
}

// Adds what one record shows to the statistics.
void AddStatistics(const RecordCheckResult& r, SchemaStats* s, std::vector<int64_t>* prompts,
                   std::vector<int64_t>* manifests) {
  if (r.has_prompt) prompts->push_back(static_cast<int64_t>(r.prompt.size()));
  if (r.has_manifest) {
    manifests->push_back(static_cast<int64_t>(r.manifest.size()));
    RedactionCounts tokens = CountRedactionTokens(r.manifest);
    for (int c = 0; c < kRedactionClassCount; ++c) s->redaction_tokens[c] += tokens[c];
  }
  s->documents += static_cast<int64_t>(r.objects.size());
  for (const auto& o : r.objects) s->kinds.Add(o.kind);
  const JsonValue* meta = r.record.is_object() ? r.record.Find("metadata") : nullptr;
  if (!meta || !meta->is_object()) return;
  if (const JsonValue* v = meta->Find("iac_type"); v && v->is_string())
    s->iac_types.Add(v->as_string());
  if (const JsonValue* v = meta->Find("prompt_type"); v && v->is_string())
    s->prompt_types.Add(v->as_string());
  if (const JsonValue* v = meta->Find("redactions"); v && v->is_int()) {
    s->redactions_total += v->as_int();
    if (v->as_int() > 0) ++s->records_with_redactions;
  }
}

void AddViolation(SchemaStats* s, size_t max_examples, uint64_t line, int check,
                  std::string detail) {
  ++s->violations[check];
  if (s->examples[check].size() < max_examples)
    s->examples[check].push_back({line, std::move(detail)});
}

}  // namespace

RedactionCounts CountRedactionTokens(std::string_view manifest) {
  RedactionCounts counts{};
  for (int c = 0; c < kRedactionClassCount; ++c) {
    const std::string_view token = ReplacementToken(static_cast<RedactionClass>(c));
    for (size_t at = manifest.find(token); at != std::string_view::npos;
         at = manifest.find(token, at + token.size()))
      ++counts[c];
  }
  return counts;
}

double SchemaStats::pass_rate_pct() const {
  return total == 0 ? 0.0 : 100.0 * static_cast<double>(valid) / static_cast<double>(total);
}

std::string SchemaStats::ToJson() const {
  std::string out;
  JsonWriter w(&out, 2);
  w.BeginObject();
  w.Field("records", records_path);
  w.Field("total", total).Field("valid", valid).Field("pass_rate_pct", pass_rate_pct());
  w.Key("violation_counts").BeginObject();
  for (int c = 0; c < kRecordCheckCount; ++c)
    w.Field(RecordCheckName(static_cast<RecordCheck>(c)), violations[c]);
  w.EndObject();
  w.Key("examples").BeginObject();
  for (int c = 0; c < kRecordCheckCount; ++c) {
    if (examples[c].empty()) continue;
    w.Key(RecordCheckName(static_cast<RecordCheck>(c))).BeginArray();
    for (const auto& e : examples[c])
      w.BeginObject().Field("line", e.line).Field("detail", e.detail).EndObject();
    w.EndArray();
  }
  w.EndObject();
  WriteClassCounts(&w, "pii_leaks", leaks);
  w.Field("blank_lines", blank_lines);
  w.Key("statistics").BeginObject();
  w.Key("prompt_bytes");
  prompt_bytes.WriteJson(&w);
  w.Key("manifest_bytes");
  manifest_bytes.WriteJson(&w);
  w.Key("iac_types");
  iac_types.WriteJson(&w);
  w.Key("prompt_types");
  prompt_types.WriteJson(&w);
  w.Key("kinds").BeginObject().Field("documents", documents);
  w.Field("distinct", static_cast<int64_t>(kinds.distinct())).Key("top");
  kinds.WriteJson(&w, kTopKinds);
  w.EndObject();
  w.Key("redactions").BeginObject();
  w.Field("records_with_redactions", records_with_redactions).Field("total", redactions_total);
  WriteClassCounts(&w, "tokens_in_manifests", redaction_tokens);
  w.EndObject();
  w.EndObject();
  w.EndObject();
  out.push_back('\n');
  return out;
}

Status RunValidate(const Config& config, const ValidateOptions& options, SchemaStats* stats) {
  const auto start = std::chrono::steady_clock::now();
  *stats = SchemaStats();
  stats->records_path = options.input.empty() ? config.records_path : options.input;
  const std::string report = options.report.empty() ? SchemaReportPath(config) : options.report;
  AM_LOG_INFO("validate: {}", stats->records_path);

  std::unique_ptr<LineReader> reader;
  AUTOMEND_RETURN_IF_ERROR(LineReader::Open(stats->records_path, &reader));
  const RecordChecker checker(config);
  std::vector<int64_t> prompts, manifests;
  RecordCheckResult result;
  Progress progress("validate", options.progress);
  std::error_code size_error;
  const auto file_size = std::filesystem::file_size(stats->records_path, size_error);
  int64_t bytes_read = 0;
  while (true) {
    std::string_view line;
    bool got, too_long;
    AUTOMEND_RETURN_IF_ERROR(reader->Next(&line, &got, &too_long));
    if (!got) break;
    bytes_read += static_cast<int64_t>(line.size()) + 1;
    progress.Update(stats->total, bytes_read,
                    size_error || file_size == 0 ? -1.0
                                                 : static_cast<double>(bytes_read) / static_cast<double>(file_size));
    const uint64_t number = reader->line_number();
    if (!too_long && line.find_first_not_of(" \t\r") == std::string_view::npos) {
      ++stats->blank_lines;
      continue;
    }
    ++stats->total;
    if (too_long) {
      AddViolation(stats, config.max_examples_per_check, number,
                   static_cast<int>(RecordCheck::kRequiredKeys), "line too long");
      continue;
    }
    checker.Check(line, &result);
    if (result.ok()) ++stats->valid;
    for (int c = 0; c < kRecordCheckCount; ++c)
      if (result.Failed(static_cast<RecordCheck>(c)))
        AddViolation(stats, config.max_examples_per_check, number, c, result.details[c]);
    for (int c = 0; c < kRedactionClassCount; ++c) stats->leaks[c] += result.leaks[c];
    AddStatistics(result, stats, &prompts, &manifests);
  }
  progress.Finish(stats->total, bytes_read);
  stats->prompt_bytes = LengthSummary::Of(&prompts);
  stats->manifest_bytes = LengthSummary::Of(&manifests);
  stats->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  for (int c = 0; c < kRecordCheckCount; ++c) {
    if (!stats->violations[c]) continue;
    const std::string first =
        stats->examples[c].empty()
            ? std::string()
            : fmt::format(" (first at line {}: {})", stats->examples[c][0].line,
                          stats->examples[c][0].detail);
    AM_LOG_WARN("validate: {} record(s) fail {}{}", stats->violations[c],
                RecordCheckName(static_cast<RecordCheck>(c)), first);
  }
  AM_LOG_INFO("validate: {} of {} records valid ({:.2f}%) in {:.2f}s", stats->valid, stats->total,
              stats->pass_rate_pct(), stats->seconds);
  AUTOMEND_RETURN_IF_ERROR(WriteFileAtomically(report, stats->ToJson()));
  AM_LOG_INFO("validate: wrote {}", report);
  return Status::OK();
}

}  // namespace automend
