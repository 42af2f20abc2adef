// RetryPolicy: when and how long the hub client waits before trying a request again.
// Exponential backoff with jitter for timeouts, connection errors, 408, 429 and 5xx; a
// server's Retry-After is honoured when it asks for longer than the backoff (up to a
// cap, so a misconfigured server cannot stall a run for hours). The functions are pure so
// that the schedule is tested exactly; the caller supplies the random number.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "core/status.h"

namespace automend {

struct RetryPolicy {
  int max_attempts = 6;  // the first try included; 1 means no retry
  std::chrono::milliseconds initial_backoff{500};
  std::chrono::milliseconds max_backoff{20000};
  double multiplier = 2.0;
  // Each delay is shortened by a random fraction of up to `jitter`, so that many workers
  // that failed together do not retry together.
  double jitter = 0.25;
  std::chrono::milliseconds max_retry_after{120000};
};

// InvalidArgument when a field is out of range (attempts < 1, jitter outside [0, 1], ...).
Status ValidateRetryPolicy(const RetryPolicy& policy);

// 408, 429 and 5xx except 501 and 505, which will not change on a second try.
bool IsRetryableHttpStatus(int status);

// The backoff before retry number `retry` (1 = the first retry):
// min(initial * multiplier^(retry-1), max_backoff) * (1 - jitter * unit_random), with
// unit_random in [0, 1).
std::chrono::milliseconds BackoffDelay(const RetryPolicy& policy, int retry, double unit_random);

// A Retry-After value: delta-seconds or an HTTP date (relative to `now`, never negative).
// nullopt when it is neither.
std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view value,
                                                         std::chrono::system_clock::time_point now);

// The wait before retry number `retry`: the backoff, or the server's Retry-After when that
// is longer, capped at max_retry_after.
std::chrono::milliseconds RetryDelay(const RetryPolicy& policy, int retry, double unit_random,
                                     std::optional<std::chrono::milliseconds> retry_after);

}  // namespace automend
