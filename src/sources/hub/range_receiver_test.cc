#include "sources/hub/range_receiver.h"

#include <gtest/gtest.h>

namespace automend {
namespace {

HttpHeaders Headers(std::initializer_list<std::pair<const char*, std::string>> fields) {
  HttpHeaders h;
  for (const auto& [n, v] : fields) h.Add(n, v);
  return h;
}

std::string Bytes(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + i * 7 % 26);
  return s;
}

TEST(ContentRange, ParsesTheBytesForm) {
  ContentRange r;
  ASSERT_TRUE(ParseContentRange("bytes 10-19/100", &r));
  EXPECT_EQ(r.first, 10u);
  EXPECT_EQ(r.last, 19u);
  EXPECT_EQ(r.total, 100u);
  ASSERT_TRUE(ParseContentRange("bytes 0-0/*", &r));
  EXPECT_FALSE(r.total.has_value());
  for (const char* bad :
       {"", "bytes", "bytes 5-4/10", "bytes 0-10/10", "items 0-1/2", "bytes a-b/c", "bytes 1-2",
        "bytes -1-2/3", "bytes 0-99999999999999999999/1"}) {
    EXPECT_FALSE(ParseContentRange(bad, &r)) << bad;
  }
}

TEST(RangeReceiver, AcceptsTheExactPartialContent) {
  std::string out;
  RangeReceiver rx(10, 5, 100, &out);
  ASSERT_TRUE(rx.OnHeaders(206, Headers({{"Content-Range", "bytes 10-14/100"}})));
  ASSERT_TRUE(rx.OnBody("abc"));
  ASSERT_TRUE(rx.OnBody("de"));
  EXPECT_TRUE(rx.Finish().ok());
  EXPECT_EQ(out, "abcde");
  EXPECT_FALSE(rx.range_ignored());
}

TEST(RangeReceiver, DetectsAShortBody) {
  std::string out;
  RangeReceiver rx(0, 10, 100, &out);
  ASSERT_TRUE(rx.OnHeaders(206, Headers({{"Content-Range", "bytes 0-9/100"}})));
  ASSERT_TRUE(rx.OnBody("1234"));
  Status s = rx.Finish();
  EXPECT_TRUE(s.IsIOError());
  EXPECT_NE(s.message().find("short body: received 4 of 10"), std::string::npos) << s.message();
  EXPECT_TRUE(rx.retryable());
}

TEST(RangeReceiver, DetectsAnOversizedBody) {
  std::string out;
  RangeReceiver rx(0, 4, 100, &out);
  ASSERT_TRUE(rx.OnHeaders(206, Headers({{"Content-Range", "bytes 0-3/100"}})));
  EXPECT_FALSE(rx.OnBody("12345"));
  EXPECT_NE(rx.Finish().message().find("more than the 4 bytes"), std::string::npos);
}

TEST(RangeReceiver, RefusesAContentRangeThatIsNotTheRequest) {
  std::string out;
  RangeReceiver rx(10, 5, 100, &out);
  EXPECT_FALSE(rx.OnHeaders(206, Headers({{"Content-Range", "bytes 11-15/100"}})));
  EXPECT_NE(rx.Finish().message().find("sent bytes 11-15 for a request of bytes 10-14"),
            std::string::npos);
  EXPECT_TRUE(rx.retryable());

  RangeReceiver missing(10, 5, 100, &out);
  EXPECT_FALSE(missing.OnHeaders(206, HttpHeaders()));
  EXPECT_FALSE(missing.Finish().ok());
}

TEST(RangeReceiver, AnotherFileSizeIsNotRetryable) {
  std::string out;
  RangeReceiver rx(0, 5, 100, &out);
  EXPECT_FALSE(rx.OnHeaders(206, Headers({{"Content-Range", "bytes 0-4/101"}})));
  EXPECT_FALSE(rx.Finish().ok());
  EXPECT_FALSE(rx.retryable());

  RangeReceiver whole(0, 5, 100, &out);
  EXPECT_FALSE(whole.OnHeaders(200, Headers({{"Content-Length", "99"}})));
  EXPECT_FALSE(whole.retryable());
}

TEST(RangeReceiver, SlicesAWholeFileWhenRangeIsIgnoredAndStopsEarly) {
  const std::string file = Bytes(100000);
  std::string out;
  RangeReceiver rx(25000, 1000, file.size(), &out);
  ASSERT_TRUE(rx.OnHeaders(200, Headers({{"Content-Length", std::to_string(file.size())}})));
  EXPECT_TRUE(rx.range_ignored());
  size_t fed = 0;
  bool more = true;
  while (more && fed < file.size()) {
    size_t n = std::min<size_t>(4096, file.size() - fed);
    more = rx.OnBody(std::string_view(file).substr(fed, n));
    fed += n;
  }
  EXPECT_FALSE(more) << "the receiver should stop once it has the slice";
  EXPECT_LT(fed, 30000u);
  EXPECT_TRUE(rx.Finish().ok());
  EXPECT_EQ(out, file.substr(25000, 1000));
}

TEST(RangeReceiver, SliceAtTheVeryEndOfAnIgnoredRange) {
  const std::string file = Bytes(10);
  std::string out;
  RangeReceiver rx(9, 1, std::nullopt, &out);
  ASSERT_TRUE(rx.OnHeaders(200, HttpHeaders()));
  EXPECT_TRUE(rx.OnBody(file.substr(0, 9)));
  EXPECT_FALSE(rx.OnBody(file.substr(9)));
  EXPECT_TRUE(rx.Finish().ok());
  EXPECT_EQ(out, file.substr(9));

  std::string short_out;
  RangeReceiver truncated(5, 10, std::nullopt, &short_out);
  ASSERT_TRUE(truncated.OnHeaders(200, HttpHeaders()));
  EXPECT_TRUE(truncated.OnBody(file));
  EXPECT_FALSE(truncated.Finish().ok());
}

}  // namespace
}  // namespace automend
