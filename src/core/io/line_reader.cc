#include "core/io/line_reader.h"

#include <cerrno>
#include <cstring>

namespace automend {
namespace {

constexpr size_t kBlockBytes = 4 << 20;

}  // namespace

LineReader::LineReader(std::string path, std::FILE* file, size_t max_line_bytes)
    : path_(std::move(path)), file_(file), max_line_bytes_(max_line_bytes) {}

LineReader::~LineReader() {
  if (file_) std::fclose(file_);
}

Status LineReader::Open(const std::string& path, std::unique_ptr<LineReader>* reader,
                        size_t max_line_bytes) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Status::IOError("cannot open " + path + ": " + std::strerror(errno));
  reader->reset(new LineReader(path, f, max_line_bytes));
  return Status::OK();
}

Status LineReader::Next(std::string_view* line, bool* got, bool* too_long) {
  line_.clear();
  *line = {};
  *got = false;
  *too_long = false;
  while (true) {
    if (buffer_pos_ < buffer_.size()) {
      const char* start = buffer_.data() + buffer_pos_;
      const size_t avail = buffer_.size() - buffer_pos_;
      const void* nl = std::memchr(start, '\n', avail);
      const size_t take = nl ? static_cast<size_t>(static_cast<const char*>(nl) - start) : avail;
      if (!*too_long) {
        if (line_.size() + take > max_line_bytes_) {
          *too_long = true;
          line_.clear();
          line_.shrink_to_fit();
        } else {
          line_.append(start, take);
        }
      }
      *got = true;
      buffer_pos_ += take + (nl ? 1 : 0);
      if (nl) break;
    }
    if (eof_) break;
    buffer_.resize(kBlockBytes);
    const size_t n = std::fread(buffer_.data(), 1, kBlockBytes, file_);
    if (n < kBlockBytes) {
      if (std::ferror(file_))
        return Status::IOError("cannot read " + path_ + ": " + std::strerror(errno));
      eof_ = true;
    }
    buffer_.resize(n);
    buffer_pos_ = 0;
  }
  if (*got) {
    ++line_number_;
    *line = line_;
  }
  return Status::OK();
}

}  // namespace automend
