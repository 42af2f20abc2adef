#include "core/stats/counter.h"

#include <algorithm>

namespace automend {

void Counter::Add(std::string_view key, int64_t n) {
  auto it = counts_.find(key);
  if (it == counts_.end()) it = counts_.emplace(std::string(key), 0).first;
  it->second += n;
  total_ += n;
}

void Counter::Merge(const Counter& other) {
  for (const auto& [key, n] : other.counts_) Add(key, n);
}

int64_t Counter::Get(std::string_view key) const {
  auto it = counts_.find(key);
  return it == counts_.end() ? 0 : it->second;
}

std::vector<std::pair<std::string, int64_t>> Counter::MostCommon(size_t limit) const {
  std::vector<std::pair<std::string, int64_t>> out(counts_.begin(), counts_.end());
  // The map is already in key order, so a stable sort by count keeps ties in key order.
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (limit > 0 && out.size() > limit) out.resize(limit);
  return out;
}

void Counter::WriteJson(JsonWriter* w, size_t limit) const {
  w->BeginObject();
  for (const auto& [key, n] : MostCommon(limit)) w->Field(key, n);
  w->EndObject();
}

}  // namespace automend
