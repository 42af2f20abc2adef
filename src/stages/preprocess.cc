#include "stages/preprocess.h"

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

#include "core/hash_set64.h"
#include "core/io/atomic_file.h"
#include "core/json/json_writer.h"
#include "core/logging.h"
#include "core/progress.h"
#include "core/thread_pool.h"
#include "records/row_processor.h"

namespace automend {
namespace {

constexpr size_t kMaxExamples = 5;

// What a worker learned about one row. Whether the row is a duplicate is decided later,
// in input order, by the writer; so a row keeps what a duplicate report needs too.
struct RowResult {
  uint64_t fingerprint = 0;
  RowOutcome outcome;
  size_t record_begin = 0;  // its record line in BatchResult::records, when it passed
  size_t record_end = 0;
  std::string origin;
  std::string hexsha;
  std::string path;
};

// What one batch produced, in input order.
struct BatchResult {
  Status status;                 // the source failed while decoding this batch
  std::vector<RowError> errors;  // undecodable rows
  std::vector<RowResult> rows;
  std::string records;
  int64_t content_bytes = 0;
};

// Decodes and processes one batch; runs on a worker thread.
void ProcessBatch(const RowProcessor& processor, PendingBatch* pending, BatchResult* out) {
  RowBatch batch;
  out->status = pending->Decode(&batch);
  if (!out->status.ok()) return;
  out->errors = std::move(batch.errors);
  out->rows.resize(batch.rows.size());
  for (size_t i = 0; i < batch.rows.size(); ++i) {
    Row& row = batch.rows[i];
    RowResult& r = out->rows[i];
    out->content_bytes += static_cast<int64_t>(row.content_size());
    r.fingerprint = HashSet64::Fingerprint(row.hexsha);
    r.record_begin = out->records.size();
    r.outcome = processor.ProcessLazily(&row, &out->records);
    r.record_end = out->records.size();
    r.origin = std::move(row.origin);
    r.hexsha = std::move(row.hexsha);
    r.path = std::move(row.path);
  }
}

void AppendReject(std::string_view origin, std::string_view hexsha, std::string_view path,
                  GateReason reason, std::string_view detail, std::string* out) {
  JsonWriter w(out);
  w.BeginObject().Field("origin", origin).Field("hexsha", hexsha).Field("path", path);
  w.Field("reason", GateReasonName(reason)).Field("detail", detail).EndObject();
  out->push_back('\n');
}

// Folds finished batches into the statistics and outputs, strictly in input order. Owns
// the dedup set: the first occurrence of a hexsha in input order wins. Main thread only.
class OrderedWriter {
 public:
  OrderedWriter(PreprocessStats* stats, AtomicFileWriter* records, AtomicFileWriter* rejects)
      : stats_(stats), records_(records), rejects_(rejects) {}

  Status Write(BatchResult&& b) {
    AUTOMEND_RETURN_IF_ERROR(b.status);
    PreprocessStats& s = *stats_;
    std::string rejects;
    for (const RowError& e : b.errors) {
      s.rows_in++;
      s.reasons[static_cast<int>(GateReason::kMalformed)]++;
      s.malformed_by_reason[e.reason]++;
      if (s.malformed.size() < kMaxExamples) s.malformed.push_back(e);
      AM_LOG_WARN("skipped undecodable row at {}: {} ({})", e.origin, e.detail, e.reason);
      if (rejects_) AppendReject(e.origin, "", "", GateReason::kMalformed, e.detail, &rejects);
    }
    s.content_bytes += b.content_bytes;
    std::string_view all_records(b.records);
    for (RowResult& r : b.rows) {
      s.rows_in++;
      GateReason reason = seen_.Insert(r.fingerprint) ? r.outcome.reason : GateReason::kDuplicate;
      std::string detail = reason == GateReason::kDuplicate ? "hexsha " + r.hexsha : r.outcome.detail;
      s.reasons[static_cast<int>(reason)]++;
      if (reason != GateReason::kPass) {
        auto& examples = s.examples[static_cast<int>(reason)];
        if (examples.size() < kMaxExamples) examples.push_back({r.origin, detail});
        if (rejects_) AppendReject(r.origin, r.hexsha, r.path, reason, detail, &rejects);
        continue;
      }
      AUTOMEND_RETURN_IF_ERROR(
          records_->Append(all_records.substr(r.record_begin, r.record_end - r.record_begin)));
      s.records++;
      int64_t total = 0;
      for (int c = 0; c < kRedactionClassCount; ++c) {
        s.redactions[c] += r.outcome.redactions[c];
        total += r.outcome.redactions[c];
      }
      for (int rule = 0; rule < kSecretRuleCount; ++rule) s.secrets[rule] += r.outcome.secrets[rule];
      if (total) s.records_with_redactions++;
      s.iac_types[r.outcome.iac_type]++;
      s.prompt_types[r.outcome.prompt_type]++;
    }
    if (rejects_) return rejects_->Append(rejects);
    return Status::OK();
  }

