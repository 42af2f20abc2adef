#include "stages/merge_records.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>

#include "core/hash_set64.h"
#include "core/io/atomic_file.h"
#include "core/io/line_reader.h"
#include "core/logging.h"

namespace automend {
namespace {

// As many examples per reason as one preprocess run keeps.
constexpr size_t kMaxExamples = 5;

std::string StripJsonl(const std::string& path) {
  constexpr std::string_view kExt = ".jsonl";
  if (path.size() > kExt.size() && path.compare(path.size() - kExt.size(), kExt.size(), kExt) == 0)
    return path.substr(0, path.size() - kExt.size());
  return path;
}

int ReasonIndex(std::string_view name) {
  for (int i = 0; i < kGateReasonCount; ++i)
    if (GateReasonName(static_cast<GateReason>(i)) == name) return i;
  return -1;
}

Status ReadInt(const JsonValue& obj, std::string_view key, int64_t* out) {
  const JsonValue* v = obj.Find(key);
  if (!v || !v->is_int()) return Status::InvalidArgument("no integer '" + std::string(key) + "'");
  *out = v->as_int();
  return Status::OK();
}

// Every member of an object of integers, e.g. {"kserve": 3}.
Status ReadCounts(const JsonValue& obj, std::string_view key,
                  std::vector<std::pair<std::string, int64_t>>* out) {
  const JsonValue* v = obj.Find(key);
  if (!v || !v->is_object()) return Status::InvalidArgument("no object '" + std::string(key) + "'");
  for (const auto& [k, count] : v->object()) {
    if (!count.is_int())
      return Status::InvalidArgument("'" + std::string(key) + "." + k + "' is not an integer");
    out->emplace_back(k, count.as_int());
  }
  return Status::OK();
}

std::string StringField(const JsonValue& obj, std::string_view key) {
  const JsonValue* v = obj.Find(key);
  return v && v->is_string() ? v->as_string() : std::string();
}

// Takes one back from a named count, dropping the name when it reaches zero.
void Decrement(std::map<std::string, int64_t>* counts, const std::string& key) {
  auto it = counts->find(key);
  if (it == counts->end()) return;
  if (--it->second <= 0) counts->erase(it);
}

size_t CountOccurrences(std::string_view text, std::string_view token) {
  size_t n = 0;
  for (size_t at = text.find(token); at != std::string_view::npos;
       at = text.find(token, at + token.size()))
    ++n;
  return n;
}

// The redactions of one record by class, read from the replacement tokens in its text.
// Records carry only the total, so this holds only when the tokens add up to it; a file
// that already contained a token literally makes them disagree, and then it returns false.
bool RedactionsOfRecord(std::string_view line, int64_t total, RedactionCounts* counts) {
  int64_t sum = 0;
  for (int c = 0; c < kRedactionClassCount; ++c) {
    (*counts)[c] =
        static_cast<int64_t>(CountOccurrences(line, ReplacementToken(static_cast<RedactionClass>(c))));
    sum += (*counts)[c];
  }
  return sum == total;
}

// Folds one shard's report into the running total, in shard order.
void AddReport(const PreprocessStats& s, PreprocessStats* total) {
  total->threads = std::max(total->threads, s.threads);
  total->rows_in += s.rows_in;
  total->content_bytes += s.content_bytes;
  total->records += s.records;
  total->seconds += s.seconds;
  for (int i = 0; i < kGateReasonCount; ++i) total->reasons[i] += s.reasons[i];
  for (int c = 0; c < kRedactionClassCount; ++c) total->redactions[c] += s.redactions[c];
  for (int r = 0; r < kSecretRuleCount; ++r) total->secrets[r] += s.secrets[r];
  total->records_with_redactions += s.records_with_redactions;
  for (const auto& [k, v] : s.iac_types) total->iac_types[k] += v;
  for (const auto& [k, v] : s.prompt_types) total->prompt_types[k] += v;
  for (const RowError& e : s.malformed)
    if (total->malformed.size() < kMaxExamples) total->malformed.push_back(e);
  for (int i = 0; i < kGateReasonCount; ++i)
    for (const RejectedExample& e : s.examples[i])
      if (total->examples[i].size() < kMaxExamples) total->examples[i].push_back(e);
}

// Moves one row counted under `reason` in its shard to `duplicate`, as one run would have
// counted it.
void CountAsDuplicate(int reason, const std::string& origin, const std::string& hexsha,
                      PreprocessStats* total) {
  const int dup = static_cast<int>(GateReason::kDuplicate);
  total->reasons[reason]--;
  total->reasons[dup]++;
  auto& examples = total->examples[reason];
  examples.erase(std::remove_if(examples.begin(), examples.end(),
                                [&](const RejectedExample& e) { return e.origin == origin; }),
                 examples.end());
  if (total->examples[dup].size() < kMaxExamples)
    total->examples[dup].push_back({origin, "hexsha " + hexsha});
}

class ShardMerger {
 public:
  ShardMerger(const MergeRecordsOptions& options, MergeRecordsStats* stats)
      : options_(options), stats_(stats), total_(&stats->report) {}

