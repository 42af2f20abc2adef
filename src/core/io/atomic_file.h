// AtomicFileWriter: writes an output file under a temporary name in the same folder and
// renames it into place on Commit(), after flushing and fsync. A writer destroyed without
// Commit() (an error, a crash) removes its temporary file, so a reader never sees a
// half-written output under the final name. One writer per thread.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "core/status.h"

namespace automend {

class AtomicFileWriter {
 public:
  AtomicFileWriter() = default;
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  // Creates the parent folders of `path` and opens the temporary file.
  Status Open(const std::string& path);
  Status Append(std::string_view data);
  // Flushes, fsyncs, renames into place and fsyncs the folder.
  Status Commit();
  // Removes the temporary file; the final name is untouched.
  void Abandon();

  const std::string& path() const { return path_; }

 private:
  Status Flush();

  std::string path_;
  std::string tmp_path_;
  int fd_ = -1;
  std::string buffer_;
  bool failed_ = false;
};

// Removes `<path>.tmp.<pid>` files left by writers that were killed (their process is
// gone), so crashes do not leave litter that grows run after run. Open() calls it.
void RemoveStaleTemporaries(const std::string& path);

// Writes `data` to `path` atomically (see AtomicFileWriter).
Status WriteFileAtomically(const std::string& path, std::string_view data);

// Reads a whole file.
Status ReadFileToString(const std::string& path, std::string* out);

}  // namespace automend
