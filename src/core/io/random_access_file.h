// RandomAccessFile: reads byte ranges of a file that may be local or remote (the hub's
// HTTP range requests implement it too), so the parquet reader never needs the whole file.
// Implementations are safe to call from several threads at once unless they say otherwise.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/status.h"

namespace automend {

class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;
  // Reads exactly `n` bytes at `offset` into `out` (replacing its contents); a range that
  // goes past the end is an error (IOError), never a short read.
  virtual Status ReadAt(uint64_t offset, size_t n, std::string* out) const = 0;
  virtual uint64_t Size() const = 0;
  // A name for messages: the local path or the URL.
  virtual const std::string& Name() const = 0;
};

// Opens a local file with pread.
Status OpenLocalFile(const std::string& path, std::unique_ptr<RandomAccessFile>* file);

}  // namespace automend
