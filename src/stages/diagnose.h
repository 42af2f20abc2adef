// The diagnose stage: the end-to-end self-check a user runs after a download. It takes the
// raw rows through exactly what preprocess does (RowProcessor), keeps the records in
// memory, and reports in logs/diagnose_report.json:
//   - filter yield: rows, duplicates, rejections by reason, records;
//   - keyword coverage: records per keyword (the original content of passing rows);
//   - PII exposure before redaction (text classes on the original content of passing rows,
//     credential values found on its structure), what was redacted, and what is left after
//     (the pii_leak check of validate on every record), by class;
//   - a JSON round trip of every record: the line parsed and written again must give the
//     same bytes, so must the assistant's CALL, and the decoded manifest_content must equal
//     the redacted text; every record must also pass validate's six checks.
// It fails (DataCheckFailed, exit 1) when no record is produced, anything is left after
// redaction, a round trip differs or a record fails a check. Counting runs on worker
// threads; results do not depend on the number of threads.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/status.h"
#include "gates/gate_reason.h"
#include "quality/record_checks.h"
#include "redact/redaction_class.h"
#include "sources/row_source.h"

namespace automend {

struct DiagnoseOptions {
  std::string input;      // a source location; empty: DefaultRawInput(config)
  std::string report;     // empty: DiagnoseReportPath(config)
  int threads = 0;        // 0: config preprocess.threads, then all cores
  bool progress = false;  // a progress line on a terminal
};

struct DiagnoseProblem {
  uint64_t batch = 0;  // input order, so the examples kept do not depend on threads
  uint64_t index = 0;
  std::string origin;
  std::string what;
};

struct DiagnoseTally {
  std::array<int64_t, kGateReasonCount> reasons{};
  int64_t records = 0;
  std::vector<int64_t> keyword_records;
  RedactionCounts exposure_before{};
  int64_t records_exposed_before = 0;
  RedactionCounts redacted{};
  RedactionCounts left_after{};
  int64_t records_leaking_after = 0;
  int64_t line_round_trip_failures = 0;
  int64_t call_round_trip_failures = 0;
  int64_t manifest_mismatches = 0;
  std::array<int64_t, kRecordCheckCount> check_failures{};
  std::vector<DiagnoseProblem> problems;  // the first few, in input order

  void Merge(DiagnoseTally&& other);
};

struct DiagnoseStats {
  std::string source;
  int threads = 1;
  double seconds = 0;
  int64_t rows = 0;
  int64_t content_bytes = 0;
  std::vector<std::string> keywords;
  DiagnoseTally tally;

  bool ok() const;
  std::vector<std::string> Failures() const;  // what is wrong, one line each
  std::string ToJson() const;
  std::string Summary() const;
};

Status RunDiagnose(const Config& config, const DiagnoseOptions& options, DiagnoseStats* stats);
Status RunDiagnoseFrom(const Config& config, RowSource* source, const DiagnoseOptions& options,
                       DiagnoseStats* stats);

}  // namespace automend
