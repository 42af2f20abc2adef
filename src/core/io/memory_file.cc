#include "core/io/memory_file.h"

namespace automend {

Status MemoryFile::ReadAt(uint64_t offset, size_t n, std::string* out) const {
  if (offset > data_.size() || n > data_.size() - offset) {
    return Status::IOError("read of " + std::to_string(n) + " bytes at offset " +
                           std::to_string(offset) + " past the end of " + name_ + " (" +
                           std::to_string(data_.size()) + " bytes)");
  }
  out->assign(data_, static_cast<size_t>(offset), n);
  reads_.fetch_add(1);
  bytes_read_.fetch_add(n);
  return Status::OK();
}

}  // namespace automend
