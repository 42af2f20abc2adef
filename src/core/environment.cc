#include "core/environment.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace automend {
namespace {

// Token files are a line of text; anything much larger is not one.
constexpr std::streamsize kMaxFileBytes = 1 << 20;

class SystemEnv final : public Environment {
 public:
  std::optional<std::string> Get(const std::string& name) const override {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  }

  Status ReadFile(const std::string& path, std::optional<std::string>* contents) const override {
    contents->reset();
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      if (errno == ENOENT || errno == ENOTDIR) return Status::OK();
      return Status::IOError("cannot read " + path + ": " + std::strerror(errno));
    }
    std::string data(static_cast<size_t>(kMaxFileBytes) + 1, '\0');
    in.read(data.data(), kMaxFileBytes + 1);
    if (in.bad()) return Status::IOError("cannot read " + path);
    data.resize(static_cast<size_t>(in.gcount()));
    if (data.size() > static_cast<size_t>(kMaxFileBytes)) {
      return Status::IOError(path + " is larger than 1 MiB; it is not a token file");
    }
    *contents = std::move(data);
    return Status::OK();
  }
};

}  // namespace

const Environment& SystemEnvironment() {
  static const SystemEnv env;
  return env;
}

FixedEnvironment& FixedEnvironment::Set(std::string name, std::string value) {
  vars_[std::move(name)] = std::move(value);
  return *this;
}

FixedEnvironment& FixedEnvironment::AddFile(std::string path, std::string contents) {
  files_[std::move(path)] = std::move(contents);
  return *this;
}

std::optional<std::string> FixedEnvironment::Get(const std::string& name) const {
  auto it = vars_.find(name);
  if (it == vars_.end()) return std::nullopt;
  return it->second;
}

Status FixedEnvironment::ReadFile(const std::string& path,
                                  std::optional<std::string>* contents) const {
  auto it = files_.find(path);
  if (it == files_.end()) {
    contents->reset();
  } else {
    *contents = it->second;
  }
  return Status::OK();
}

}  // namespace automend
