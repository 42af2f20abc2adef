#include "report/run_charts.h"

#include <gtest/gtest.h>

#include "report/report_test_util.h"

namespace automend {
namespace {

TEST(Gantt, DrawsRanAndFailedBarsSkippedMarksAndUnreachedStages) {
  const std::string svg = RenderGantt("timings", {{"download", "ran", 0, 0.5, ""},
                                                  {"analyze", "skipped", 0.5, 0.5, ""},
                                                  {"validate", "failed", 0.5, 1.0, ""},
                                                  {"bias_detection", "not reached", 0, 0, ""}});
  EXPECT_TRUE(
      Has(svg, "data-stage=\"download\" data-status=\"ran\" data-start=\"0\" data-end=\"0.5\""));
  EXPECT_TRUE(Has(svg, "class=\"gantt-bar ran\""));
  EXPECT_TRUE(Has(svg, "class=\"gantt-bar failed\""));
  EXPECT_TRUE(Has(svg, "class=\"gantt-mark skipped\""));
  EXPECT_TRUE(Has(svg, ">500 ms</text>"));
  EXPECT_TRUE(Has(svg, ">failed after 500 ms</text>"));
  EXPECT_TRUE(Has(svg, ">not reached</text>"));
  EXPECT_NEAR(RectWidth(svg, "gantt-bar ran"), RectWidth(svg, "gantt-bar failed"), 0.2);
}

TEST(StageGraph, ColoursEachStageByStatusWithRowsAndReason) {
  const std::string svg = RenderStageGraph(
      {{"download", "ran", 101, 100, "4 ms", "no earlier successful run"},
       {"anomaly_check", "failed", 59, 1, "3 ms", "Data check failed: 1 anomaly found"},
       {"bias_detection", "not reached", -1, -1, "", "the run stopped at anomaly_check"}});
  EXPECT_TRUE(Has(svg,
                  "class=\"stage-node ran\" data-stage=\"download\" data-status=\"ran\" "
                  "data-rows-in=\"101\" data-rows-out=\"100\""));
  EXPECT_TRUE(Has(svg, "class=\"stage-node failed\""));
  EXPECT_TRUE(Has(svg, "class=\"stage-node not-reached\""));
  EXPECT_TRUE(Has(svg, ">101 \xE2\x86\x92 100</text>"));
  EXPECT_TRUE(Has(svg, "FAILED</text>"));
  EXPECT_TRUE(Has(svg, ">no earlier successful run</text>"));
  // Two arrows between three boxes.
  size_t arrows = 0;
  for (size_t at = 0; (at = svg.find("class=\"edge-head\"", at)) != std::string::npos; ++at)
    ++arrows;
  EXPECT_EQ(arrows, 2u);
}

TEST(FormatDuration, PicksAUnitPeopleRead) {
  EXPECT_EQ(FormatDuration(0.0034), "3.4 ms");
  EXPECT_EQ(FormatDuration(0.25), "250 ms");
  EXPECT_EQ(FormatDuration(1.254), "1.25 s");
  EXPECT_EQ(FormatDuration(125), "2 min 05 s");
  EXPECT_EQ(FormatDuration(7260), "2 h 01 min");
}

}  // namespace
}  // namespace automend
