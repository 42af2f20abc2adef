#include "core/io/random_access_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace automend {
namespace {

class LocalFile final : public RandomAccessFile {
 public:
  LocalFile(std::string path, int fd, uint64_t size) : path_(std::move(path)), fd_(fd), size_(size) {}
  ~LocalFile() override { ::close(fd_); }

  Status ReadAt(uint64_t offset, size_t n, std::string* out) const override {
    if (offset > size_ || n > size_ - offset) {
      return Status::IOError("read of " + std::to_string(n) + " bytes at offset " +
                             std::to_string(offset) + " past the end of " + path_ + " (" +
                             std::to_string(size_) + " bytes)");
    }
    out->resize(n);
    size_t done = 0;
    while (done < n) {
      ssize_t r = ::pread(fd_, out->data() + done, n - done, static_cast<off_t>(offset + done));
      if (r < 0) {
        if (errno == EINTR) continue;
        return Status::IOError("cannot read " + path_ + ": " + std::strerror(errno));
      }
      if (r == 0) return Status::IOError("unexpected end of file in " + path_);
      done += static_cast<size_t>(r);
    }
    return Status::OK();
  }
  uint64_t Size() const override { return size_; }
  const std::string& Name() const override { return path_; }

 private:
  std::string path_;
  int fd_;
  uint64_t size_;
};

}  // namespace

Status OpenLocalFile(const std::string& path, std::unique_ptr<RandomAccessFile>* file) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IOError("cannot open " + path + ": " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return Status::IOError("cannot stat " + path + ": " + std::strerror(errno));
  }
  *file = std::make_unique<LocalFile>(path, fd, static_cast<uint64_t>(st.st_size));
  return Status::OK();
}

}  // namespace automend
