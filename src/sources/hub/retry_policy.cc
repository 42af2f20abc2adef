#include "sources/hub/retry_policy.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>
#include <string>

namespace automend {

using std::chrono::milliseconds;

Status ValidateRetryPolicy(const RetryPolicy& p) {
  if (p.max_attempts < 1 || p.max_attempts > 100) {
    return Status::InvalidArgument("retry attempts must be between 1 and 100");
  }
  if (p.initial_backoff.count() < 0 || p.max_backoff < p.initial_backoff) {
    return Status::InvalidArgument("retry backoff must satisfy 0 <= initial <= max");
  }
  if (!(p.multiplier >= 1.0 && p.multiplier <= 100.0)) {
    return Status::InvalidArgument("retry backoff multiplier must be between 1 and 100");
  }
  if (!(p.jitter >= 0.0 && p.jitter <= 1.0)) {
    return Status::InvalidArgument("retry jitter must be between 0 and 1");
  }
  if (p.max_retry_after.count() < 0) {
    return Status::InvalidArgument("max Retry-After must not be negative");
  }
  return Status::OK();
}

bool IsRetryableHttpStatus(int status) {
  if (status == 408 || status == 429) return true;
  return status >= 500 && status <= 599 && status != 501 && status != 505;
}

milliseconds BackoffDelay(const RetryPolicy& policy, int retry, double unit_random) {
  double base = static_cast<double>(policy.initial_backoff.count()) *
                std::pow(policy.multiplier, std::max(0, retry - 1));
  base = std::min(base, static_cast<double>(policy.max_backoff.count()));
  double u = std::clamp(unit_random, 0.0, 1.0);
  double delay = base * (1.0 - policy.jitter * u);
  return milliseconds(static_cast<int64_t>(std::llround(std::max(0.0, delay))));
}

std::optional<milliseconds> ParseRetryAfter(std::string_view value,
                                            std::chrono::system_clock::time_point now) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (value.size() > 9) return milliseconds(std::chrono::hours(24 * 365));  // "forever"
    int64_t seconds = 0;
    std::from_chars(value.data(), value.data() + value.size(), seconds);
    return milliseconds(seconds * 1000);
  }
  // IMF-fixdate, the form RFC 9110 requires senders to use.
  std::string text(value);
  std::tm tm{};
  const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  time_t when = timegm(&tm);
  if (when == static_cast<time_t>(-1)) return std::nullopt;
  auto target = std::chrono::system_clock::from_time_t(when);
  if (target <= now) return milliseconds(0);
  return std::chrono::duration_cast<milliseconds>(target - now);
}

milliseconds RetryDelay(const RetryPolicy& policy, int retry, double unit_random,
                        std::optional<milliseconds> retry_after) {
  milliseconds delay = BackoffDelay(policy, retry, unit_random);
  if (retry_after) delay = std::max(delay, std::min(*retry_after, policy.max_retry_after));
  return delay;
}

}  // namespace automend
