// Logging: every stage logs to `logs/<stage>.log` and to stderr, each line with a
// timestamp, the level and the source location. Use the AM_LOG_* macros (they capture
// the location); the logger is process-wide and thread-safe (spdlog's _mt sinks).
#pragma once

#include <spdlog/spdlog.h>

#include <string>

#include "core/status.h"

namespace automend {

class Logging {
 public:
  enum class Verbosity { kQuiet, kNormal, kVerbose };

  // Sends log lines to stderr and to `<log_dir>/<stage>.log` (appended). Creates
  // `log_dir` if needed. Calling it again replaces the previous sinks.
  static Status Init(const std::string& log_dir, const std::string& stage, Verbosity verbosity);

  // Stderr only, warnings and above: for unit tests and tools that have no stage.
  static void InitForTests();

  // The level that reaches stderr (the file always gets info and above; debug when verbose).
  static Verbosity verbosity();
};

}  // namespace automend

#define AM_LOG_DEBUG(...) SPDLOG_DEBUG(__VA_ARGS__)
#define AM_LOG_INFO(...) SPDLOG_INFO(__VA_ARGS__)
#define AM_LOG_WARN(...) SPDLOG_WARN(__VA_ARGS__)
#define AM_LOG_ERROR(...) SPDLOG_ERROR(__VA_ARGS__)
#define AM_LOG_CRITICAL(...) SPDLOG_CRITICAL(__VA_ARGS__)