  Status Run() {
    AUTOMEND_RETURN_IF_ERROR(out_.Open(options_.output));
    total_->threads = 0;
    for (const std::string& shard : options_.shard_outputs) {
      int64_t reported_records = -1;
      if (!options_.report.empty()) {
        AUTOMEND_RETURN_IF_ERROR(AddShardReport(shard, &reported_records));
      }
      int64_t lines = 0;
      AUTOMEND_RETURN_IF_ERROR(MergeRecords(shard, &lines));
      if (reported_records >= 0 && reported_records != lines) {
        return Status::Corruption(
            fmt::format("{} has {} records but {} says {}: the files come from different runs",
                        shard, lines, ShardReportPath(shard), reported_records));
      }
      AUTOMEND_RETURN_IF_ERROR(MergeRejects(shard));
      stats_->shards++;
    }
    AUTOMEND_RETURN_IF_ERROR(out_.Commit());
    if (options_.report.empty()) return Status::OK();
    total_->source = DescribeSources();
    return WriteFileAtomically(options_.report, total_->ToJson());
  }

 private:
  Status AddShardReport(const std::string& shard, int64_t* records) {
    const std::string path = ShardReportPath(shard);
    std::string text;
    AUTOMEND_RETURN_IF_ERROR(
        ReadFileToString(path, &text).WithContext("the report of shard " + shard));
    JsonValue json;
    PreprocessStats s;
    Status st = ParseJson(text, &json);
    if (st.ok()) st = PreprocessStatsFromJson(json, &s);
    if (!st.ok()) return Status::Corruption(path + ": not a preprocess report: " + st.message());
    sources_.push_back(s.source);
    AddReport(s, total_);
    *records = s.records;
    return Status::OK();
  }

  Status MergeRecords(const std::string& shard, int64_t* lines) {
    std::unique_ptr<LineReader> reader;
    AUTOMEND_RETURN_IF_ERROR(LineReader::Open(shard, &reader));
    std::string_view line;
    bool got = false, too_long = false;
    while (true) {
      AUTOMEND_RETURN_IF_ERROR(reader->Next(&line, &got, &too_long));
      if (!got) break;
      ++*lines;
      auto where = [&] { return shard + ":" + std::to_string(reader->line_number()); };
      if (too_long) return Status::Corruption(where() + ": line too long for a record");
      JsonValue record;
      Status st = ParseJson(line, &record);
      const JsonValue* metadata = st.ok() ? record.Find("metadata") : nullptr;
      const JsonValue* hexsha = metadata ? metadata->Find("hexsha") : nullptr;
      if (!hexsha || !hexsha->is_string()) {
        return Status::Corruption(where() + ": not a record (" +
                                  (st.ok() ? "no string metadata.hexsha" : st.message()) + ")");
      }
      stats_->records_in++;
      if (seen_.Insert(HashSet64::Fingerprint(hexsha->as_string()))) {
        AUTOMEND_RETURN_IF_ERROR(out_.Append(line));
        AUTOMEND_RETURN_IF_ERROR(out_.Append("\n"));
        stats_->records_out++;
        continue;
      }
      // The record's row counted as passing in its shard; one run would have dropped it.
      stats_->duplicate_records++;
      CountAsDuplicate(static_cast<int>(GateReason::kPass), where(), hexsha->as_string(), total_);
      total_->records--;
      Decrement(&total_->iac_types, StringField(*metadata, "iac_type"));
      Decrement(&total_->prompt_types, StringField(*metadata, "prompt_type"));
      const JsonValue* redactions = metadata->Find("redactions");
      const int64_t redacted = redactions && redactions->is_int() ? redactions->as_int() : 0;
      if (redacted <= 0) continue;
      total_->records_with_redactions--;
      RedactionCounts by_class{};
      if (!RedactionsOfRecord(line, redacted, &by_class)) {
        stats_->unattributed_redactions += redacted;
        AM_LOG_WARN(
            "{}: cannot tell the classes of this dropped record's {} redaction(s); the "
            "report's per-class counts keep them",
            where(), redacted);
        continue;
      }
      for (int c = 0; c < kRedactionClassCount; ++c) total_->redactions[c] -= by_class[c];
    }
    return Status::OK();
  }

