// The four anomaly rules of spec section 6, applied to a schema report with the
// thresholds of the config (anomaly.*):
//   pass_rate             pass_rate_pct below min_pass_rate_pct (not applied to an empty
//                         file, which min_records already reports)
//   pii_leak              any record fails the pii_leak check
//   violations_per_check  one check failed by more than max_violations_per_check records
//                         (one anomaly per such check)
//   min_records           fewer than min_records records
// "Below", "more than" and "fewer than" are strict: a value at its threshold is fine.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "config/config.h"
#include "core/json/json_reader.h"
#include "core/json/json_writer.h"
#include "core/status.h"

namespace automend {

// What the rules read from logs/schema_report.json.
struct SchemaSummary {
  int64_t total = 0;
  double pass_rate_pct = 0;
  std::vector<std::pair<std::string, int64_t>> violation_counts;  // in report order

  int64_t Violations(std::string_view check) const;
};

// Reads the summary from a parsed schema report; Corruption naming `name` when a field is
// missing or of the wrong type.
Status ReadSchemaSummary(const JsonValue& report, const std::string& name, SchemaSummary* out);

struct Anomaly {
  std::string rule;   // pass_rate, pii_leak, violations_per_check, min_records
  std::string check;  // violations_per_check: the check; else empty
  std::string message;
  double value = 0;
  double threshold = 0;
  bool integral = true;  // value and threshold are counts (written as integers)

  // {"rule", ["check",] "message", "value", "threshold"} as the current value.
  void WriteJson(JsonWriter* w) const;
};

std::vector<Anomaly> FindAnomalies(const Config& config, const SchemaSummary& summary);

// True when the summary shows a PII leak (what anomaly.fail_on_pii_leak acts on).
bool HasPiiLeak(const SchemaSummary& summary);

}  // namespace automend
