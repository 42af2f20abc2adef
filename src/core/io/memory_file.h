// MemoryFile: a RandomAccessFile over bytes held in memory. Tests and fuzz targets use it to
// feed hand-built or mutated files to readers without touching the disk; it also counts
// reads so tests can check how a reader uses its IO (one read per column chunk, ...).
// Thread-safe: the bytes are immutable and the counters are atomic.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "core/io/random_access_file.h"

namespace automend {

class MemoryFile final : public RandomAccessFile {
 public:
  MemoryFile(std::string name, std::string data) : name_(std::move(name)), data_(std::move(data)) {}

  Status ReadAt(uint64_t offset, size_t n, std::string* out) const override;
  uint64_t Size() const override { return data_.size(); }
  const std::string& Name() const override { return name_; }

  // Number of ReadAt calls and bytes returned so far.
  uint64_t reads() const { return reads_.load(); }
  uint64_t bytes_read() const { return bytes_read_.load(); }

 private:
  std::string name_;
  std::string data_;
  mutable std::atomic<uint64_t> reads_{0};
  mutable std::atomic<uint64_t> bytes_read_{0};
};

inline std::unique_ptr<MemoryFile> NewMemoryFile(std::string name, std::string data) {
  return std::make_unique<MemoryFile>(std::move(name), std::move(data));
}

}  // namespace automend