  // The rows a shard rejected join the dedup set (one run dedups before any gate), and a
  // rejected row whose hexsha came in an earlier shard becomes a duplicate.
  Status MergeRejects(const std::string& shard) {
    const std::string path = ShardRejectsPath(shard);
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      stats_->shards_without_rejects++;
      AM_LOG_WARN("no {}: rows that shard rejected cannot hide later records with their hexsha",
                  path);
      return Status::OK();
    }
    std::unique_ptr<LineReader> reader;
    AUTOMEND_RETURN_IF_ERROR(LineReader::Open(path, &reader));
    std::string_view line;
    bool got = false, too_long = false;
    while (true) {
      AUTOMEND_RETURN_IF_ERROR(reader->Next(&line, &got, &too_long));
      if (!got) break;
      auto where = [&] { return path + ":" + std::to_string(reader->line_number()); };
      if (too_long) return Status::Corruption(where() + ": line too long for a rejected row");
      JsonValue reject;
      Status st = ParseJson(line, &reject);
      const int reason =
          st.ok() && reject.is_object() ? ReasonIndex(StringField(reject, "reason")) : -1;
      if (reason <= static_cast<int>(GateReason::kPass)) {
        return Status::Corruption(where() + ": not a rejected row (" +
                                  (st.ok() ? "no known rejection reason" : st.message()) + ")");
      }
      // Undecodable rows have no hexsha and never entered the dedup set.
      if (reason == static_cast<int>(GateReason::kMalformed)) continue;
      const std::string hexsha = StringField(reject, "hexsha");
      if (seen_.Insert(HashSet64::Fingerprint(hexsha)) ||
          reason == static_cast<int>(GateReason::kDuplicate)) {
        continue;
      }
      stats_->duplicate_rejects++;
      CountAsDuplicate(reason, StringField(reject, "origin"), hexsha, total_);
    }
    return Status::OK();
  }

  std::string DescribeSources() const {
    if (sources_.size() == 1) return sources_.front();
    if (sources_.empty()) return "no shards";
    return fmt::format("{} shards: {} ... {}", sources_.size(), sources_.front(), sources_.back());
  }

  const MergeRecordsOptions& options_;
  MergeRecordsStats* stats_;
  PreprocessStats* total_;
  AtomicFileWriter out_;
  HashSet64 seen_;
  std::vector<std::string> sources_;
};

}  // namespace

std::string ShardReportPath(const std::string& shard_output) {
  return StripJsonl(shard_output) + ".report.json";
}

std::string ShardRejectsPath(const std::string& shard_output) {
  return StripJsonl(shard_output) + ".rejects.jsonl";
}

