#include "core/status.h"

namespace automend {

std::string Status::ToString() const {
  const char* prefix = "";
  switch (code_) {
    case Code::kOk: return "OK";
    case Code::kInvalidArgument: prefix = "Invalid argument: "; break;
    case Code::kIOError: prefix = "IO error: "; break;
    case Code::kCorruption: prefix = "Corruption: "; break;
    case Code::kNotSupported: prefix = "Not supported: "; break;
    case Code::kDataCheckFailed: prefix = "Data check failed: "; break;
    case Code::kPermissionDenied: prefix = "Permission denied: "; break;
  }
  return prefix + message_;
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  std::string msg(context);
  msg += ": ";
  msg += message_;
  return Status(code_, std::move(msg));
}

int Status::ExitCode() const {
  switch (code_) {
    case Code::kOk: return 0;
    case Code::kDataCheckFailed: return 1;
    case Code::kInvalidArgument: return 2;
    case Code::kIOError:
    case Code::kCorruption:
    case Code::kNotSupported:
    case Code::kPermissionDenied: return 3;
  }
  return 3;
}

}  // namespace automend
