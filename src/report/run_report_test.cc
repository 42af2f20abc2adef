#include "report/run_report.h"

#include <gtest/gtest.h>

#include <chrono>

#include "core/io/atomic_file.h"
#include "report/report_test_util.h"
#include "runner/run_log.h"
#include "stages/stage_paths.h"
#include "test_util.h"

namespace automend {
namespace {

size_t Occurrences(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = 0; (at = haystack.find(needle, at)) != std::string::npos; at += needle.size())
    ++n;
  return n;
}

double Now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

class RunReportTest : public testing::Test {
 protected:
  RunReportTest() {
    config_.logs_dir = dir_.path() + "/logs";
    config_.reports_dir = dir_.path() + "/reports";
    config_.records_path = dir_.path() + "/records.jsonl";
  }

  std::string Page() {
    std::string written, page;
    Status s = WriteRunReport(config_, RunReportOptions(), &written);
    EXPECT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(written, config_.reports_dir + "/index.html");
    EXPECT_TRUE(ReadFileToString(written, &page).ok());
    return page;
  }

  void Log(const std::string& stage, const std::string& status, double start, int64_t in,
           int64_t out, const std::string& run_id = "run-1") {
    RunLogEntry e;
    e.run_id = run_id;
    e.stage = stage;
    e.status = status;
    e.reason =
        status == "failed" ? "Data check failed: 1 anomaly found" : "no earlier successful run";
    e.start = start;
    e.end = start + 0.25;
    e.rows_in = in;
    e.rows_out = out;
    ASSERT_TRUE(RunLog(RunLogPath(config_)).Append(e).ok());
  }

