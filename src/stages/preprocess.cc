#include "stages/preprocess.h"

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

#include "core/atomic_file.h"
#include "core/hash_set64.h"
#include "core/json_writer.h"
#include "core/logging.h"
#include "core/progress.h"
#include "core/thread_pool.h"
#include "stages/row_processor.h"

namespace automend {
namespace {

constexpr size_t kMaxExamples = 5;

// What one batch produced: its record lines and its share of the statistics.
struct BatchResult {
  std::string records;
  std::string rejects;  // JSONL lines, when asked for
  PreprocessStats stats;
};

void AddExample(PreprocessStats* s, GateReason r, const std::string& origin, std::string detail) {
  auto& list = s->examples[static_cast<int>(r)];
  if (list.size() < kMaxExamples) list.push_back({origin, std::move(detail)});
}

void AppendReject(const std::string& origin, const std::string& hexsha, const std::string& path,
                  GateReason reason, const std::string& detail, std::string* out) {
  JsonWriter w(out);
  w.BeginObject().Field("origin", origin).Field("hexsha", hexsha).Field("path", path);
  w.Field("reason", GateReasonName(reason)).Field("detail", detail).EndObject();
  out->push_back('\n');
}

void ProcessBatch(const RowProcessor& processor, const RowBatch& batch, bool rejects,
                  BatchResult* out) {
  PreprocessStats& s = out->stats;
  for (const Row& row : batch.rows) {
    RowOutcome o = processor.Process(row, &out->records);
    s.reasons[static_cast<int>(o.reason)]++;
    if (o.reason != GateReason::kPass) {
      if (rejects) AppendReject(row.origin, row.hexsha, row.path, o.reason, o.detail, &out->rejects);
      AddExample(&s, o.reason, row.origin, std::move(o.detail));
      continue;
    }
    s.records++;
    int64_t total = 0;
    for (int c = 0; c < kRedactionClassCount; ++c) {
      s.redactions[c] += o.redactions[c];
      total += o.redactions[c];
    }
    if (total) s.records_with_redactions++;
    s.iac_types[o.iac_type]++;
    s.prompt_types[o.prompt_type]++;
  }
}

void Merge(PreprocessStats* into, PreprocessStats&& from) {
  into->records += from.records;
  into->records_with_redactions += from.records_with_redactions;
  for (int i = 0; i < kGateReasonCount; ++i) {
    into->reasons[i] += from.reasons[i];
    for (auto& e : from.examples[i])
      if (into->examples[i].size() < kMaxExamples) into->examples[i].push_back(std::move(e));
  }
  for (int c = 0; c < kRedactionClassCount; ++c) into->redactions[c] += from.redactions[c];
  for (auto& [k, v] : from.iac_types) into->iac_types[k] += v;
  for (auto& [k, v] : from.prompt_types) into->prompt_types[k] += v;
}

// Drops rows whose hexsha came before (in input order) and counts undecodable rows.
void DedupAndCount(HashSet64* seen, RowBatch* batch, PreprocessStats* s, std::string* rejects) {
  s->rows_in += static_cast<int64_t>(batch->rows.size() + batch->errors.size());
  for (auto& e : batch->errors) {
    s->reasons[static_cast<int>(GateReason::kMalformed)]++;
    s->malformed_by_reason[e.reason]++;
    if (s->malformed.size() < kMaxExamples) s->malformed.push_back(e);
    AM_LOG_WARN("skipped undecodable row at {}: {} ({})", e.origin, e.detail, e.reason);
    if (rejects) AppendReject(e.origin, "", "", GateReason::kMalformed, e.detail, rejects);
  }
  size_t kept = 0;
  for (auto& row : batch->rows) {
    s->content_bytes += static_cast<int64_t>(row.content.size());
    if (!seen->Insert(HashSet64::Fingerprint(row.hexsha))) {
      s->reasons[static_cast<int>(GateReason::kDuplicate)]++;
      AddExample(s, GateReason::kDuplicate, row.origin, "hexsha " + row.hexsha);
      if (rejects)
        AppendReject(row.origin, row.hexsha, row.path, GateReason::kDuplicate, "", rejects);
      continue;
    }
    if (&batch->rows[kept] != &row) batch->rows[kept] = std::move(row);
    ++kept;
  }
  batch->rows.resize(kept);
}

}  // namespace

std::string PreprocessStats::ToJson() const {
  std::string out;
  JsonWriter w(&out, 2);
  w.BeginObject();
  w.Field("source", source).Field("threads", threads);
  w.Field("rows_in", rows_in).Field("content_bytes", content_bytes).Field("records", records);
  w.Field("seconds", seconds);
  w.Key("rejected").BeginObject();
  for (int i = 1; i < kGateReasonCount; ++i)
    w.Field(GateReasonName(static_cast<GateReason>(i)), reasons[i]);
  w.EndObject();
  // The funnel: rows entering and leaving each gate in spec order (after dedup and the
  // encoding check), then re-validation.
  int64_t entering = rows_in - reasons[static_cast<int>(GateReason::kMalformed)] -
                     reasons[static_cast<int>(GateReason::kDuplicate)] -
                     reasons[static_cast<int>(GateReason::kEncoding)];
  w.Key("funnel").BeginArray();
  auto step = [&](GateReason r) {
    int64_t failed = reasons[static_cast<int>(r)];
    w.BeginObject().Field("gate", GateReasonName(r)).Field("in", entering);
    w.Field("out", entering - failed).Field("rejected", failed).EndObject();
    entering -= failed;
  };
  for (GateReason r : kGateOrder) step(r);
  step(GateReason::kRevalidate);
  w.EndArray();
  w.Key("redactions").BeginObject();
  for (int c = 0; c < kRedactionClassCount; ++c)
    w.Field(RedactionClassName(static_cast<RedactionClass>(c)), redactions[c]);
  w.EndObject();
  w.Field("records_with_redactions", records_with_redactions);
  w.Key("iac_types").BeginObject();
  for (const auto& [k, v] : iac_types) w.Field(k, v);
  w.EndObject();
  w.Key("prompt_types").BeginObject();
  for (const auto& [k, v] : prompt_types) w.Field(k, v);
  w.EndObject();
  w.Key("malformed_rows").BeginArray();
  for (const auto& e : malformed)
    w.BeginObject().Field("origin", e.origin).Field("reason", e.reason).Field("detail", e.detail).EndObject();
  w.EndArray();
  w.Key("examples").BeginObject();
  for (int i = 1; i < kGateReasonCount; ++i) {
    if (examples[i].empty()) continue;
    w.Key(GateReasonName(static_cast<GateReason>(i))).BeginArray();
    for (const auto& e : examples[i])
      w.BeginObject().Field("origin", e.origin).Field("detail", e.detail).EndObject();
    w.EndArray();
  }
  w.EndObject();
  w.EndObject();
  out.push_back('\n');
  return out;
}

Status RunPreprocessFrom(const Config& config, RowSource* source, const PreprocessOptions& options,
                         PreprocessStats* stats) {
  const auto start = std::chrono::steady_clock::now();
  *stats = PreprocessStats();
  stats->source = source->Describe();
  const int threads = options.threads > 0 ? options.threads
                      : config.threads > 0 ? config.threads
                                           : ThreadPool::DefaultThreads();
  stats->threads = threads;
  AM_LOG_INFO("preprocess: {} -> {} with {} thread(s)", stats->source, options.output, threads);

  AtomicFileWriter out;
  AUTOMEND_RETURN_IF_ERROR(out.Open(options.output));
  AtomicFileWriter rejects;
  const bool want_rejects = !options.rejects.empty();
  if (want_rejects) AUTOMEND_RETURN_IF_ERROR(rejects.Open(options.rejects));
  const RowProcessor processor(config);
  HashSet64 seen;
  Progress progress("preprocess", options.progress);

  // Batches are numbered in input order; finished ones wait in `done` until every earlier
  // one has been written, so the output order never depends on the thread count.
  std::mutex mu;
  std::condition_variable cv;
  std::map<uint64_t, BatchResult> done;
  uint64_t submitted = 0, written = 0;
  Status write_status;
  const uint64_t max_in_flight = static_cast<uint64_t>(threads) * 2 + 2;

  auto write_ready = [&](std::unique_lock<std::mutex>& lock) {
    while (true) {
      auto it = done.find(written);
      if (it == done.end()) return;
      BatchResult result = std::move(it->second);
      done.erase(it);
      lock.unlock();
      if (write_status.ok()) write_status = out.Append(result.records);
      if (write_status.ok() && want_rejects) write_status = rejects.Append(result.rejects);
      Merge(stats, std::move(result.stats));
      lock.lock();
      ++written;
    }
  };

  std::unique_ptr<ThreadPool> pool;
  if (threads > 1) pool = std::make_unique<ThreadPool>(threads);
  Status read_status;
  while (true) {
    auto batch = std::make_shared<RowBatch>();
    read_status = source->NextBatch(batch.get());
    if (!read_status.ok() || batch->empty()) break;
    BatchResult first;  // the dedup step's reject lines go before the batch's own
    DedupAndCount(&seen, batch.get(), stats, want_rejects ? &first.rejects : nullptr);
    progress.Update(stats->rows_in, stats->content_bytes, source->Fraction());
    const uint64_t seq = submitted++;
    if (!pool) {
      BatchResult result = std::move(first);
      ProcessBatch(processor, *batch, want_rejects, &result);
      std::unique_lock<std::mutex> lock(mu);
      done.emplace(seq, std::move(result));
      write_ready(lock);
    } else {
      auto head = std::make_shared<BatchResult>(std::move(first));
      pool->Submit([&, batch, seq, head] {
        BatchResult result = std::move(*head);
        ProcessBatch(processor, *batch, want_rejects, &result);
        std::lock_guard<std::mutex> lock(mu);
        done.emplace(seq, std::move(result));
        cv.notify_all();
      });
      std::unique_lock<std::mutex> lock(mu);
      write_ready(lock);
      while (submitted - written >= max_in_flight) {
        cv.wait(lock);
        write_ready(lock);
      }
    }
    if (!write_status.ok()) break;
  }
  {
    std::unique_lock<std::mutex> lock(mu);
    while (written < submitted) {
      write_ready(lock);
      if (written < submitted) cv.wait(lock);
    }
  }
  pool.reset();
  progress.Finish(stats->rows_in, stats->content_bytes);
  if (!read_status.ok()) return read_status.WithContext("reading " + stats->source);
  AUTOMEND_RETURN_IF_ERROR(write_status);
  AUTOMEND_RETURN_IF_ERROR(out.Commit());
  if (want_rejects) AUTOMEND_RETURN_IF_ERROR(rejects.Commit());
  stats->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::string reasons;
  for (int i = 1; i < kGateReasonCount; ++i)
    if (stats->reasons[i])
      reasons += fmt::format(" {}={}", GateReasonName(static_cast<GateReason>(i)), stats->reasons[i]);
  AM_LOG_INFO("preprocess: {} rows in, {} records out in {:.2f}s; rejected:{}", stats->rows_in,
              stats->records, stats->seconds, reasons.empty() ? " none" : reasons);
  if (!options.report.empty())
    AUTOMEND_RETURN_IF_ERROR(WriteFileAtomically(options.report, stats->ToJson()));
  return Status::OK();
}

Status RunPreprocess(const Config& config, const PreprocessOptions& options, PreprocessStats* stats) {
  SourceOptions source_options;
  source_options.default_licenses = config.default_licenses;
  std::unique_ptr<RowSource> source;
  AUTOMEND_RETURN_IF_ERROR(OpenRowSource(options.input, source_options, &source));
  return RunPreprocessFrom(config, source.get(), options, stats);
}

}  // namespace automend
