#include "stages/bias_detection.h"

#include <chrono>
#include <filesystem>
#include <memory>

#include "core/io/atomic_file.h"
#include "core/io/line_reader.h"
#include "core/json/json_reader.h"
#include "core/json/json_value_writer.h"
#include "core/json/json_writer.h"
#include "core/logging.h"
#include "core/progress.h"
#include "quality/size_bucket.h"
#include "stages/stage_paths.h"

namespace automend {
namespace {

constexpr size_t kMaxSkippedShown = 10;
constexpr char kUnknown[] = "unknown";
enum Dimension { kIacType, kLicense, kSize, kPromptType, kDimensions };

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// The record's slice in each dimension; false when the line cannot be sliced.
bool SliceKeys(const JsonValue& record, std::string keys[kDimensions]) {
  const JsonValue* meta = record.is_object() ? record.Find("metadata") : nullptr;
  if (!meta || !meta->is_object()) return false;
  auto text = [&](std::string_view key) {
    const JsonValue* v = meta->Find(key);
    return v && v->is_string() ? v->as_string() : std::string(kUnknown);
  };
  keys[kIacType] = text("iac_type");
  keys[kPromptType] = text("prompt_type");
  const JsonValue* licenses = meta->Find("licenses");
  if (!licenses || !licenses->is_array()) {
    keys[kLicense] = kUnknown;
  } else if (licenses->array().empty()) {
    keys[kLicense] = "none";
  } else {
    const JsonValue& first = licenses->array()[0];
    keys[kLicense] = first.is_string() ? first.as_string() : std::string(kUnknown);
  }
  const JsonValue* size = meta->Find("size_bytes");
  keys[kSize] = size && size->is_int() ? std::string(SizeBucket(size->as_int())) : kUnknown;
  return true;
}

// Reads the next non-blank line; false at the end of the file.
Status NextRecordLine(LineReader* reader, std::string_view* line, bool* got, bool* too_long) {
  while (true) {
    AUTOMEND_RETURN_IF_ERROR(reader->Next(line, got, too_long));
    if (!*got || *too_long || !IsBlank(*line)) return Status::OK();
  }
}

double Share(int64_t n, int64_t total) {
  return total == 0 ? 0.0 : static_cast<double>(n) / static_cast<double>(total);
}

// {"dimension": {"slice": {"count", "share", "over_represented", "under_represented"}}}.
void WriteSlices(JsonWriter* w, std::string_view key,
                 const std::vector<std::pair<std::string, Counter>>& dimensions, int64_t total,
                 double over, double under) {
  w->Key(key).BeginObject();
  for (const auto& [name, counter] : dimensions) {
    w->Key(name).BeginObject();
    for (const auto& [slice, count] : counter.MostCommon()) {
      const double share = Share(count, total);
      w->Key(slice).BeginObject().Field("count", count).Field("share", share);
      w->Field("over_represented", share > over).Field("under_represented", share < under);
      w->EndObject();
    }
    w->EndObject();
  }
  w->EndObject();
}

}  // namespace

int64_t BiasStats::imbalances_found() const {
  int64_t n = 0;
  for (const auto& [name, counter] : dimensions)
    for (const auto& [key, count] : counter.counts()) {
      double share = Share(count, total);
      if (share > over || share < under) ++n;
    }
  return n;
}

std::string BiasStats::ToJson() const {
  std::string out;
  JsonWriter w(&out, 2);
  w.BeginObject();
  w.Field("records", records_path).Field("balanced_records", balanced_path);
  w.Field("total", total).Field("skipped_lines", skipped);
  w.Key("skipped_examples").BeginArray();
  for (uint64_t line : skipped_lines) w.Int(static_cast<int64_t>(line));
  w.EndArray();
  w.Key("thresholds").BeginObject().Field("over_representation", over);
  w.Field("under_representation", under).Field("max_slice_share", max_share).EndObject();
  w.Field("imbalances_found", imbalances_found());
  WriteSlices(&w, "slices", dimensions, total, over, under);

  const Counter& original = dimensions[kIacType].second;
  const auto k = static_cast<int64_t>(balanced.distinct());
  w.Key("mitigation").BeginObject();
  w.Field("dimension", "iac_type").Field("applied", plan.needed && plan.feasible);
  w.Field("reason", plan.reason).Field("seed", seed).Field("max_slice_share", max_share);
  w.Field("original_total", total).Field("balanced_total", balanced_total);
  w.Key("cap");
  if (plan.needed && plan.feasible) {
    w.Int(plan.cap);
  } else {
    w.Null();
  }
  w.Field("slices_present", k).Field("min_slices_for_a_cap", plan.min_slices);
  w.Key("dropped_per_slice").BeginObject();
  for (const auto& [key, count] : original.MostCommon()) w.Field(key, count - balanced.Get(key));
  w.EndObject();
  w.Key("balanced_slices").BeginObject();
  for (const auto& [key, count] : original.MostCommon()) {
    const int64_t n = balanced.Get(key);
    w.Key(key).BeginObject().Field("count", n).Field("share", Share(n, balanced_total));
    w.Field("sampling_weight", static_cast<double>(balanced_total) / static_cast<double>(k * n));
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  WriteSlices(&w, "slices_after_mitigation", balanced_dimensions, balanced_total, over, under);
  w.EndObject();
  out.push_back('\n');
  return out;
}

Status RunBiasDetection(const Config& config, const BiasOptions& options, BiasStats* stats) {
  const auto start = std::chrono::steady_clock::now();
  *stats = BiasStats();
  stats->records_path = options.input.empty() ? config.records_path : options.input;
  stats->balanced_path = options.balanced.empty() ? config.balanced_path : options.balanced;
  const std::string report = options.report.empty() ? BiasReportPath(config) : options.report;
  stats->over = config.over_representation;
  stats->under = config.under_representation;
  stats->max_share = config.max_slice_share;
  stats->seed = config.bias_seed;
  for (const char* name : {"iac_type", "license", "size", "prompt_type"}) {
    stats->dimensions.emplace_back(name, Counter());
    stats->balanced_dimensions.emplace_back(name, Counter());
  }
  AM_LOG_INFO("bias-detection: {}", stats->records_path);

  // The file is read twice: progress counts both passes against twice its size.
  Progress progress("bias-detection", options.progress);
  std::error_code size_error;
  const auto file_size = std::filesystem::file_size(stats->records_path, size_error);
  int64_t bytes_read = 0, lines_read = 0;
  auto advance = [&](std::string_view line) {
    bytes_read += static_cast<int64_t>(line.size()) + 1;
    progress.Update(++lines_read, bytes_read,
                    size_error || file_size == 0
                        ? -1.0
                        : static_cast<double>(bytes_read) / (2.0 * static_cast<double>(file_size)));
  };

  // Pass 1: slice every record; remember each one's iac_type.
  std::vector<std::string> iac_of;  // distinct iac_type names, in order of appearance
  std::map<std::string, uint32_t, std::less<>> iac_index;
  std::vector<uint32_t> slice_of;
  {
    std::unique_ptr<LineReader> reader;
    AUTOMEND_RETURN_IF_ERROR(LineReader::Open(stats->records_path, &reader));
    std::string keys[kDimensions];
    JsonValue record;
    while (true) {
      std::string_view line;
      bool got, too_long;
      AUTOMEND_RETURN_IF_ERROR(NextRecordLine(reader.get(), &line, &got, &too_long));
      if (!got) break;
      advance(line);
      if (too_long || !ParseJson(line, &record).ok() || !SliceKeys(record, keys)) {
        ++stats->skipped;
        if (stats->skipped_lines.size() < kMaxSkippedShown)
          stats->skipped_lines.push_back(reader->line_number());
        AM_LOG_WARN("bias-detection: {}:{} is not a record; skipped", stats->records_path,
                    reader->line_number());
        continue;
      }
      ++stats->total;
      for (int d = 0; d < kDimensions; ++d) stats->dimensions[d].second.Add(keys[d]);
      auto [it, inserted] =
          iac_index.try_emplace(keys[kIacType], static_cast<uint32_t>(iac_of.size()));
      if (inserted) iac_of.push_back(keys[kIacType]);
      slice_of.push_back(it->second);
    }
  }

  // Renumber the slices in byte order of their names (the order the PRNG visits them).
  std::vector<uint32_t> renumber(iac_of.size());
  std::vector<int64_t> counts;
  {
    uint32_t next = 0;
    for (auto& [name, index] : iac_index) {
      renumber[index] = next++;
      counts.push_back(stats->dimensions[kIacType].second.Get(name));
    }
  }
  for (uint32_t& s : slice_of) s = renumber[s];
  std::vector<std::string> names;
  for (const auto& [name, index] : iac_index) names.push_back(name);

  stats->plan = PlanSliceCap(counts, config.max_slice_share);
  const int64_t cap = stats->plan.needed && stats->plan.feasible ? stats->plan.cap : 0;
  const std::vector<bool> keep = ChooseSurvivors(slice_of, names.size(), cap, config.bias_seed);
  std::vector<int64_t> balanced_count(names.size(), 0);
  for (size_t j = 0; j < slice_of.size(); ++j)
    if (keep[j]) ++balanced_count[slice_of[j]];
  for (size_t s = 0; s < names.size(); ++s) {
    stats->balanced.Add(names[s], balanced_count[s]);
    stats->balanced_total += balanced_count[s];
  }
  const auto k = static_cast<int64_t>(names.size());

  // Pass 2: copy the survivors with their weights, in input order.
  {
    std::unique_ptr<LineReader> reader;
    AUTOMEND_RETURN_IF_ERROR(LineReader::Open(stats->records_path, &reader));
    AtomicFileWriter out;
    AUTOMEND_RETURN_IF_ERROR(out.Open(stats->balanced_path));
    std::string keys[kDimensions];
    JsonValue record;
    std::string text;
    size_t j = 0;
    while (true) {
      std::string_view line;
      bool got, too_long;
      AUTOMEND_RETURN_IF_ERROR(NextRecordLine(reader.get(), &line, &got, &too_long));
      if (!got) break;
      advance(line);
      if (too_long || !ParseJson(line, &record).ok() || !SliceKeys(record, keys)) continue;
      if (j >= slice_of.size() || names[slice_of[j]] != keys[kIacType])
        return Status::IOError(stats->records_path + " changed while bias-detection read it");
      const uint32_t s = slice_of[j];
      if (keep[j++]) {
        for (int d = 0; d < kDimensions; ++d) stats->balanced_dimensions[d].second.Add(keys[d]);
        // Appended as a repeated key if the record already has one: WriteJsonValue then
        // keeps the first position with this value, as assigning to a Python dict does.
        const double w =
            static_cast<double>(stats->balanced_total) / static_cast<double>(k * balanced_count[s]);
        std::string repr;
        AppendJsonDouble(w, &repr);
        JsonValue weight;
        AUTOMEND_RETURN_IF_ERROR(ParseJson(repr, &weight));
        record.mutable_object().emplace_back("sampling_weight", std::move(weight));
        text.clear();
        JsonWriter writer(&text);
        WriteJsonValue(record, &writer);
        text.push_back('\n');
        AUTOMEND_RETURN_IF_ERROR(out.Append(text));
      }
    }
    if (j != slice_of.size())
      return Status::IOError(stats->records_path + " changed while bias-detection read it");
    AUTOMEND_RETURN_IF_ERROR(out.Commit());
  }
  progress.Finish(lines_read, bytes_read);
  stats->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  AM_LOG_INFO("bias-detection: {} records, {} imbalance(s); {} -> {} balanced records ({})",
              stats->total, stats->imbalances_found(), stats->total, stats->balanced_total,
              stats->plan.reason);
  AUTOMEND_RETURN_IF_ERROR(WriteFileAtomically(report, stats->ToJson()));
  AM_LOG_INFO("bias-detection: wrote {} and {}", report, stats->balanced_path);
  return Status::OK();
}

}  // namespace automend
