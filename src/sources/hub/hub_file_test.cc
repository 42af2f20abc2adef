#include "sources/hub/hub_file.h"

#include <gtest/gtest.h>

#include "net/fake_http.h"

namespace automend {
namespace {

using std::chrono::milliseconds;

constexpr uint64_t kKiB = 1024;

std::string MakeFile(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131 + i / 7) % 256);
  return s;
}

// A hub whose resolve URL redirects to a store URL, each redirect with a fresh signature;
// `expired` signatures are refused by the store.
struct Fixture {
  explicit Fixture(size_t size, HubReadOptions read = HubReadOptions()) : file(MakeFile(size)) {
    http = std::make_shared<FakeHttpClient>([this](const HttpRequest& req) {
      if (req.url.rfind("https://hub.test/", 0) == 0) {
        FakeResponse r;
        r.status = 302;
        r.headers.emplace_back("Location",
                               "https://store.test/blob?sig=" + std::to_string(++signatures));
        return r;
      }
      if (req.url.find("sig=" + std::to_string(expired)) != std::string::npos) {
        FakeResponse r;
        r.status = 403;
        r.body = "<Error>Request has expired</Error>";
        return r;
      }
      return ServeRange(req, file);
    });
    HubSettings settings;
    settings.endpoint = "https://hub.test";
    settings.token = "hf_tok";
    HubTransportOptions options;
    options.retry.jitter = 0;
    EXPECT_TRUE(HubTransport::Create(settings, http, &clock, nullptr, options, &transport).ok());
    hub_file = std::make_unique<HubFile>(transport, "hf://datasets/o/n@c/f.parquet",
                                         "https://hub.test/datasets/o/n/resolve/c/f.parquet",
                                         file.size(), read, &clock);
  }

  size_t StoreGets() const {
    size_t n = 0;
    for (const HttpRequest& r : http->requests) n += r.url.find("store.test") != std::string::npos;
    return n;
  }
  size_t HubGets() const { return http->requests.size() - StoreGets(); }

  std::string file;
  int signatures = 0;
  int expired = -1;
  FakeClock clock;
  std::shared_ptr<FakeHttpClient> http;
  std::shared_ptr<HubTransport> transport;
  std::unique_ptr<HubFile> hub_file;
};

TEST(HubFile, FooterLengthAndMetadataCostOneRequest) {
  Fixture f(10 << 20);
  const uint64_t size = f.file.size();
  std::string out;
  ASSERT_TRUE(f.hub_file->ReadAt(size - 8, 8, &out).ok());
  EXPECT_EQ(out, f.file.substr(size - 8));
  ASSERT_TRUE(f.hub_file->ReadAt(size - 8 - 200000, 200000, &out).ok());
  EXPECT_EQ(out, f.file.substr(size - 8 - 200000, 200000));
  EXPECT_EQ(f.StoreGets(), 1u);
  ASSERT_EQ(f.http->requests.back().range->length, HubReadOptions().tail_bytes);
}

TEST(HubFile, SmallReadsAreWidenedAndServedFromTheCache) {
  Fixture f(4 << 20);
  std::string out;
  ASSERT_TRUE(f.hub_file->ReadAt(1000, 100, &out).ok());
  EXPECT_EQ(out, f.file.substr(1000, 100));
  EXPECT_EQ(f.http->requests.back().range->length, HubReadOptions().min_request_bytes);
  for (uint64_t off = 1100; off < 200 * kKiB; off += 10 * kKiB) {
    ASSERT_TRUE(f.hub_file->ReadAt(off, 64, &out).ok());
    EXPECT_EQ(out, f.file.substr(off, 64));
  }
  EXPECT_EQ(f.StoreGets(), 1u);
}

TEST(HubFile, LargeReadsAreExactAndNotCached) {
  Fixture f(4 << 20);
  std::string out;
  ASSERT_TRUE(f.hub_file->ReadAt(100, 1 << 20, &out).ok());
  EXPECT_EQ(out, f.file.substr(100, 1 << 20));
  EXPECT_EQ(f.http->requests.back().range->offset, 100u);
  EXPECT_EQ(f.http->requests.back().range->length, uint64_t{1} << 20);
  ASSERT_TRUE(f.hub_file->ReadAt(100, 1 << 20, &out).ok());
  EXPECT_EQ(f.StoreGets(), 2u);
}

