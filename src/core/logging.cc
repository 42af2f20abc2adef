#include "core/logging.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <atomic>
#include <filesystem>
#include <memory>

namespace automend {
namespace {

constexpr char kPattern[] = "%Y-%m-%dT%H:%M:%S.%e%z %l [%s:%#] %v";
std::atomic<Logging::Verbosity> g_verbosity{Logging::Verbosity::kNormal};

spdlog::level::level_enum StderrLevel(Logging::Verbosity v) {
  switch (v) {
    case Logging::Verbosity::kQuiet: return spdlog::level::err;
    case Logging::Verbosity::kNormal: return spdlog::level::info;
    case Logging::Verbosity::kVerbose: return spdlog::level::debug;
  }
  return spdlog::level::info;
}

}  // namespace

Status Logging::Init(const std::string& log_dir, const std::string& stage, Verbosity verbosity) {
  std::error_code ec;
  std::filesystem::create_directories(log_dir, ec);
  if (ec) return Status::IOError("cannot create log directory " + log_dir + ": " + ec.message());
  auto err_sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  err_sink->set_level(StderrLevel(verbosity));
  std::shared_ptr<spdlog::sinks::basic_file_sink_mt> file_sink;
  try {
    file_sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(log_dir + "/" + stage + ".log");
  } catch (const spdlog::spdlog_ex& e) {
    return Status::IOError(std::string("cannot open log file: ") + e.what());
  }
  file_sink->set_level(verbosity == Verbosity::kVerbose ? spdlog::level::debug
                                                        : spdlog::level::info);
  auto logger = std::make_shared<spdlog::logger>(
      "automend", spdlog::sinks_init_list{err_sink, file_sink});
  logger->set_pattern(kPattern);
  logger->set_level(spdlog::level::debug);
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
  g_verbosity = verbosity;
  return Status::OK();
}

void Logging::InitForTests() {
  auto err_sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  auto logger = std::make_shared<spdlog::logger>("automend", err_sink);
  logger->set_pattern(kPattern);
  logger->set_level(spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

Logging::Verbosity Logging::verbosity() { return g_verbosity; }

}  // namespace automend
