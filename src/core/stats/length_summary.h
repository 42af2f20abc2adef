// LengthSummary: count, min, max, mean and nearest-rank percentiles (p50, p90, p99) of a
// list of lengths, for the reports' length distributions. The p-th percentile is the
// smallest value with at least p% of the values at or below it: sorted[ceil(p/100*n) - 1]
// (computed in integers, so any language gets the same answer). A plain value.
#pragma once

#include <cstdint>
#include <vector>

#include "core/json/json_writer.h"

namespace automend {

struct LengthSummary {
  int64_t count = 0;
  int64_t min = 0;
  int64_t max = 0;
  double mean = 0;  // sum / count in double arithmetic; 0 when empty
  int64_t p50 = 0;
  int64_t p90 = 0;
  int64_t p99 = 0;

  // Sorts `values` in place.
  static LengthSummary Of(std::vector<int64_t>* values);

  // Writes {"count", "min", "p50", "p90", "p99", "max", "mean"} as the current value.
  void WriteJson(JsonWriter* w) const;
};

}  // namespace automend
