#include "stages/anomaly_check.h"

#include <gtest/gtest.h>

#include "core/io/atomic_file.h"
#include "core/json/json_reader.h"
#include "net/fake_http.h"
#include "test_util.h"

namespace automend {
namespace {

FakeResponse Answer(int status, std::string body) {
  FakeResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

class AnomalyCheckTest : public testing::Test {
 protected:
  void SetUp() override { config_.logs_dir = dir_.path(); }

  void WriteSchema(int64_t total, double rate, int64_t roles, int64_t pii) {
    std::string text = R"({"total": )" + std::to_string(total) + R"(, "pass_rate_pct": )" +
                       std::to_string(rate) + R"(, "violation_counts": {"roles": )" +
                       std::to_string(roles) + R"(, "pii_leak": )" + std::to_string(pii) + "}}";
    ASSERT_TRUE(WriteFileAtomically(dir_.path() + "/schema_report.json", text).ok());
  }

  Status Run(const Environment& env, HttpClient* http) {
    return RunAnomalyCheck(config_, {}, env, http, &outcome_);
  }

  JsonValue Report() {
    std::string text;
    EXPECT_TRUE(ReadFileToString(dir_.path() + "/anomaly_report.json", &text).ok());
    JsonValue v;
    EXPECT_TRUE(ParseJson(text, &v).ok());
    return v;
  }

  TempDir dir_;
  Config config_;
  AnomalyOutcome outcome_;
  FakeHttpClient http_{[](const HttpRequest&) { return Answer(200, "ok"); }};
};

TEST_F(AnomalyCheckTest, HealthyReportPassesWithoutAlert) {
  WriteSchema(100, 100.0, 0, 0);
  FixedEnvironment env;
  env.Set("SLACK_WEBHOOK_URL", "http://127.0.0.1:9/hook");
  ASSERT_TRUE(Run(env, &http_).ok());
  JsonValue r = Report();
  EXPECT_EQ(r.Find("status")->as_string(), "PASS");
  EXPECT_EQ(r.Find("anomalies_found")->as_int(), 0);
  EXPECT_EQ(r.Find("alert")->Find("channel")->as_string(), "none");
  EXPECT_TRUE(http_.requests.empty());
}

TEST_F(AnomalyCheckTest, AnomaliesWithoutWebhookAreLoggedAndDoNotFailByDefault) {
  WriteSchema(5, 60.0, 2, 0);
  ASSERT_TRUE(Run(FixedEnvironment(), &http_).ok());
  JsonValue r = Report();
  EXPECT_EQ(r.Find("status")->as_string(), "FAIL");
  EXPECT_EQ(r.Find("anomalies_found")->as_int(), 2);  // pass_rate, min_records
  EXPECT_EQ(r.Find("anomalies")->array()[0].Find("rule")->as_string(), "pass_rate");
  EXPECT_EQ(r.Find("alert")->Find("channel")->as_string(), "log");
  EXPECT_TRUE(http_.requests.empty());
}

TEST_F(AnomalyCheckTest, FailOnAnomalyMakesTheRunFail) {
  WriteSchema(5, 100.0, 0, 0);
  config_.fail_on_anomaly = true;
  Status s = Run(FixedEnvironment(), &http_);
  EXPECT_EQ(s.code(), Status::Code::kDataCheckFailed);
  EXPECT_EQ(s.ExitCode(), 1);
  EXPECT_EQ(Report().Find("status")->as_string(), "FAIL");
}

TEST_F(AnomalyCheckTest, PiiLeakFailsByDefaultAndNotWhenSwitchedOff) {
  WriteSchema(100, 99.0, 0, 1);
  EXPECT_EQ(Run(FixedEnvironment(), &http_).code(), Status::Code::kDataCheckFailed);
  EXPECT_TRUE(Report().Find("pii_leak")->as_bool());
  config_.fail_on_pii_leak = false;
  EXPECT_TRUE(Run(FixedEnvironment(), &http_).ok());
}

TEST_F(AnomalyCheckTest, PostsOneSlackMessageAndRecordsTheOutcome) {
  WriteSchema(5, 60.0, 0, 0);
  FixedEnvironment env;
  env.Set("SLACK_WEBHOOK_URL", "https://hooks.slack.example/services/T/B/secret");
  config_.slack_timeout_seconds = 2.5;
  ASSERT_TRUE(Run(env, &http_).ok());
  ASSERT_EQ(http_.requests.size(), 1u);
  EXPECT_EQ(http_.requests[0].timeout, std::chrono::milliseconds(2500));
  JsonValue body;
  ASSERT_TRUE(ParseJson(http_.requests[0].body, &body).ok());
  EXPECT_NE(body.Find("text")->as_string().find("2 anomalies"), std::string::npos);
  JsonValue alert = *Report().Find("alert");
  EXPECT_EQ(alert.Find("channel")->as_string(), "slack");
  EXPECT_TRUE(alert.Find("delivered")->as_bool());
  EXPECT_EQ(alert.Find("http_status")->as_int(), 200);
}

TEST_F(AnomalyCheckTest, FailedPostKeepsTheReportAndTheResult) {
  WriteSchema(5, 60.0, 0, 0);
  FixedEnvironment env;
  env.Set("SLACK_WEBHOOK_URL", "https://hooks.slack.example/services/T/B/secret");
  FakeHttpClient failing([](const HttpRequest&) {
    FakeResponse r;
    r.transport_error = Status::IOError("Timeout was reached");
    return r;
  });
  ASSERT_TRUE(Run(env, &failing).ok());
  JsonValue r = Report();
  EXPECT_EQ(r.Find("anomalies_found")->as_int(), 2);
  EXPECT_FALSE(r.Find("alert")->Find("delivered")->as_bool());
  EXPECT_EQ(r.Find("alert")->Find("detail")->as_string().find("secret"), std::string::npos);
}

TEST_F(AnomalyCheckTest, MissingOrMalformedSchemaReportIsAnError) {
  EXPECT_TRUE(Run(FixedEnvironment(), &http_).IsIOError());
  ASSERT_TRUE(WriteFileAtomically(dir_.path() + "/schema_report.json", "{\"total\": ").ok());
  EXPECT_TRUE(Run(FixedEnvironment(), &http_).IsCorruption());
}

}  // namespace
}  // namespace automend
