// Environment: the process environment and the small files that configuration is read
// from (the hub token file), behind an interface so that tests inject values instead of
// touching the real environment or the user's home. SystemEnvironment() is thread-safe
// as long as nobody calls setenv concurrently.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/status.h"

namespace automend {

class Environment {
 public:
  virtual ~Environment() = default;
  // The variable's value; nullopt when it is not set.
  virtual std::optional<std::string> Get(const std::string& name) const = 0;
  // Reads a small text file. A missing file is not an error: *contents stays nullopt.
  virtual Status ReadFile(const std::string& path, std::optional<std::string>* contents) const = 0;
};

// The real process environment and file system.
const Environment& SystemEnvironment();

// An environment of given variables and files, for tests and for callers that want to
// pin the configuration (nothing is read from the process).
class FixedEnvironment final : public Environment {
 public:
  FixedEnvironment& Set(std::string name, std::string value);
  FixedEnvironment& AddFile(std::string path, std::string contents);

  std::optional<std::string> Get(const std::string& name) const override;
  Status ReadFile(const std::string& path, std::optional<std::string>* contents) const override;

 private:
  std::map<std::string, std::string> vars_;
  std::map<std::string, std::string> files_;
};

}  // namespace automend
