// The analyze stage: a profile of the raw rows before preprocessing (spec section 6,
// logs/analysis_report.json). Counts and bytes, duplicates, the gate funnel (rows in and
// out of each gate, computed with GateChain's individual gates in spec order after dedup
// and the encoding check, so it agrees with preprocess's funnel up to re-validation),
// license, extension and size distributions, keyword coverage, and the most common kinds
// and apiVersions among the documents of rows that pass the yaml gate. Reads batches on
// one thread and counts them on worker threads; the counts do not depend on the number of
// threads.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/stats/counter.h"
#include "core/status.h"
#include "sources/row_source.h"

namespace automend {

struct AnalyzeOptions {
  std::string input;      // a source location; empty: DefaultRawInput(config)
  std::string report;     // empty: AnalysisReportPath(config)
  int threads = 0;        // 0: config preprocess.threads, then all cores
  bool progress = false;  // a progress line on a terminal
};

// What one batch (or the whole run) counted; partial tallies are merged.
struct AnalysisTally {
  int64_t unique_rows = 0;
  int64_t unique_bytes = 0;
  int64_t encoding_rejected = 0;
  std::array<int64_t, 6> gate_rejected{};  // in spec order: ext size license keyword yaml k8s
  Counter licenses;    // each listed license once per row; "none" for rows without one
  Counter extensions;  // of the path, lower-cased; "none" without one
  Counter sizes;       // SizeBucket of the content
  int64_t keyword_rows_scanned = 0;   // rows that reached the keyword gate
  std::vector<int64_t> keyword_rows;  // per configured keyword, rows containing it
  int64_t yaml_documents = 0;         // non-empty mapping documents of yaml-passing rows
  Counter kinds;
  Counter api_versions;

  void Merge(const AnalysisTally& other);
};

struct AnalysisStats {
  std::string source;
  int threads = 1;
  double seconds = 0;
  int64_t rows = 0;           // decoded rows plus undecodable ones
  int64_t malformed = 0;      // undecodable rows
  int64_t content_bytes = 0;  // of all decoded rows, duplicates included
  int64_t duplicates = 0;
  std::vector<std::string> keywords;  // the configured keywords, in order
  AnalysisTally tally;

  int64_t passing_rows() const;  // rows that passed all six gates
  std::string ToJson() const;    // the report
  std::string Summary() const;   // a few human lines for stdout
};

// The extension the reports use: the file name's text after its last '.', lower-cased
// (ASCII); "none" when the name has no '.' other than a leading one.
std::string PathExtension(std::string_view path);

Status RunAnalyze(const Config& config, const AnalyzeOptions& options, AnalysisStats* stats);
Status RunAnalyzeFrom(const Config& config, RowSource* source, const AnalyzeOptions& options,
                      AnalysisStats* stats);

}  // namespace automend
