// Status: the one error value of the project (after leveldb's). A function that can fail
// returns a Status; callers chain with `if (!s.ok()) return s;`. The code says which exit
// status the program ends with when the error reaches main (see ExitCode).
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace automend {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // bad usage or configuration: exit 2
    kIOError,          // a source or output could not be read or written: exit 3
    kCorruption,       // bytes that do not follow their format (a row, a file): exit 3
    kNotSupported,     // a valid format feature this program does not implement: exit 3
    kDataCheckFailed,  // the data failed a check the configuration makes fatal: exit 1
    kPermissionDenied, // credentials refused by a server: exit 3
  };

  Status() = default;
  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string msg) { return {Code::kInvalidArgument, std::move(msg)}; }
  static Status IOError(std::string msg) { return {Code::kIOError, std::move(msg)}; }
  static Status Corruption(std::string msg) { return {Code::kCorruption, std::move(msg)}; }
  static Status NotSupported(std::string msg) { return {Code::kNotSupported, std::move(msg)}; }
  static Status DataCheckFailed(std::string msg) { return {Code::kDataCheckFailed, std::move(msg)}; }
  static Status PermissionDenied(std::string msg) {
    return {Code::kPermissionDenied, std::move(msg)};
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  bool IsInvalidArgument() const { return code_ == Code::kInvalidArgument; }
  bool IsIOError() const { return code_ == Code::kIOError; }
  bool IsCorruption() const { return code_ == Code::kCorruption; }

  // "IO error: open data/raw: No such file or directory".
  std::string ToString() const;

  // The same status with `context` put in front of the message ("reading x.parquet: ...").
  Status WithContext(std::string_view context) const;

  // The program's exit status for this error (0 for OK), as documented in the README.
  int ExitCode() const;

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

}  // namespace automend

#define AUTOMEND_RETURN_IF_ERROR(expr)         \
  do {                                         \
    ::automend::Status _status = (expr);       \
    if (!_status.ok()) return _status;         \
  } while (0)
