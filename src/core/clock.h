// Clock: the time and the waiting that retries need, behind an interface so that tests of
// the backoff schedule use a fake that records the sleeps instead of sleeping.
// SystemClock() is process-wide and thread-safe.
#pragma once

#include <chrono>

namespace automend {

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock time: Retry-After may be an HTTP date.
  virtual std::chrono::system_clock::time_point Now() = 0;
  virtual void SleepFor(std::chrono::milliseconds duration) = 0;
};

Clock* SystemClock();

}  // namespace automend
