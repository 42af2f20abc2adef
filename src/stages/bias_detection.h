// The bias-detection stage (spec section 6): slices the records over four dimensions —
// iac_type, license (the first listed; "none" when the list is empty), size (SizeBucket of
// metadata.size_bytes) and prompt_type — with counts, shares and over/under-representation
// flags (bias.over_representation, bias.under_representation), and writes
// logs/bias_report.json. Mitigation caps the iac_type slices (slice_cap.h) and writes the
// balanced records, in input order, each with "sampling_weight": T / (k * n) appended as
// the last key (T the balanced total, k the iac_type slices present, n the record's slice
// size in the balanced set), so the weights average 1. The balanced file is always
// written (every record kept when no cap is needed or possible), byte-exact json.dumps;
// the report also slices the balanced records in all four dimensions
// (slices_after_mitigation), so the effect of capping iac_type on the others shows.
// The records are read twice, streaming: once to count, once to copy the survivors, so
// memory is four bytes a record. A line that is not a JSON object with a `metadata`
// object cannot be sliced: it is counted as skipped and left out of the balanced file; a
// missing field is the slice "unknown".
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/stats/counter.h"
#include "core/status.h"
#include "quality/slice_cap.h"

namespace automend {

struct BiasOptions {
  std::string input;     // the records; empty: config paths.records
  std::string balanced;  // empty: config paths.balanced_records
  std::string report;    // empty: BiasReportPath(config)
  bool progress = false;  // a progress line on a terminal
};

struct BiasStats {
  std::string records_path;
  std::string balanced_path;
  double seconds = 0;
  int64_t total = 0;  // records sliced
  int64_t skipped = 0;
  std::vector<uint64_t> skipped_lines;  // the first few
  double over = 0, under = 0, max_share = 0;
  uint64_t seed = 0;
  // The four dimensions, in report order: iac_type, license, size, prompt_type.
  std::vector<std::pair<std::string, Counter>> dimensions;
  CapPlan plan;
  Counter balanced;  // iac_type slice sizes after mitigation
  int64_t balanced_total = 0;
  // The four dimensions over the balanced records (what mitigation did to the others).
  std::vector<std::pair<std::string, Counter>> balanced_dimensions;

  int64_t imbalances_found() const;
  std::string ToJson() const;
};

Status RunBiasDetection(const Config& config, const BiasOptions& options, BiasStats* stats);

}  // namespace automend
