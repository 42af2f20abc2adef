// The validate stage: the six checks of spec section 6 (RecordChecker) over every line of
// a records file, and statistics of the records, written to logs/schema_report.json:
// total, valid, pass_rate_pct, violation_counts (every check, zeros included), the first
// offending line numbers per check, the PII leaks by class, and statistics (prompt and
// manifest lengths, kinds, prompt types, iac types, redactions per class). Blank lines
// are skipped; a line that is not JSON or is too long is a required_keys violation. Reads
// the file once, streaming; single-threaded (it runs at about the speed of the YAML
// parser, see docs/pipeline.md).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/stats/counter.h"
#include "core/stats/length_summary.h"
#include "core/status.h"
#include "quality/record_checks.h"
#include "redact/redaction_class.h"

namespace automend {

struct ValidateOptions {
  std::string input;   // the records; empty: config paths.records
  std::string report;  // empty: SchemaReportPath(config)
  bool progress = false;  // a progress line on a terminal
};

struct CheckExample {
  uint64_t line = 0;
  std::string detail;
};

struct SchemaStats {
  std::string records_path;
  double seconds = 0;
  int64_t total = 0;
  int64_t valid = 0;
  int64_t blank_lines = 0;
  std::array<int64_t, kRecordCheckCount> violations{};
  std::array<std::vector<CheckExample>, kRecordCheckCount> examples;
  RedactionCounts leaks{};  // leaked values by class over all records

  // statistics, over every record from which the value can be read
  LengthSummary prompt_bytes;
  LengthSummary manifest_bytes;
  Counter iac_types;
  Counter prompt_types;
  int64_t documents = 0;  // Kubernetes documents of the manifests that pass manifest_k8s
  Counter kinds;
  int64_t records_with_redactions = 0;  // metadata.redactions > 0
  int64_t redactions_total = 0;         // sum of metadata.redactions
  RedactionCounts redaction_tokens{};   // replacement tokens found in the manifests

  double pass_rate_pct() const;
  std::string ToJson() const;
};

// Counts the replacement tokens of each class in a redacted manifest (the records do not
// store per-class counts; a token that was in the original file counts too).
RedactionCounts CountRedactionTokens(std::string_view manifest);

Status RunValidate(const Config& config, const ValidateOptions& options, SchemaStats* stats);

}  // namespace automend