Status PreprocessStatsFromJson(const JsonValue& json, PreprocessStats* stats) {
  *stats = PreprocessStats();
  if (!json.is_object()) return Status::InvalidArgument("not a JSON object");
  stats->source = StringField(json, "source");
  int64_t threads = 1;
  if (ReadInt(json, "threads", &threads).ok()) stats->threads = static_cast<int>(threads);
  AUTOMEND_RETURN_IF_ERROR(ReadInt(json, "rows_in", &stats->rows_in));
  AUTOMEND_RETURN_IF_ERROR(ReadInt(json, "content_bytes", &stats->content_bytes));
  AUTOMEND_RETURN_IF_ERROR(ReadInt(json, "records", &stats->records));
  AUTOMEND_RETURN_IF_ERROR(
      ReadInt(json, "records_with_redactions", &stats->records_with_redactions));
  if (const JsonValue* s = json.Find("seconds"); s && s->is_number())
    stats->seconds = s->as_double();
  stats->reasons[static_cast<int>(GateReason::kPass)] = stats->records;

  std::vector<std::pair<std::string, int64_t>> counts;
  AUTOMEND_RETURN_IF_ERROR(ReadCounts(json, "rejected", &counts));
  for (const auto& [name, n] : counts) {
    int i = ReasonIndex(name);
    if (i <= 0) return Status::InvalidArgument("unknown reason 'rejected." + name + "'");
    stats->reasons[i] = n;
  }
  counts.clear();
  AUTOMEND_RETURN_IF_ERROR(ReadCounts(json, "redactions", &counts));
  for (const auto& [name, n] : counts) {
    int c = 0;
    while (c < kRedactionClassCount && RedactionClassName(static_cast<RedactionClass>(c)) != name)
      ++c;
    if (c == kRedactionClassCount)
      return Status::InvalidArgument("unknown redaction class 'redactions." + name + "'");
    stats->redactions[c] = n;
  }
  counts.clear();
  if (json.Find("secret_redactions_by_rule")) {
    AUTOMEND_RETURN_IF_ERROR(ReadCounts(json, "secret_redactions_by_rule", &counts));
    for (const auto& [name, n] : counts) {
      std::optional<SecretRule> rule = SecretRuleByName(name);
      if (!rule)
        return Status::InvalidArgument("unknown secret rule 'secret_redactions_by_rule." + name + "'");
      stats->secrets[static_cast<int>(*rule)] = n;
    }
    counts.clear();
  }
  AUTOMEND_RETURN_IF_ERROR(ReadCounts(json, "iac_types", &counts));
  for (const auto& [name, n] : counts) stats->iac_types[name] = n;
  counts.clear();
  AUTOMEND_RETURN_IF_ERROR(ReadCounts(json, "prompt_types", &counts));
  for (const auto& [name, n] : counts) stats->prompt_types[name] = n;

  if (const JsonValue* m = json.Find("malformed_rows"); m && m->is_array()) {
    for (const JsonValue& e : m->array())
      stats->malformed.push_back(
          {StringField(e, "origin"), StringField(e, "reason"), StringField(e, "detail")});
  }
  if (const JsonValue* ex = json.Find("examples"); ex && ex->is_object()) {
    for (const auto& [name, list] : ex->object()) {
      int i = ReasonIndex(name);
      if (i <= 0 || !list.is_array()) return Status::InvalidArgument("bad 'examples." + name + "'");
      for (const JsonValue& e : list.array())
        stats->examples[i].push_back({StringField(e, "origin"), StringField(e, "detail")});
    }
  }
  return Status::OK();
}

Status RunMergeRecords(const MergeRecordsOptions& options, MergeRecordsStats* stats) {
  *stats = MergeRecordsStats();
  if (options.shard_outputs.empty())
    return Status::InvalidArgument("merge-records: no shard outputs given");
  const auto start = std::chrono::steady_clock::now();
  ShardMerger merger(options, stats);
  AUTOMEND_RETURN_IF_ERROR(merger.Run());
  AM_LOG_INFO(
      "merge-records: {} shard(s), {} records in, {} out ({} dropped as duplicates of "
      "earlier shards, {} rejected rows recounted as duplicates) in {:.2f}s",
      stats->shards, stats->records_in, stats->records_out, stats->duplicate_records,
      stats->duplicate_rejects,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return Status::OK();
}

}  // namespace automend
