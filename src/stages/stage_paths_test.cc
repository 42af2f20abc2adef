#include "stages/stage_paths.h"

#include <gtest/gtest.h>

#include "core/io/atomic_file.h"
#include "test_util.h"

namespace automend {
namespace {

TEST(StagePaths, RawInputIsTheDownloadedSampleWhenPresentElseTheSource) {
  TempDir dir;
  Config config;
  config.raw_dir = dir.path() + "/raw";
  config.source = "examples/demo/rows.jsonl";
  EXPECT_EQ(DefaultRawInput(config), "examples/demo/rows.jsonl");
  ASSERT_TRUE(WriteFileAtomically(config.raw_dir + "/rows.jsonl", "").ok());
  EXPECT_EQ(DefaultRawInput(config), config.raw_dir + "/rows.jsonl");
}

TEST(StagePaths, ReportsLiveInTheLogsFolder) {
  Config config;
  config.logs_dir = "out/logs";
  EXPECT_EQ(AnalysisReportPath(config), "out/logs/analysis_report.json");
  EXPECT_EQ(SchemaReportPath(config), "out/logs/schema_report.json");
  EXPECT_EQ(AnomalyReportPath(config), "out/logs/anomaly_report.json");
  EXPECT_EQ(BiasReportPath(config), "out/logs/bias_report.json");
  EXPECT_EQ(DiagnoseReportPath(config), "out/logs/diagnose_report.json");
}

}  // namespace
}  // namespace automend
