#include "quality/anomaly_rules.h"

#include <gtest/gtest.h>

namespace automend {
namespace {

SchemaSummary Summary(int64_t total, double rate, std::vector<std::pair<std::string, int64_t>> v) {
  SchemaSummary s;
  s.total = total;
  s.pass_rate_pct = rate;
  s.violation_counts = std::move(v);
  return s;
}

std::vector<std::string> Rules(const std::vector<Anomaly>& found) {
  std::vector<std::string> out;
  for (const auto& a : found) out.push_back(a.rule + (a.check.empty() ? "" : ":" + a.check));
  return out;
}

using Rules_ = std::vector<std::string>;

TEST(AnomalyRules, HealthyReportHasNone) {
  EXPECT_TRUE(
      FindAnomalies(Config(), Summary(100, 100.0, {{"roles", 0}, {"pii_leak", 0}})).empty());
}

TEST(AnomalyRules, PassRateFiresOnlyBelowTheThreshold) {
  Config c;  // 80%
  EXPECT_EQ(Rules(FindAnomalies(c, Summary(100, 80.0, {}))), Rules_{});
  EXPECT_EQ(Rules(FindAnomalies(c, Summary(100, 79.99, {}))), Rules_{"pass_rate"});
  c.min_pass_rate_pct = 95;
  auto found = FindAnomalies(c, Summary(100, 90.0, {}));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].value, 90.0);
  EXPECT_EQ(found[0].threshold, 95.0);
  EXPECT_FALSE(found[0].integral);
}

TEST(AnomalyRules, PiiLeakFiresOnAnyLeak) {
  EXPECT_EQ(Rules(FindAnomalies(Config(), Summary(100, 99.0, {{"pii_leak", 1}}))),
            Rules_{"pii_leak"});
  EXPECT_TRUE(HasPiiLeak(Summary(100, 99.0, {{"pii_leak", 1}})));
  EXPECT_FALSE(HasPiiLeak(Summary(100, 100.0, {{"pii_leak", 0}})));
}

TEST(AnomalyRules, ViolationsPerCheckFiresOnlyAboveTheThresholdOncePerCheck) {
  Config c;  // 50
  EXPECT_EQ(Rules(FindAnomalies(c, Summary(1000, 90.0, {{"roles", 50}, {"tool_call", 50}}))),
            Rules_{});
  EXPECT_EQ(Rules(FindAnomalies(c, Summary(1000, 89.9, {{"roles", 51}, {"tool_call", 60}}))),
            (Rules_{"violations_per_check:roles", "violations_per_check:tool_call"}));
  c.max_violations_per_check = 0;
  EXPECT_EQ(Rules(FindAnomalies(c, Summary(1000, 99.9, {{"roles", 1}}))),
            Rules_{"violations_per_check:roles"});
}

TEST(AnomalyRules, MinRecordsFiresOnlyBelowTheThreshold) {
  Config c;  // 10
  EXPECT_EQ(Rules(FindAnomalies(c, Summary(10, 100.0, {}))), Rules_{});
  EXPECT_EQ(Rules(FindAnomalies(c, Summary(9, 100.0, {}))), Rules_{"min_records"});
  // An empty file is reported once, by min_records, not also as a 0% pass rate.
  EXPECT_EQ(Rules(FindAnomalies(c, Summary(0, 0.0, {}))), Rules_{"min_records"});
}

TEST(AnomalyRules, ReadsTheSchemaReportAndRefusesAMalformedOne) {
  JsonValue report;
  ASSERT_TRUE(ParseJson(R"({"total": 12, "valid": 9, "pass_rate_pct": 75.0,
                            "violation_counts": {"roles": 3, "pii_leak": 0}})",
                        &report)
                  .ok());
  SchemaSummary s;
  ASSERT_TRUE(ReadSchemaSummary(report, "r.json", &s).ok());
  EXPECT_EQ(s.total, 12);
  EXPECT_EQ(s.Violations("roles"), 3);
  JsonValue bad;
  ASSERT_TRUE(ParseJson(R"({"total": "12"})", &bad).ok());
  Status st = ReadSchemaSummary(bad, "r.json", &s);
  EXPECT_TRUE(st.IsCorruption());
  EXPECT_NE(st.message().find("r.json"), std::string::npos);
}

}  // namespace
}  // namespace automend
