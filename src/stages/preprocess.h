// The preprocess stage: rows from a source -> dedup by hexsha -> gates -> redaction ->
// re-validation -> prompts -> records, written atomically in input order whatever the
// number of threads. Memory stays bounded: a few batches are in flight at a time.
#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "config/config.h"
#include "gates/gate_reason.h"
#include "redact/redaction_class.h"
#include "redact/secret_rule.h"
#include "sources/row.h"
#include "sources/row_source.h"

namespace automend {

struct PreprocessOptions {
  std::string input;   // a source location (see OpenRowSource)
  std::string output;  // the records file
  std::string report;  // the JSON report; empty: none
  std::string rejects; // JSONL of every row that did not become a record; empty: none
  int threads = 0;     // 0: all cores
  bool progress = false;
};

struct RejectedExample {
  std::string origin;
  std::string detail;
};

struct PreprocessStats {
  std::string source;
  int threads = 1;
  int64_t rows_in = 0;  // decoded rows plus undecodable ones
  int64_t content_bytes = 0;
  int64_t records = 0;
  std::array<int64_t, kGateReasonCount> reasons{};
  RedactionCounts redactions{};
  SecretCounts secrets{};  // redactions[kSecret] per secret rule
  int64_t records_with_redactions = 0;
  std::map<std::string, int64_t> iac_types;
  std::map<std::string, int64_t> prompt_types;
  std::map<std::string, int64_t> malformed_by_reason;
  std::vector<RowError> malformed;  // the first few, with their line numbers
  std::array<std::vector<RejectedExample>, kGateReasonCount> examples;  // first few per reason
  double seconds = 0;

  // The report: counts, the funnel through the six gates, reasons, redactions.
  std::string ToJson() const;
};

Status RunPreprocess(const Config& config, const PreprocessOptions& options,
                     PreprocessStats* stats);

// Same, over an already opened source (tests and the streaming download path use it).
Status RunPreprocessFrom(const Config& config, RowSource* source, const PreprocessOptions& options,
                         PreprocessStats* stats);

}  // namespace automend
