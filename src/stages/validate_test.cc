#include "stages/validate.h"

#include <gtest/gtest.h>

#include "core/io/atomic_file.h"
#include "core/json/json_reader.h"
#include "records/record.h"
#include "test_util.h"

namespace automend {
namespace {

std::string RecordLine(const std::string& manifest, const std::string& iac_type,
                       const std::string& prompt_type, int64_t redactions) {
  static const std::vector<std::string> kLicenses = {"MIT"};
  RecordFields f;
  f.prompt = "Apply the Kubernetes manifest: x.";
  f.manifest = manifest;
  f.hexsha = "h";
  f.repo = "o/r";
  f.path = "x.yaml";
  f.licenses = &kLicenses;
  f.iac_type = iac_type;
  f.prompt_type = prompt_type;
  f.size_bytes = static_cast<int64_t>(manifest.size());
  f.redactions = redactions;
  std::string line;
  AppendRecordLine(f, &line);
  return line;
}

const std::string kPod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n";
const std::string kRedacted =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  password: REDACTED_CREDS\n"
    "  url: http://IPV4_REDACTED/ # REDACTED_EMAIL sk-REDACTED\n";

class SchemaValidatorTest : public testing::Test {
 protected:
  SchemaStats Run(const std::string& records, size_t max_examples = 5) {
    const std::string path = dir_.path() + "/records.jsonl";
    EXPECT_TRUE(WriteFileAtomically(path, records).ok());
    Config config;
    config.logs_dir = dir_.path() + "/logs";
    config.max_examples_per_check = max_examples;
    SchemaStats stats;
    Status s = RunValidate(config, {path, ""}, &stats);
    EXPECT_TRUE(s.ok()) << s.ToString();
    EXPECT_TRUE(ReadFileToString(dir_.path() + "/logs/schema_report.json", &report_).ok());
    return stats;
  }

  TempDir dir_;
  std::string report_;
};

TEST_F(SchemaValidatorTest, CleanFilePassesEveryRecord) {
  SchemaStats s = Run(RecordLine(kPod, "k8s_workload", "fallback", 0) +
                      RecordLine(kRedacted, "k8s_config", "gpu", 4));
  EXPECT_EQ(s.total, 2);
  EXPECT_EQ(s.valid, 2);
  EXPECT_EQ(s.pass_rate_pct(), 100.0);
  JsonValue report;
  ASSERT_TRUE(ParseJson(report_, &report).ok());
  EXPECT_EQ(report.Find("pass_rate_pct")->as_double(), 100.0);
  EXPECT_NE(report_.find("\"pass_rate_pct\": 100.0,"), std::string::npos);
  // Every check is listed, zeros included.
  EXPECT_EQ(report.Find("violation_counts")->object().size(), 6u);
  EXPECT_EQ(report.Find("violation_counts")->Find("pii_leak")->as_int(), 0);
}

TEST_F(SchemaValidatorTest, CountsViolationsWithTheirFirstLineNumbers) {
  std::string records = RecordLine(kPod, "k8s_workload", "fallback", 0);  // line 1
  records += "\n";                                                        // 2: blank, skipped
  records += "{\"messages\": [\n";                                        // 3: not JSON
  records += RecordLine(kPod + "# 8.8.8.8\n", "k8s_workload", "gpu", 0);  // 4: leak
  records += "not json either\n";                                         // 5
  records += RecordLine(kRedacted, "k8s_config", "gpu", 4);               // 6
  SchemaStats s = Run(records, 1);
  EXPECT_EQ(s.total, 5);
  EXPECT_EQ(s.blank_lines, 1);
  EXPECT_EQ(s.valid, 2);
  EXPECT_EQ(s.pass_rate_pct(), 40.0);
  EXPECT_EQ(s.violations[static_cast<int>(RecordCheck::kRequiredKeys)], 2);
  EXPECT_EQ(s.violations[static_cast<int>(RecordCheck::kPiiLeak)], 1);
  ASSERT_EQ(s.examples[static_cast<int>(RecordCheck::kRequiredKeys)].size(), 1u);
  EXPECT_EQ(s.examples[static_cast<int>(RecordCheck::kRequiredKeys)][0].line, 3u);
  EXPECT_EQ(s.examples[static_cast<int>(RecordCheck::kPiiLeak)][0].line, 4u);
  EXPECT_EQ(s.leaks[static_cast<int>(RedactionClass::kIpv4)], 1);
}

TEST_F(SchemaValidatorTest, StatisticsDescribeTheRecords) {
  SchemaStats s = Run(RecordLine(kPod, "k8s_workload", "fallback", 0) +
                      RecordLine(kRedacted, "k8s_config", "gpu", 4) +
                      RecordLine(kPod, "k8s_workload", "gpu", 0));
  EXPECT_EQ(s.iac_types.Get("k8s_workload"), 2);
  EXPECT_EQ(s.prompt_types.Get("gpu"), 2);
  EXPECT_EQ(s.kinds.Get("Pod"), 2);
  EXPECT_EQ(s.documents, 3);
  EXPECT_EQ(s.manifest_bytes.min, static_cast<int64_t>(kPod.size()));
  EXPECT_EQ(s.manifest_bytes.max, static_cast<int64_t>(kRedacted.size()));
  EXPECT_EQ(s.records_with_redactions, 1);
  EXPECT_EQ(s.redactions_total, 4);
  // kRedacted carries one token of each of the spec's four classes and none of `secret`.
  for (int c = 0; c < kRedactionClassCount; ++c)
    EXPECT_EQ(s.redaction_tokens[c], c == static_cast<int>(RedactionClass::kSecret) ? 0 : 1) << c;
}

TEST(CountRedactionTokens, CountsEachClassToken) {
  RedactionCounts c =
      CountRedactionTokens("REDACTED_CREDS REDACTED_CREDS IPV4_REDACTED sk-REDACTED x");
  EXPECT_EQ(c[static_cast<int>(RedactionClass::kCredential)], 2);
  EXPECT_EQ(c[static_cast<int>(RedactionClass::kIpv4)], 1);
  EXPECT_EQ(c[static_cast<int>(RedactionClass::kEmail)], 0);
  EXPECT_EQ(c[static_cast<int>(RedactionClass::kApiKey)], 1);
}

TEST(RunValidate, MissingRecordsFileIsAnIoError) {
  TempDir dir;
  Config config;
  config.logs_dir = dir.path();
  SchemaStats stats;
  EXPECT_TRUE(RunValidate(config, {dir.path() + "/none.jsonl", ""}, &stats).IsIOError());
}

}  // namespace
}  // namespace automend
