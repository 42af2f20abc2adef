#include "core/io/atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace automend {
namespace {

constexpr size_t kBufferBytes = 1 << 20;

Status Errno(const std::string& what, const std::string& path) {
  return Status::IOError(what + " " + path + ": " + std::strerror(errno));
}


}  // namespace

AtomicFileWriter::~AtomicFileWriter() { Abandon(); }

void RemoveStaleTemporaries(const std::string& path) {
  const std::filesystem::path p(path);
  std::error_code ec;
  std::filesystem::path dir = p.has_parent_path() ? p.parent_path() : ".";
  const std::string prefix = p.filename().string() + ".tmp.";
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    char* rest = nullptr;
    long pid = std::strtol(name.c_str() + prefix.size(), &rest, 10);
    if (pid <= 0 || *rest != '\0') continue;
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
      std::error_code ignored;
      std::filesystem::remove(it->path(), ignored);
    }
  }
}

Status AtomicFileWriter::Open(const std::string& path) {
  Abandon();
  path_ = path;
  std::filesystem::path p(path);
  std::error_code ec;
  if (p.has_parent_path()) {
    std::filesystem::create_directories(p.parent_path(), ec);
    if (ec) return Status::IOError("cannot create folder for " + path + ": " + ec.message());
  }
  RemoveStaleTemporaries(path);
  tmp_path_ = path + ".tmp." + std::to_string(::getpid());
  fd_ = ::open(tmp_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) return Errno("cannot create", tmp_path_);
  failed_ = false;
  buffer_.reserve(kBufferBytes);
  return Status::OK();
}

Status AtomicFileWriter::Flush() {
  size_t done = 0;
  while (done < buffer_.size()) {
    ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      failed_ = true;
      return Errno("cannot write", path_);
    }
    done += static_cast<size_t>(n);
  }
  buffer_.clear();
  return Status::OK();
}

Status AtomicFileWriter::Append(std::string_view data) {
  if (fd_ < 0) return Status::IOError("write to a file that is not open: " + path_);
  if (failed_) return Status::IOError("earlier write failed: " + path_);
  buffer_.append(data);
  if (buffer_.size() >= kBufferBytes) return Flush();
  return Status::OK();
}

Status AtomicFileWriter::Commit() {
  if (fd_ < 0) return Status::IOError("commit of a file that is not open: " + path_);
  if (failed_) return Status::IOError("earlier write failed: " + path_);
  AUTOMEND_RETURN_IF_ERROR(Flush());
  if (::fsync(fd_) != 0) return Errno("cannot sync", path_);
  if (::close(fd_) != 0) {
    fd_ = -1;
    return Errno("cannot close", path_);
  }
  fd_ = -1;
  if (::rename(tmp_path_.c_str(), path_.c_str()) != 0) return Errno("cannot rename into", path_);
  tmp_path_.clear();
  std::filesystem::path parent = std::filesystem::path(path_).parent_path();
  int dir = ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return Status::OK();
}

void AtomicFileWriter::Abandon() {
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  if (!tmp_path_.empty()) {
    ::unlink(tmp_path_.c_str());
    tmp_path_.clear();
  }
  buffer_.clear();
}

Status WriteFileAtomically(const std::string& path, std::string_view data) {
  AtomicFileWriter writer;
  AUTOMEND_RETURN_IF_ERROR(writer.Open(path));
  AUTOMEND_RETURN_IF_ERROR(writer.Append(data));
  return writer.Commit();
}

Status ReadFileToString(const std::string& path, std::string* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Errno("cannot open", path);
  out->clear();
  char buf[1 << 16];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status s = Errno("cannot read", path);
      ::close(fd);
      return s;
    }
    if (n == 0) break;
    out->append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return Status::OK();
}

}  // namespace automend
