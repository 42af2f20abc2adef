// Counter: counts of string keys for the reports' distributions (licenses, kinds, slices),
// with a deterministic order for output: highest count first, ties by key in byte order.
// A plain value; merge per-thread counters into one.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json/json_writer.h"

namespace automend {

class Counter {
 public:
  void Add(std::string_view key, int64_t n = 1);
  void Merge(const Counter& other);

  int64_t Get(std::string_view key) const;
  int64_t total() const { return total_; }
  size_t distinct() const { return counts_.size(); }
  const std::map<std::string, int64_t, std::less<>>& counts() const { return counts_; }

  // The `limit` most common keys (all when limit is 0), by count descending then key.
  std::vector<std::pair<std::string, int64_t>> MostCommon(size_t limit = 0) const;

  // Writes {"key": count, ...} in MostCommon order as the value of the current key.
  void WriteJson(JsonWriter* w, size_t limit = 0) const;

 private:
  std::map<std::string, int64_t, std::less<>> counts_;
  int64_t total_ = 0;
};

}  // namespace automend
