// Progress: a one-line progress display on stderr for long stages (rows, MB, rate, ETA),
// redrawn at most a few times a second. Shown only when enabled and stderr is a terminal,
// so logs and CI output stay clean. Used from one thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace automend {

class Progress {
 public:
  Progress(std::string label, bool enabled);
  // `fraction`: share of the input consumed in [0, 1], or negative when unknown (no ETA).
  void Update(int64_t rows, int64_t bytes, double fraction = -1);
  // Clears the line.
  void Finish(int64_t rows, int64_t bytes);

 private:
  std::string label_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace automend
