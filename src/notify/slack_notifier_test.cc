#include "notify/slack_notifier.h"

#include <gtest/gtest.h>

#include "core/json/json_reader.h"
#include "net/fake_http.h"

namespace automend {
namespace {

FakeResponse Answer(int status, std::string body) {
  FakeResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

constexpr char kWebhook[] = "https://hooks.slack.example/services/T0/B0/s3cr3t";

SlackMessage Message() {
  return {"AutoMend anomaly check FAILED", {"pass_rate: 70% < 80% & falling", "pii_leak: 2"}};
}

TEST(SlackNotifier, PostsIncomingWebhookJson) {
  FakeHttpClient http([](const HttpRequest&) { return Answer(200, "ok"); });
  SlackNotifier notifier(&http, kWebhook, std::chrono::milliseconds(1500));
  SlackResult r = notifier.Send(Message());
  EXPECT_TRUE(r.delivered);
  EXPECT_EQ(r.status, 200);
  ASSERT_EQ(http.requests.size(), 1u);
  const HttpRequest& req = http.requests[0];
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.url, kWebhook);
  EXPECT_EQ(RequestHeader(req, "Content-Type"), "application/json");
  EXPECT_EQ(req.timeout, std::chrono::milliseconds(1500));
  JsonValue body;
  ASSERT_TRUE(ParseJson(req.body, &body).ok());
  EXPECT_EQ(body.Find("text")->as_string(),
            "AutoMend anomaly check FAILED\n- pass_rate: 70% < 80% & falling\n- pii_leak: 2");
  const auto& blocks = body.Find("blocks")->array();
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].Find("type")->as_string(), "header");
  EXPECT_EQ(blocks[1].Find("text")->Find("type")->as_string(), "mrkdwn");
  // mrkdwn's control characters are escaped as Slack asks.
  EXPECT_NE(blocks[1].Find("text")->Find("text")->as_string().find("70% &lt; 80% &amp; falling"),
            std::string::npos);
}

TEST(SlackNotifier, Non2xxAnswerIsReportedNotFatal) {
  FakeHttpClient http([](const HttpRequest&) { return Answer(500, "internal_error"); });
  SlackResult r = SlackNotifier(&http, kWebhook, std::chrono::seconds(1)).Send(Message());
  EXPECT_FALSE(r.delivered);
  EXPECT_EQ(r.status, 500);
  EXPECT_NE(r.detail.find("internal_error"), std::string::npos);
  EXPECT_EQ(r.detail.find("s3cr3t"), std::string::npos);
}

TEST(SlackNotifier, TransportErrorNeverShowsTheWebhookPath) {
  FakeHttpClient http([](const HttpRequest& req) {
    FakeResponse r;
    r.transport_error = Status::IOError("POST " + req.url + ": Timeout was reached");
    return r;
  });
  SlackResult r = SlackNotifier(&http, kWebhook, std::chrono::seconds(1)).Send(Message());
  EXPECT_FALSE(r.delivered);
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.detail.find("Timeout was reached"), std::string::npos);
  EXPECT_NE(r.detail.find("https://hooks.slack.example"), std::string::npos);
  EXPECT_EQ(r.detail.find("s3cr3t"), std::string::npos);
}

TEST(SlackNotifier, UnparseableUrlSendsNothing) {
  FakeHttpClient http([](const HttpRequest&) { return FakeResponse{}; });
  SlackResult r = SlackNotifier(&http, "not a url", std::chrono::seconds(1)).Send(Message());
  EXPECT_FALSE(r.delivered);
  EXPECT_TRUE(http.requests.empty());
}

TEST(SlackNotifier, LongMessagesAreCutToSlackLimits) {
  SlackMessage m{std::string(400, 'T'), {std::string(5000, 'x')}};
  JsonValue body;
  ASSERT_TRUE(ParseJson(SlackNotifier::Payload(m), &body).ok());
  const auto& blocks = body.Find("blocks")->array();
  EXPECT_LE(blocks[0].Find("text")->Find("text")->as_string().size(), 150u);
  EXPECT_LE(blocks[1].Find("text")->Find("text")->as_string().size(), 3000u);
}

}  // namespace
}  // namespace automend
