// RunLog: the history of stage executions, one JSON object a line, appended after each
// stage ends (ran, skipped or failed) and read back by later runs and the run report.
// Lines that are not valid JSON (a run killed mid-append) are skipped when reading.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace automend {

struct RunLogEntry {
  std::string run_id;     // unique per run (start time in µs, pid), shared by its stages
  std::string stage;
  std::string status;     // "ran", "skipped", "failed"
  std::string reason;     // why it ran or was skipped, or the error
  double start = 0;       // seconds since the Unix epoch
  double end = 0;
  int64_t rows_in = -1;
  int64_t rows_out = -1;
  int exit_code = 0;
};

class RunLog {
 public:
  explicit RunLog(std::string path) : path_(std::move(path)) {}

  // Appends one line and flushes it to disk.
  Status Append(const RunLogEntry& entry) const;
  // Every readable entry, oldest first.
  Status ReadAll(std::vector<RunLogEntry>* entries) const;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string RunLogEntryToJson(const RunLogEntry& e);

}  // namespace automend
