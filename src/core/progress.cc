#include "core/progress.h"

#include <unistd.h>

#include <cstdio>

namespace automend {

Progress::Progress(std::string label, bool enabled)
    : label_(std::move(label)),
      enabled_(enabled && ::isatty(STDERR_FILENO)),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void Progress::Update(int64_t rows, int64_t bytes, double fraction) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(250)) return;
  last_ = now;
  double secs = std::chrono::duration<double>(now - start_).count();
  double mb = static_cast<double>(bytes) / 1e6;
  char eta[32] = "";
  if (fraction > 0.001 && fraction <= 1) {
    double left = secs / fraction - secs;
    std::snprintf(eta, sizeof eta, ", ETA %dm%02ds", static_cast<int>(left) / 60,
                  static_cast<int>(left) % 60);
  }
  std::fprintf(stderr, "\r\033[K%s: %lld rows, %.1f MB, %.1f MB/s%s", label_.c_str(),
               static_cast<long long>(rows), mb, secs > 0 ? mb / secs : 0.0, eta);
  std::fflush(stderr);
}

void Progress::Finish(int64_t, int64_t) {
  if (!enabled_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
}

}  // namespace automend
