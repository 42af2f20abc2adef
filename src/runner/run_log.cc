#include "runner/run_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/json/json_reader.h"
#include "core/json/json_writer.h"

namespace automend {

std::string RunLogEntryToJson(const RunLogEntry& e) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject().Field("run_id", e.run_id).Field("stage", e.stage).Field("status", e.status);
  w.Field("reason", e.reason).Field("start", e.start).Field("end", e.end);
  w.Field("rows_in", e.rows_in).Field("rows_out", e.rows_out).Field("exit_code", e.exit_code);
  w.EndObject();
  return out;
}

Status RunLog::Append(const RunLogEntry& entry) const {
  std::error_code ec;
  std::filesystem::path parent = std::filesystem::path(path_).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  std::string line = RunLogEntryToJson(entry) + "\n";
  int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IOError("cannot open run log " + path_ + ": " + std::strerror(errno));
  // One write of a whole line: a crash leaves at most one partial last line, which
  // ReadAll skips.
  ssize_t n = ::write(fd, line.data(), line.size());
  int err = errno;
  bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (n != static_cast<ssize_t>(line.size()) || !synced)
    return Status::IOError("cannot append to run log " + path_ + ": " + std::strerror(err));
  return Status::OK();
}

Status RunLog::ReadAll(std::vector<RunLogEntry>* entries) const {
  entries->clear();
  std::ifstream in(path_);
  if (!in) return Status::OK();  // no runs yet
  std::string line;
  while (std::getline(in, line)) {
    JsonValue v;
    if (!ParseJson(line, &v).ok() || !v.is_object()) continue;
    RunLogEntry e;
    auto str = [&](const char* k, std::string* out) {
      if (const JsonValue* f = v.Find(k); f && f->is_string()) *out = f->as_string();
    };
    auto num = [&](const char* k, double* out) {
      if (const JsonValue* f = v.Find(k); f && f->is_number()) *out = f->as_double();
    };
    auto integer = [&](const char* k, int64_t* out) {
      if (const JsonValue* f = v.Find(k); f && f->is_int()) *out = f->as_int();
    };
    str("run_id", &e.run_id);
    str("stage", &e.stage);
    str("status", &e.status);
    str("reason", &e.reason);
    num("start", &e.start);
    num("end", &e.end);
    integer("rows_in", &e.rows_in);
    integer("rows_out", &e.rows_out);
    int64_t code = 0;
    integer("exit_code", &code);
    e.exit_code = static_cast<int>(code);
    entries->push_back(std::move(e));
  }
  return Status::OK();
}

}  // namespace automend
