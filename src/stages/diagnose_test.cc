#include "stages/diagnose.h"

#include <gtest/gtest.h>

#include "core/io/atomic_file.h"
#include "core/json/json_reader.h"
#include "core/json/json_writer.h"
#include "test_util.h"

namespace automend {
namespace {

std::string RowLine(const std::string& hexsha, const std::string& path,
                    const std::string& content) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject().Field("hexsha", hexsha).Field("max_stars_repo_path", path);
  w.StringArray("max_stars_repo_licenses", {"MIT"}).Field("content", content).EndObject();
  return out + "\n";
}

const std::string kSecretDeployment =
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: llm\n  annotations:\n"
    "    owner: ml-team@example.com  # \xe6\x97\xa5\xe6\x9c\xac \"quoted\" \\ back\n"
    "spec:\n  template:\n    spec:\n      containers:\n      - name: vllm\n"
    "        image: vllm/vllm-openai\n        env:\n        - name: HF_TOKEN\n"
    "          value: hf_abcdefghijklmnop\n        - name: UPSTREAM\n"
    "          value: http://52.8.1.2:8000\t# sk-abcdefghijklmnopqrstuvwx\n"
    "        resources: {limits: {nvidia.com/gpu: 1}}\n";

class DiagnoseTest : public testing::Test {
 protected:
  Status Run(const std::string& rows, int threads, DiagnoseStats* stats) {
    const std::string input = dir_.path() + "/rows.jsonl";
    EXPECT_TRUE(WriteFileAtomically(input, rows).ok());
    Config config;
    config.logs_dir = dir_.path() + "/logs";
    return RunDiagnose(config, {input, "", threads}, stats);
  }
  JsonValue Report() {
    std::string text;
    EXPECT_TRUE(ReadFileToString(dir_.path() + "/logs/diagnose_report.json", &text).ok());
    JsonValue v;
    EXPECT_TRUE(ParseJson(text, &v).ok());
    return v;
  }
  TempDir dir_;
};

std::string GoodRows() {
  std::string rows;
  for (int i = 0; i < 40; ++i) {
    rows += RowLine("h" + std::to_string(i), "deploy/llm-" + std::to_string(i) + ".yaml",
                    kSecretDeployment + "# copy " + std::to_string(i) + "\n");
    if (i % 10 == 0) rows += RowLine("n" + std::to_string(i), "notes.txt", kSecretDeployment);
  }
  rows += RowLine("h0", "again.yaml", kSecretDeployment);
  return rows;
}

TEST_F(DiagnoseTest, CleanRunReportsYieldExposureAndRoundTrips) {
  DiagnoseStats s;
  Status st = Run(GoodRows(), 1, &s);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_TRUE(s.ok());
  const DiagnoseTally& t = s.tally;
  EXPECT_EQ(s.rows, 45);
  EXPECT_EQ(t.records, 40);
  EXPECT_EQ(t.reasons[static_cast<int>(GateReason::kDuplicate)], 1);
  EXPECT_EQ(t.reasons[static_cast<int>(GateReason::kExt)], 4);
  // Before: the email, the public IP and the API key (text), the HF token (structure); the
  // rows carry no secret of the named rules.
  constexpr int kSecret = static_cast<int>(RedactionClass::kSecret);
  for (int c = 0; c < kRedactionClassCount; ++c)
    EXPECT_EQ(t.exposure_before[c], c == kSecret ? 0 : 40) << c;
  // The API key sits in a comment on an env value, so it is text, redacted as api_key.
  for (int c = 0; c < kRedactionClassCount; ++c) EXPECT_EQ(t.redacted[c], c == kSecret ? 0 : 40) << c;
  for (int c = 0; c < kRedactionClassCount; ++c) EXPECT_EQ(t.left_after[c], 0) << c;
  EXPECT_EQ(t.keyword_records[0], 40);   // nvidia.com/gpu
  EXPECT_EQ(t.keyword_records[11], 40);  // vllm
  JsonValue r = Report();
  EXPECT_EQ(r.Find("status")->as_string(), "OK");
  EXPECT_EQ(r.Find("round_trip")->Find("line_failures")->as_int(), 0);
  EXPECT_EQ(r.Find("yield")->Find("yield_pct")->as_double(), 100.0 * 40 / 45);
}

TEST_F(DiagnoseTest, NoRecordFailsTheRunAndTheReportSaysWhy) {
  DiagnoseStats s;
  Status st = Run(RowLine("x", "notes.txt", kSecretDeployment), 1, &s);
  EXPECT_EQ(st.code(), Status::Code::kDataCheckFailed);
  JsonValue r = Report();
  EXPECT_EQ(r.Find("status")->as_string(), "FAIL");
  ASSERT_EQ(r.Find("failures")->array().size(), 1u);
  EXPECT_NE(r.Find("failures")->array()[0].as_string().find("no record"), std::string::npos);
}

TEST_F(DiagnoseTest, ThreadCountDoesNotChangeTheReport) {
  DiagnoseStats one, three;
  ASSERT_TRUE(Run(GoodRows(), 1, &one).ok());
  ASSERT_TRUE(Run(GoodRows(), 3, &three).ok());
  one.seconds = three.seconds = 0;
  one.threads = three.threads = 0;
  EXPECT_EQ(one.ToJson(), three.ToJson());
}

}  // namespace
}  // namespace automend