  TempDir dir_;
  Config config_;
};

TEST_F(RunReportTest, WithNothingToReadEverySectionSaysNotProducedYet) {
  const std::string page = Page();
  EXPECT_TRUE(Has(page, "<!DOCTYPE html>"));
  EXPECT_TRUE(Has(page, "data-outcome=\"none\""));
  EXPECT_EQ(Occurrences(page, "No run recorded yet"), 2u);  // pipeline and timings
  for (const std::string& path : {PreprocessReportPath(config_), SchemaReportPath(config_),
                                  AnomalyReportPath(config_), BiasReportPath(config_)})
    EXPECT_TRUE(Has(page, "data-missing=\"" + path + "\"")) << path;
  EXPECT_TRUE(Has(page, "data-missing=\"" + config_.records_path + "\""));
  for (const char* id :
       {"pipeline", "timings", "funnel", "schema", "anomalies", "bias", "redactions"})
    EXPECT_TRUE(Has(page, std::string("<section id=\"") + id + "\"")) << id;
  // Self-contained: no script, no external resource.
  EXPECT_FALSE(Has(page, "<script"));
  EXPECT_FALSE(Has(page, "src=\""));
  EXPECT_FALSE(Has(page, "http://"));
  EXPECT_FALSE(Has(page, "https://"));
}

TEST_F(RunReportTest, AnUnreadableReportIsNamedAndTheRestStillRenders) {
  ASSERT_TRUE(WriteFileAtomically(SchemaReportPath(config_), "{\"total\": ").ok());
  ASSERT_TRUE(
      WriteFileAtomically(AnomalyReportPath(config_),
                          "{\"status\": \"PASS\", \"anomalies_found\": 0, \"anomalies\": []}")
          .ok());
  const std::string page = Page();
  EXPECT_TRUE(Has(page, "Could not be read"));
  EXPECT_TRUE(Has(page, "data-missing=\"" + SchemaReportPath(config_) + "\""));
  EXPECT_TRUE(Has(page, "data-status=\"PASS\""));
}

TEST_F(RunReportTest, AFailedRunShowsWhereItStoppedAndMarksOlderReports) {
  // Reports written now; the run log says the last run started later, failed at
  // anomaly_check and never reached bias_detection, so the bias report is an earlier run's.
  ASSERT_TRUE(WriteFileAtomically(BiasReportPath(config_),
                                  R"({"slices": {"iac_type": {"kserve": {"count": 7, "share": 0.7,
                                      "over_represented": true, "under_represented": false}}},
                                      "thresholds": {"over_representation": 0.4}})")
                  .ok());
  ASSERT_TRUE(WriteFileAtomically(AnomalyReportPath(config_),
                                  R"({"status": "FAIL", "anomalies_found": 1, "anomalies": [
                                      {"rule": "min_records", "message": "only 7 record(s) <b>",
                                       "value": 7, "threshold": 10}]})")
                  .ok());
  const double t = Now() + 1000;
  Log("download", "ran", t, 10, 9);
  Log("analyze", "skipped", t + 1, -1, -1);
  Log("preprocess", "ran", t + 2, 9, 7);
  Log("validate", "ran", t + 3, 7, 7);
  Log("anomaly_check", "failed", t + 4, 7, 1);
  const std::string page = Page();
  EXPECT_TRUE(Has(page, "data-outcome=\"failed\""));
  EXPECT_TRUE(Has(page, "FAILED at anomaly_check"));
  EXPECT_TRUE(Has(
      page, "data-stage=\"download\" data-status=\"ran\" data-rows-in=\"10\" data-rows-out=\"9\""));
  // Skipped and never ran before: no rows to show.
  EXPECT_TRUE(Has(page,
                  "class=\"stage-node skipped\" data-stage=\"analyze\" data-status=\"skipped\" "
                  "data-rows-in=\"\" data-rows-out=\"\""));
  EXPECT_TRUE(Has(page, "class=\"stage-node failed\" data-stage=\"anomaly_check\""));
  EXPECT_TRUE(Has(page, "class=\"stage-node not-reached\" data-stage=\"bias_detection\""));
  EXPECT_TRUE(Has(page, "the run stopped at anomaly_check"));
  EXPECT_TRUE(Has(page, "data-run-id=\"run-1\" data-outcome=\"failed\""));
  EXPECT_TRUE(Has(page, "class=\"status-banner fail\" data-status=\"FAIL\""));
  EXPECT_TRUE(Has(page, "data-rule=\"min_records\""));
  EXPECT_TRUE(Has(page, "only 7 record(s) &lt;b&gt;"));
  EXPECT_TRUE(Has(page, "The last run stopped here"));
  EXPECT_TRUE(Has(page, "from an earlier run: the last run did not reach bias_detection"));
  EXPECT_TRUE(Has(page, "data-label=\"kserve\""));
  // The anomaly report was written before the run too, but its stage failed in it: also older.
  EXPECT_EQ(Occurrences(page, "from an earlier run"), 2u);
}

TEST_F(RunReportTest, ASkippedStageShowsTheRowsOfTheRunThatMadeItsOutputs) {
  Log("download", "ran", 1000, 10, 9, "run-0");
  Log("download", "skipped", 2000, -1, -1, "run-1");
  const std::string page = Page();
  EXPECT_TRUE(Has(page,
                  "data-stage=\"download\" data-status=\"skipped\" data-rows-in=\"10\" "
                  "data-rows-out=\"9\""));
  EXPECT_TRUE(Has(page, "unchanged since 1970-01-01 00:16:40 UTC"));
  EXPECT_TRUE(Has(page, "data-run-id=\"run-0\""));
}

TEST_F(RunReportTest, TheRunsStatusWinsOverTheReports) {
  Status failed = Status::DataCheckFailed("1 anomaly found");
  EXPECT_EQ(ReportAfterRun(config_, failed).code(), Status::Code::kDataCheckFailed);
  std::string page;
  EXPECT_TRUE(ReadFileToString(RunReportPath(config_), &page).ok());
  // A report that cannot be written fails an otherwise good run.
  ASSERT_TRUE(WriteFileAtomically(dir_.path() + "/blocked", "a file, not a folder").ok());
  config_.reports_dir = dir_.path() + "/blocked";
  EXPECT_FALSE(ReportAfterRun(config_, Status::OK()).ok());
  EXPECT_EQ(ReportAfterRun(config_, failed).code(), Status::Code::kDataCheckFailed);
}

}  // namespace
}  // namespace automend