TEST(HubFile, CacheIsBoundedLeastRecentlyUsedFirst) {
  HubReadOptions read;
  read.min_request_bytes = 64 * kKiB;
  read.tail_bytes = 64 * kKiB;
  read.cache_bytes = 128 * kKiB;  // two blocks
  Fixture f(1 << 20, read);
  std::string out;
  ASSERT_TRUE(f.hub_file->ReadAt(0, 10, &out).ok());           // block A
  ASSERT_TRUE(f.hub_file->ReadAt(100 * kKiB, 10, &out).ok());  // block B
  ASSERT_TRUE(f.hub_file->ReadAt(5, 10, &out).ok());           // A again: cached, now newest
  EXPECT_EQ(f.StoreGets(), 2u);
  ASSERT_TRUE(f.hub_file->ReadAt(300 * kKiB, 10, &out).ok());  // C evicts B
  ASSERT_TRUE(f.hub_file->ReadAt(7, 10, &out).ok());           // A still cached
  EXPECT_EQ(f.StoreGets(), 3u);
  ASSERT_TRUE(f.hub_file->ReadAt(100 * kKiB + 1, 10, &out).ok());  // B was evicted
  EXPECT_EQ(f.StoreGets(), 4u);
  EXPECT_EQ(out, f.file.substr(100 * kKiB + 1, 10));
}

TEST(HubFile, ReusesTheStoreUrlAndFallsBackWhenItExpires) {
  Fixture f(4 << 20);
  std::string out;
  ASSERT_TRUE(f.hub_file->ReadAt(0, 1 << 20, &out).ok());
  ASSERT_TRUE(f.hub_file->ReadAt(1 << 20, 1 << 20, &out).ok());
  EXPECT_EQ(f.HubGets(), 1u);  // the second read went straight to the store
  EXPECT_EQ(f.StoreGets(), 2u);

  f.expired = 1;  // the store now refuses the first signature
  ASSERT_TRUE(f.hub_file->ReadAt(2 << 20, 1 << 20, &out).ok());
  EXPECT_EQ(out, f.file.substr(2 << 20, 1 << 20));
  EXPECT_EQ(f.HubGets(), 2u);
  EXPECT_TRUE(f.clock.sleeps.empty()) << "a refused store URL is not retried, the hub is asked";

  f.clock.now += std::chrono::hours(1);  // past the TTL: ask the hub without trying the store
  ASSERT_TRUE(f.hub_file->ReadAt(3 << 20, 1 << 20, &out).ok());
  EXPECT_EQ(f.HubGets(), 3u);
  EXPECT_EQ(RequestHeader(f.http->requests.back(), "Authorization"), std::nullopt);
}

TEST(HubFile, RefusesReadsPastTheEnd) {
  Fixture f(1000);
  std::string out;
  EXPECT_TRUE(f.hub_file->ReadAt(990, 11, &out).IsIOError());
  EXPECT_TRUE(f.hub_file->ReadAt(1001, 0, &out).IsIOError());
  EXPECT_TRUE(f.hub_file->ReadAt(1000, 0, &out).ok());
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(f.http->requests.empty());
  ASSERT_TRUE(f.hub_file->ReadAt(990, 10, &out).ok());
  EXPECT_EQ(out, f.file.substr(990));
}

TEST(HubFile, ValidatesReadOptions) {
  HubReadOptions read;
  EXPECT_TRUE(ValidateHubReadOptions(read).ok());
  read.min_request_bytes = 0;
  EXPECT_TRUE(ValidateHubReadOptions(read).IsInvalidArgument());
  read = HubReadOptions();
  read.cache_bytes = read.tail_bytes - 1;
  EXPECT_TRUE(ValidateHubReadOptions(read).IsInvalidArgument());
}

}  // namespace
}  // namespace automend
