// The size classes of the reports (spec section 6: <1KB, 1-10KB, 10-100KB, >=100KB), with
// 1KB = 1024 bytes, over a file's UTF-8 length in bytes. Shared by analyze (raw rows) and
// bias-detection (metadata.size_bytes) so the two reports bucket alike.
#pragma once

#include <cstdint>
#include <string_view>

namespace automend {

constexpr std::string_view SizeBucket(int64_t bytes) {
  if (bytes < 1024) return "<1KB";
  if (bytes < 10 * 1024) return "1-10KB";
  if (bytes < 100 * 1024) return "10-100KB";
  return ">=100KB";
}

}  // namespace automend
