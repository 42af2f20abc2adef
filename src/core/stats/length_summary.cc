#include "core/stats/length_summary.h"

#include <algorithm>

namespace automend {
namespace {

// sorted[ceil(p * n / 100) - 1], with p in whole percent.
int64_t NearestRank(const std::vector<int64_t>& sorted, int64_t p) {
  const auto n = static_cast<int64_t>(sorted.size());
  int64_t rank = (p * n + 99) / 100;
  if (rank < 1) rank = 1;
  return sorted[static_cast<size_t>(rank - 1)];
}

}  // namespace

LengthSummary LengthSummary::Of(std::vector<int64_t>* values) {
  LengthSummary s;
  if (values->empty()) return s;
  std::sort(values->begin(), values->end());
  s.count = static_cast<int64_t>(values->size());
  s.min = values->front();
  s.max = values->back();
  int64_t sum = 0;
  for (int64_t v : *values) sum += v;
  s.mean = static_cast<double>(sum) / static_cast<double>(s.count);
  s.p50 = NearestRank(*values, 50);
  s.p90 = NearestRank(*values, 90);
  s.p99 = NearestRank(*values, 99);
  return s;
}

void LengthSummary::WriteJson(JsonWriter* w) const {
  w->BeginObject().Field("count", count).Field("min", min).Field("p50", p50);
  w->Field("p90", p90).Field("p99", p99).Field("max", max).Field("mean", mean).EndObject();
}

}  // namespace automend
