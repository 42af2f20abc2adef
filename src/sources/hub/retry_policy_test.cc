#include "sources/hub/retry_policy.h"

#include <gtest/gtest.h>

namespace automend {
namespace {

using std::chrono::milliseconds;

TEST(RetryPolicy, BackoffDoublesUpToTheCap) {
  RetryPolicy p;
  p.initial_backoff = milliseconds(500);
  p.max_backoff = milliseconds(5000);
  p.jitter = 0;
  EXPECT_EQ(BackoffDelay(p, 1, 0.9), milliseconds(500));
  EXPECT_EQ(BackoffDelay(p, 2, 0.9), milliseconds(1000));
  EXPECT_EQ(BackoffDelay(p, 3, 0.9), milliseconds(2000));
  EXPECT_EQ(BackoffDelay(p, 4, 0.9), milliseconds(4000));
  EXPECT_EQ(BackoffDelay(p, 5, 0.9), milliseconds(5000));
  EXPECT_EQ(BackoffDelay(p, 60, 0.9), milliseconds(5000));
}

TEST(RetryPolicy, JitterShortensTheDelayWithinItsFraction) {
  RetryPolicy p;
  p.initial_backoff = milliseconds(1000);
  p.jitter = 0.25;
  EXPECT_EQ(BackoffDelay(p, 1, 0.0), milliseconds(1000));
  EXPECT_EQ(BackoffDelay(p, 1, 0.5), milliseconds(875));
  EXPECT_EQ(BackoffDelay(p, 1, 0.999999), milliseconds(750));
  EXPECT_EQ(BackoffDelay(p, 2, 0.5), milliseconds(1750));
}

TEST(RetryPolicy, RetryAfterWinsWhenLongerAndIsCapped) {
  RetryPolicy p;
  p.initial_backoff = milliseconds(500);
  p.jitter = 0;
  p.max_retry_after = milliseconds(10000);
  EXPECT_EQ(RetryDelay(p, 1, 0, milliseconds(3000)), milliseconds(3000));
  EXPECT_EQ(RetryDelay(p, 1, 0, milliseconds(100)), milliseconds(500));
  EXPECT_EQ(RetryDelay(p, 1, 0, milliseconds(600000)), milliseconds(10000));
  EXPECT_EQ(RetryDelay(p, 1, 0, std::nullopt), milliseconds(500));
}

TEST(RetryPolicy, ParsesRetryAfterSecondsAndHttpDates) {
  auto now = std::chrono::system_clock::from_time_t(784111777);  // Sun, 06 Nov 1994 08:49:37 GMT
  EXPECT_EQ(ParseRetryAfter("120", now), milliseconds(120000));
  EXPECT_EQ(ParseRetryAfter(" 0 ", now), milliseconds(0));
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:50:07 GMT", now), milliseconds(30000));
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:00:00 GMT", now), milliseconds(0));
  EXPECT_EQ(ParseRetryAfter("", now), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("-5", now), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("1.5", now), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("soon", now), std::nullopt);
  EXPECT_GT(*ParseRetryAfter("99999999999999999999", now), milliseconds(1000LL * 3600 * 24 * 300));
}

TEST(RetryPolicy, RetriesTransientStatusesOnly) {
  for (int s : {408, 429, 500, 502, 503, 504, 599}) EXPECT_TRUE(IsRetryableHttpStatus(s)) << s;
  for (int s : {200, 206, 302, 400, 401, 403, 404, 416, 501, 505}) {
    EXPECT_FALSE(IsRetryableHttpStatus(s)) << s;
  }
}

TEST(RetryPolicy, ValidatesItsFields) {
  RetryPolicy p;
  EXPECT_TRUE(ValidateRetryPolicy(p).ok());
  p.max_attempts = 0;
  EXPECT_TRUE(ValidateRetryPolicy(p).IsInvalidArgument());
  p = RetryPolicy();
  p.jitter = 1.5;
  EXPECT_TRUE(ValidateRetryPolicy(p).IsInvalidArgument());
  p = RetryPolicy();
  p.max_backoff = milliseconds(1);
  EXPECT_TRUE(ValidateRetryPolicy(p).IsInvalidArgument());
}

}  // namespace
}  // namespace automend