 private:
  PreprocessStats* stats_;
  AtomicFileWriter* records_;
  AtomicFileWriter* rejects_;
  HashSet64 seen_;
};

}  // namespace

std::string PreprocessStats::ToJson() const {
  std::string out;
  JsonWriter w(&out, 2);
  w.BeginObject();
  w.Field("source", source);
  w.Field("rows_in", rows_in).Field("content_bytes", content_bytes).Field("records", records);
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
  w.Key("secret_redactions_by_rule").BeginObject();
  for (int rule = 0; rule < kSecretRuleCount; ++rule)
    w.Field(SecretRuleName(static_cast<SecretRule>(rule)), secrets[rule]);
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
  if (!options.rejects.empty()) AUTOMEND_RETURN_IF_ERROR(rejects.Open(options.rejects));
  OrderedWriter writer(stats, &out, options.rejects.empty() ? nullptr : &rejects);
  const RowProcessor processor(config);
  Progress progress("preprocess", options.progress);

  // Batches are numbered in input order; finished ones wait in `done` until every earlier
  // one has been written, so the output never depends on the thread count. At most
  // `max_in_flight` batches exist at once, which bounds memory.
  std::mutex mu;
  std::condition_variable cv;
  std::map<uint64_t, BatchResult> done;
  uint64_t submitted = 0, written = 0;
  Status write_status;
  const uint64_t max_in_flight = static_cast<uint64_t>(threads) + 2;

  auto write_ready = [&](std::unique_lock<std::mutex>& lock) {
    while (true) {
      auto it = done.find(written);
      if (it == done.end()) return;
      BatchResult result = std::move(it->second);
      done.erase(it);
      lock.unlock();
      if (write_status.ok()) write_status = writer.Write(std::move(result));
      progress.Update(stats->rows_in, stats->content_bytes, source->Fraction());
      lock.lock();
      ++written;
    }
  };

  // With one thread everything runs here, in order, with no pool.
  std::unique_ptr<ThreadPool> pool;
  if (threads > 1) pool = std::make_unique<ThreadPool>(threads);
  Status read_status;
  while (write_status.ok()) {
    std::unique_ptr<PendingBatch> pending;
    read_status = source->NextPending(&pending);
    if (!read_status.ok() || !pending) break;
    const uint64_t seq = submitted++;
    if (!pool) {
      BatchResult result;
      ProcessBatch(processor, pending.get(), &result);
      std::unique_lock<std::mutex> lock(mu);
      done.emplace(seq, std::move(result));
      write_ready(lock);
      continue;
    }
    std::shared_ptr<PendingBatch> shared(std::move(pending));
    pool->Submit([&, shared, seq] {
      BatchResult result;
      ProcessBatch(processor, shared.get(), &result);
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
  if (!options.rejects.empty()) AUTOMEND_RETURN_IF_ERROR(rejects.Commit());
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
  source_options.escaped_content = true;  // ProcessLazily decodes only what it must
  std::unique_ptr<RowSource> source;
  AUTOMEND_RETURN_IF_ERROR(OpenRowSource(options.input, source_options, &source));
  return RunPreprocessFrom(config, source.get(), options, stats);
}

}  // namespace automend
