#include "sources/hub/hub_transport.h"

#include <gtest/gtest.h>

#include "net/fake_http.h"

namespace automend {
namespace {

using std::chrono::milliseconds;

constexpr char kToken[] = "hf_secret_token_value";
constexpr char kHub[] = "https://hub.test";

struct Harness {
  explicit Harness(FakeHttpClient::Responder responder, std::string token = kToken) {
    http = std::make_shared<FakeHttpClient>(std::move(responder));
    HubSettings settings;
    settings.endpoint = kHub;
    settings.token = std::move(token);
    settings.token_source = "HF_TOKEN";
    HubTransportOptions options;
    options.retry.initial_backoff = milliseconds(500);
    options.retry.max_backoff = milliseconds(8000);
    options.retry.jitter = 0;
    options.retry.max_attempts = 4;
    options.max_redirects = 3;
    Status s = HubTransport::Create(
        settings, http, &clock, [] { return 0.5; }, options, &transport);
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  std::shared_ptr<FakeHttpClient> http;
  FakeClock clock;
  std::shared_ptr<HubTransport> transport;
};

FakeResponse Redirect(const std::string& location) {
  FakeResponse r;
  r.status = 302;
  r.headers.emplace_back("Location", location);
  r.body = "Found. Redirecting";
  return r;
}

FakeResponse Status_(int status, std::vector<std::pair<std::string, std::string>> headers = {}) {
  FakeResponse r;
  r.status = status;
  r.headers = std::move(headers);
  r.body = "{\"error\": \"failure\"}";
  return r;
}

Url U(const std::string& text) {
  Url u;
  EXPECT_TRUE(ParseUrl(text, &u).ok());
  return u;
}

TEST(HubTransport, SendsTheTokenOnlyToTheHubOrigin) {
  Harness h([](const HttpRequest&) { return FakeResponse(); });
  EXPECT_TRUE(h.transport->SendsTokenTo(U("https://hub.test/api/x")));
  EXPECT_TRUE(h.transport->SendsTokenTo(U("https://HUB.test:443/y")));
  EXPECT_FALSE(h.transport->SendsTokenTo(U("http://hub.test/api/x")));  // downgrade
  EXPECT_FALSE(h.transport->SendsTokenTo(U("https://hub.test:8443/api/x")));
  EXPECT_FALSE(h.transport->SendsTokenTo(U("https://cdn-lfs.hub.test/blob")));
  EXPECT_FALSE(h.transport->SendsTokenTo(U("https://hub.test.evil.example/x")));

  Harness anonymous([](const HttpRequest&) { return FakeResponse(); }, "");
  EXPECT_FALSE(anonymous.transport->SendsTokenTo(U("https://hub.test/api/x")));
}

TEST(HubTransport, StripsTheTokenWhenARedirectLeavesTheHub) {
  const std::string file = "0123456789abcdefghij";
  Harness h([&](const HttpRequest& req) {
    if (req.url.rfind("https://hub.test/datasets/", 0) == 0) return Redirect("/moved/file");
    if (req.url == "https://hub.test/moved/file") {
      return Redirect("https://store.test/blob?sig=abc");
    }
    return ServeRange(req, file);
  });
  std::string out;
  std::string served_by;
  ASSERT_TRUE(h.transport
                  ->GetRange("https://hub.test/datasets/o/n/resolve/c/f", 5, 10, file.size(), &out,
                             &served_by)
                  .ok());
  EXPECT_EQ(out, file.substr(5, 10));
  EXPECT_EQ(served_by, "https://store.test/blob?sig=abc");
  ASSERT_EQ(h.http->requests.size(), 3u);
  EXPECT_EQ(RequestHeader(h.http->requests[0], "Authorization"), std::string("Bearer ") + kToken);
  EXPECT_EQ(RequestHeader(h.http->requests[1], "Authorization"), std::string("Bearer ") + kToken);
  EXPECT_EQ(RequestHeader(h.http->requests[2], "Authorization"), std::nullopt);
  for (const HttpRequest& req : h.http->requests) {
    ASSERT_TRUE(req.range.has_value());
    EXPECT_EQ(req.range->offset, 5u);
    EXPECT_EQ(req.range->length, 10u);
  }
}

TEST(HubTransport, RetriesServerErrorsWithExponentialBackoff) {
  int calls = 0;
  Harness h([&](const HttpRequest&) {
    if (++calls <= 3) return Status_(503);
    FakeResponse ok;
    ok.body = "{}";
    return ok;
  });
  HttpResponse response;
  ASSERT_TRUE(h.transport->GetApi("https://hub.test/api/x", &response).ok());
  EXPECT_EQ(response.body, "{}");
  EXPECT_EQ(h.clock.sleeps,
            (std::vector<milliseconds>{milliseconds(500), milliseconds(1000), milliseconds(2000)}));
  EXPECT_EQ(h.transport->stats().retries, 3u);
}

TEST(HubTransport, HonoursRetryAfterOn429) {
  int calls = 0;
  Harness h([&](const HttpRequest&) {
    if (++calls == 1) return Status_(429, {{"Retry-After", "7"}});
    if (calls == 2) return Status_(429, {{"Retry-After", "Tue, 14 Nov 2023 22:13:47 GMT"}});
    return FakeResponse();
  });
  HttpResponse response;
  ASSERT_TRUE(h.transport->GetApi("https://hub.test/api/x", &response).ok());
  // 7 s, then the date: 2023-11-14T22:13:47 is 20 s after the fake's start + 7 s slept.
  EXPECT_EQ(h.clock.sleeps, (std::vector<milliseconds>{milliseconds(7000), milliseconds(20000)}));
}

TEST(HubTransport, RetriesTransportErrorsAndGivesUpAfterMaxAttempts) {
  Harness h([](const HttpRequest&) {
    FakeResponse r;
    r.transport_error = Status::IOError("GET https://hub.test/api/x: Connection refused");
    return r;
  });
  HttpResponse response;
  Status s = h.transport->GetApi("https://hub.test/api/x", &response);
  EXPECT_TRUE(s.IsIOError());
  EXPECT_NE(s.message().find("gave up after 4 attempts"), std::string::npos) << s.message();
  EXPECT_EQ(h.http->requests.size(), 4u);
  EXPECT_EQ(h.clock.sleeps.size(), 3u);
}

TEST(HubTransport, RefusedTokenIsPermissionDeniedWithoutRetryOrLeak) {
  Harness h([](const HttpRequest&) {
    // A server that echoes the credential back must not get it into our message.
    return Status_(401, {{"X-Error-Message", std::string("Invalid credentials: ") + kToken}});
  });
  HttpResponse response;
  Status s = h.transport->GetApi("https://hub.test/api/datasets/o/n/revision/main", &response);
  EXPECT_EQ(s.code(), Status::Code::kPermissionDenied);
  EXPECT_EQ(s.ExitCode(), 3);
  EXPECT_NE(s.message().find("HF_TOKEN"), std::string::npos);
  EXPECT_NE(s.message().find("Invalid credentials"), std::string::npos);
  EXPECT_EQ(s.message().find(kToken), std::string::npos) << s.message();
  EXPECT_EQ(h.http->requests.size(), 1u);
  EXPECT_TRUE(h.clock.sleeps.empty());
}

TEST(HubTransport, MissingTokenMessageSaysToSetIt) {
  Harness h([](const HttpRequest&) { return Status_(401); }, "");
  HttpResponse response;
  Status s = h.transport->GetApi("https://hub.test/api/x", &response);
  EXPECT_EQ(s.code(), Status::Code::kPermissionDenied);
  EXPECT_NE(s.message().find("No token is set: set HF_TOKEN"), std::string::npos) << s.message();
}

TEST(HubTransport, NotFoundNamesWhatIsMissingAndIsNotRetried) {
  Harness h([](const HttpRequest&) {
    return Status_(404, {{"X-Error-Code", "RevisionNotFound"}});
  });
  HttpResponse response;
  Status s = h.transport->GetApi("https://hub.test/api/datasets/o/n/revision/nope", &response);
  EXPECT_TRUE(s.IsIOError());
  EXPECT_NE(s.message().find("the revision does not exist"), std::string::npos) << s.message();
  EXPECT_EQ(h.http->requests.size(), 1u);
}

TEST(HubTransport, SlicesTheBodyWhenTheStoreIgnoresRange) {
  std::string file(1 << 20, '\0');
  for (size_t i = 0; i < file.size(); ++i) file[i] = static_cast<char>(i * 31 % 251);
  Harness h([&](const HttpRequest& req) {
    if (req.url.find("hub.test") != std::string::npos) return Redirect("https://store.test/b");
    return ServeRange(req, file, /*ignore_range=*/true);
  });
  std::string out;
  ASSERT_TRUE(
      h.transport->GetRange("https://hub.test/f", 8192, 1000, file.size(), &out, nullptr).ok());
  EXPECT_EQ(out, file.substr(8192, 1000));
  EXPECT_EQ(h.http->stopped_early, 1);
  EXPECT_LT(h.http->body_bytes_delivered, 16384u);  // not the whole megabyte
}

TEST(HubTransport, RetriesAConnectionDroppedMidBody) {
  const std::string file(100000, 'x');
  int store_calls = 0;
  Harness h([&](const HttpRequest& req) {
    if (req.url.find("hub.test") != std::string::npos) return Redirect("https://store.test/b");
    FakeResponse r = ServeRange(req, file);
    if (++store_calls == 1) r.drop_after = 5000;
    return r;
  });
  std::string out;
  ASSERT_TRUE(
      h.transport->GetRange("https://hub.test/f", 0, 50000, file.size(), &out, nullptr).ok());
  EXPECT_EQ(out.size(), 50000u);
  EXPECT_EQ(store_calls, 2);
  EXPECT_EQ(h.clock.sleeps.size(), 1u);
}

TEST(HubTransport, AFileThatChangedSizeIsNotRetried) {
  Harness h([](const HttpRequest&) {
    FakeResponse r;
    r.status = 206;
    r.headers.emplace_back("Content-Range", "bytes 0-9/999");
    r.body = std::string(10, 'x');
    return r;
  });
  std::string out;
  Status s = h.transport->GetRange("https://hub.test/f", 0, 10, 100, &out, nullptr);
  EXPECT_TRUE(s.IsIOError());
  EXPECT_NE(s.message().find("999"), std::string::npos);
  EXPECT_EQ(h.http->requests.size(), 1u);
}

TEST(HubTransport, HeadStopsAtARedirectToAnotherOrigin) {
  Harness h([](const HttpRequest& req) {
    if (req.url == "https://hub.test/datasets/o/n/resolve/c/f") return Redirect("/renamed/f");
    FakeResponse r = Redirect("https://store.test/b?sig=1");
    r.headers.emplace_back("X-Linked-Etag", "\"abc\"");
    return r;
  });
  HttpResponse response;
  ASSERT_TRUE(h.transport->HeadFile("https://hub.test/datasets/o/n/resolve/c/f", &response).ok());
  EXPECT_EQ(response.status, 302);
  EXPECT_EQ(*response.headers.Find("x-linked-etag"), "\"abc\"");
  ASSERT_EQ(h.http->requests.size(), 2u);  // the same-origin hop was followed, the store not asked
  EXPECT_EQ(h.http->requests[1].url, "https://hub.test/renamed/f");
  EXPECT_EQ(h.http->requests[1].method, "HEAD");
}

TEST(HubTransport, EndsARedirectLoop) {
  Harness h([](const HttpRequest&) { return Redirect("/again"); });
  HttpResponse response;
  Status s = h.transport->GetApi("https://hub.test/api/x", &response);
  EXPECT_TRUE(s.IsIOError());
  EXPECT_NE(s.message().find("more than 3 redirects"), std::string::npos) << s.message();
  EXPECT_EQ(h.http->requests.size(), 4u);
}

TEST(HubTransport, RefusesAnApiAnswerBeyondTheLimit) {
  std::shared_ptr<FakeHttpClient> http = std::make_shared<FakeHttpClient>([](const HttpRequest&) {
    FakeResponse r;
    r.body = std::string(5000, 'x');
    return r;
  });
  HubSettings settings;
  settings.endpoint = kHub;
  HubTransportOptions options;
  options.max_api_body_bytes = 1000;
  FakeClock clock;
  std::shared_ptr<HubTransport> transport;
  ASSERT_TRUE(HubTransport::Create(settings, http, &clock, nullptr, options, &transport).ok());
  HttpResponse response;
  Status s = transport->GetApi("https://hub.test/api/x", &response);
  EXPECT_NE(s.message().find("larger than 1000 bytes"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace automend
