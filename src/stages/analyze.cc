#include "stages/analyze.h"

#include <chrono>
#include <memory>
#include <mutex>

#include "core/hash_set64.h"
#include "core/io/atomic_file.h"
#include "core/json/json_writer.h"
#include "core/logging.h"
#include "core/progress.h"
#include "core/text/utf8.h"
#include "core/thread_pool.h"
#include "gates/gate_chain.h"
#include "gates/gate_reason.h"
#include "quality/size_bucket.h"
#include "stages/parallel_batches.h"
#include "stages/stage_paths.h"

namespace automend {
namespace {

constexpr size_t kTopKinds = 20;
constexpr int kExt = 0, kSize = 1, kLicense = 2, kKeyword = 3, kYaml = 4, kK8s = 5;

// Counts one deduplicated row: its distributions, then the gates in order until one fails.
void TallyRow(const GateChain& gates, const Row& row, YamlStream* yaml, AnalysisTally* t) {
  ++t->unique_rows;
  t->unique_bytes += static_cast<int64_t>(row.content().size());
  if (row.licenses.empty()) t->licenses.Add("none");
  for (const auto& l : row.licenses) t->licenses.Add(l);
  t->extensions.Add(PathExtension(row.path));
  t->sizes.Add(SizeBucket(static_cast<int64_t>(row.content().size())));

  if (!CheckUtf8(row.content()).valid) {
    ++t->encoding_rejected;
    return;
  }
  if (!GateChain::PassesExt(row.path)) {
    ++t->gate_rejected[kExt];
    return;
  }
  if (!gates.PassesSize(row.content())) {
    ++t->gate_rejected[kSize];
    return;
  }
  if (!gates.PassesLicense(row.licenses)) {
    ++t->gate_rejected[kLicense];
    return;
  }
  ++t->keyword_rows_scanned;
  // The mask is the keyword gate's own matcher: no bit set <=> the gate rejects.
  const uint64_t mask = gates.keywords().MatchMask(row.content());
  for (size_t i = 0; i < t->keyword_rows.size(); ++i)
    if (mask & (uint64_t{1} << i)) ++t->keyword_rows[i];
  if (mask == 0) {
    ++t->gate_rejected[kKeyword];
    return;
  }
  std::string why;
  if (!gates.PassesYaml(row.content(), yaml, &why)) {
    ++t->gate_rejected[kYaml];
    return;
  }
  std::string value;
  for (uint32_t root : yaml->documents()) {
    if (yaml->IsEmptyDocument(root)) continue;
    if (yaml->node(yaml->Resolve(root)).kind != YamlNode::Kind::kMapping) continue;
    ++t->yaml_documents;
    if (DocumentStringField(*yaml, root, "kind", &value)) t->kinds.Add(value);
    if (DocumentStringField(*yaml, root, "apiVersion", &value)) t->api_versions.Add(value);
  }
  std::vector<K8sObject> objects;
  if (!CheckKubernetesDocuments(*yaml, &objects, &why)) ++t->gate_rejected[kK8s];
}

void WriteTop(JsonWriter* w, std::string_view key, const Counter& c) {
  w->Key(key).BeginObject();
  w->Field("distinct", static_cast<int64_t>(c.distinct()));
  w->Key("top");
  c.WriteJson(w, kTopKinds);
  w->EndObject();
}

}  // namespace

std::string PathExtension(std::string_view path) {
  const size_t slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return "none";
  std::string ext(name.substr(dot + 1));
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return ext.empty() ? "none" : ext;
}

void AnalysisTally::Merge(const AnalysisTally& o) {
  unique_rows += o.unique_rows;
  unique_bytes += o.unique_bytes;
  encoding_rejected += o.encoding_rejected;
  for (size_t i = 0; i < gate_rejected.size(); ++i) gate_rejected[i] += o.gate_rejected[i];
  licenses.Merge(o.licenses);
  extensions.Merge(o.extensions);
  sizes.Merge(o.sizes);
  keyword_rows_scanned += o.keyword_rows_scanned;
  if (keyword_rows.size() < o.keyword_rows.size()) keyword_rows.resize(o.keyword_rows.size());
  for (size_t i = 0; i < o.keyword_rows.size(); ++i) keyword_rows[i] += o.keyword_rows[i];
  yaml_documents += o.yaml_documents;
  kinds.Merge(o.kinds);
  api_versions.Merge(o.api_versions);
}

int64_t AnalysisStats::passing_rows() const {
  int64_t n = tally.unique_rows - tally.encoding_rejected;
  for (int64_t r : tally.gate_rejected) n -= r;
  return n;
}

std::string AnalysisStats::ToJson() const {
  std::string out;
  JsonWriter w(&out, 2);
  w.BeginObject();
  w.Field("source", source);
  w.Field("rows", rows).Field("bytes", content_bytes).Field("malformed", malformed);
  w.Field("duplicates", duplicates).Field("unique_rows", tally.unique_rows);
  w.Field("unique_bytes", tally.unique_bytes).Field("encoding_rejected", tally.encoding_rejected);
  int64_t entering = tally.unique_rows - tally.encoding_rejected;
  w.Key("funnel").BeginArray();
  for (size_t i = 0; i < std::size(kGateOrder); ++i) {
    const int64_t failed = tally.gate_rejected[i];
    w.BeginObject().Field("gate", GateReasonName(kGateOrder[i])).Field("in", entering);
    w.Field("out", entering - failed).Field("rejected", failed).EndObject();
    entering -= failed;
  }
  w.EndArray();
  w.Field("passing_rows", passing_rows());
  w.Key("licenses");
  tally.licenses.WriteJson(&w);
  w.Key("extensions");
  tally.extensions.WriteJson(&w);
  w.Key("sizes");
  tally.sizes.WriteJson(&w);
  w.Key("keywords").BeginObject().Field("rows_scanned", tally.keyword_rows_scanned);
  w.Field("rows_without_keyword", tally.gate_rejected[kKeyword]);
  w.Key("rows_per_keyword").BeginObject();
  for (size_t i = 0; i < keywords.size(); ++i)
    w.Field(keywords[i], i < tally.keyword_rows.size() ? tally.keyword_rows[i] : int64_t{0});
  w.EndObject().EndObject();
  w.Field("yaml_documents", tally.yaml_documents);
  WriteTop(&w, "kinds", tally.kinds);
  WriteTop(&w, "api_versions", tally.api_versions);
  w.EndObject();
  out.push_back('\n');
  return out;
}

std::string AnalysisStats::Summary() const {
  std::string s = fmt::format(
      "analyze: {} rows, {:.1f} MB of content, {} duplicates, {} malformed, {} invalid UTF-8\n",
      rows, static_cast<double>(content_bytes) / 1e6, duplicates, malformed,
      tally.encoding_rejected);
  int64_t entering = tally.unique_rows - tally.encoding_rejected;
  s += "gate funnel:";
  for (size_t i = 0; i < std::size(kGateOrder); ++i) {
    s += fmt::format(" {} {}->{}", GateReasonName(kGateOrder[i]), entering,
                     entering - tally.gate_rejected[i]);
    entering -= tally.gate_rejected[i];
  }
  s += fmt::format("\npassing all gates: {} rows ({} documents parsed)\n", passing_rows(),
                   tally.yaml_documents);
  s += "top kinds:";
  for (const auto& [kind, n] : tally.kinds.MostCommon(5)) s += fmt::format(" {} {},", kind, n);
  if (!s.empty() && s.back() == ',') s.pop_back();
  s += "\n";
  return s;
}

Status RunAnalyzeFrom(const Config& config, RowSource* source, const AnalyzeOptions& options,
                      AnalysisStats* stats) {
  const auto start = std::chrono::steady_clock::now();
  *stats = AnalysisStats();
  stats->source = source->Describe();
  stats->keywords = config.keywords;
  stats->tally.keyword_rows.assign(config.keywords.size(), 0);
  const int threads = options.threads > 0  ? options.threads
                      : config.threads > 0 ? config.threads
                                           : ThreadPool::DefaultThreads();
  stats->threads = threads;
  const std::string report = options.report.empty() ? AnalysisReportPath(config) : options.report;
  AM_LOG_INFO("analyze: {} with {} thread(s)", stats->source, threads);

  const GateChain gates(config);
  HashSet64 seen;
  std::mutex mu;
  Progress progress("analyze", options.progress);
  auto prepare = [&](RowBatch* batch) {
    stats->rows += static_cast<int64_t>(batch->rows.size() + batch->errors.size());
    stats->malformed += static_cast<int64_t>(batch->errors.size());
    for (const auto& e : batch->errors)
      AM_LOG_WARN("skipped undecodable row at {}: {} ({})", e.origin, e.detail, e.reason);
    size_t kept = 0;
    for (auto& row : batch->rows) {
      stats->content_bytes += static_cast<int64_t>(row.content().size());
      if (!seen.Insert(HashSet64::Fingerprint(row.hexsha))) {
        ++stats->duplicates;
        continue;
      }
      if (&batch->rows[kept] != &row) batch->rows[kept] = std::move(row);
      ++kept;
    }
    batch->rows.resize(kept);
    progress.Update(stats->rows, stats->content_bytes, source->Fraction());
  };
  auto work = [&](const RowBatch& batch, uint64_t) {
    thread_local YamlStream yaml;
    AnalysisTally local;
    local.keyword_rows.assign(config.keywords.size(), 0);
    for (const Row& row : batch.rows) TallyRow(gates, row, &yaml, &local);
    std::lock_guard<std::mutex> lock(mu);
    stats->tally.Merge(local);
  };
  Status read = ForEachBatch(source, threads, prepare, work);
  progress.Finish(stats->rows, stats->content_bytes);
  AUTOMEND_RETURN_IF_ERROR(read);
  stats->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  AM_LOG_INFO("analyze: {} rows, {} duplicates, {} pass all gates, in {:.2f}s", stats->rows,
              stats->duplicates, stats->passing_rows(), stats->seconds);
  AUTOMEND_RETURN_IF_ERROR(WriteFileAtomically(report, stats->ToJson()));
  AM_LOG_INFO("analyze: wrote {}", report);
  return Status::OK();
}

Status RunAnalyze(const Config& config, const AnalyzeOptions& options, AnalysisStats* stats) {
  SourceOptions source_options;
  source_options.default_licenses = config.default_licenses;
  std::unique_ptr<RowSource> source;
  const std::string input = options.input.empty() ? DefaultRawInput(config) : options.input;
  AUTOMEND_RETURN_IF_ERROR(OpenRowSource(input, source_options, &source));
  return RunAnalyzeFrom(config, source.get(), options, stats);
}

}  // namespace automend
