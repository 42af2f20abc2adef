#include "report/svg_charts.h"

#include <gtest/gtest.h>

#include "report/report_test_util.h"

namespace automend {
namespace {

TEST(BarChart, DrawsEveryValueWithItsLabelAndProportionalWidth) {
  BarChart chart;
  chart.aria_label = "Violations per check";
  chart.rows = {{"roles", {{3, "3", "bad", true}}, ""},
                {"pii_leak", {{6, "6", "worst", true}}, ""},
                {"tool_call", {{0, "0", "none", true}}, ""}};
  const std::string svg = RenderBarChart(chart);
  EXPECT_TRUE(Has(svg, "aria-label=\"Violations per check\""));
  EXPECT_TRUE(Has(svg, "data-label=\"roles\""));
  EXPECT_TRUE(Has(svg, "data-value=\"3\""));
  EXPECT_TRUE(Has(svg, "data-value=\"6\""));
  EXPECT_TRUE(Has(svg, ">3</text>"));
  EXPECT_TRUE(Has(svg, ">pii_leak</text>"));
  const double three = RectWidth(svg, "bar s0 bad"), six = RectWidth(svg, "bar s0 worst");
  EXPECT_GT(three, 0);
  EXPECT_NEAR(six, 2 * three, 0.2);
  EXPECT_EQ(RectWidth(svg, "bar s0 none"), 0);
}

TEST(BarChart, TwoSeriesGetALegendAndMarkersTheirLines) {
  BarChart chart;
  chart.series = {"before", "after"};
  chart.markers = {{0.4, "over 40%"}};
  chart.rows = {{"kserve", {{0.5, "50%", "", true}, {0.25, "25%", "", true}}, ""},
                {"seldon", {{0.1, "10%", "", true}, {0, "", "", false}}, ""}};
  const std::string svg = RenderBarChart(chart);
  EXPECT_TRUE(Has(svg, ">before</text>"));
  EXPECT_TRUE(Has(svg, ">after</text>"));
  EXPECT_TRUE(Has(svg, ">over 40%</text>"));
  EXPECT_TRUE(Has(svg, "class=\"marker\" data-value=\"0.4\""));
  EXPECT_TRUE(Has(svg, "class=\"bar s1\" data-value=\"0.25\""));
  // The absent "after" of seldon draws nothing: one s1 bar in all.
  EXPECT_EQ(svg.find("class=\"bar s1\""), svg.rfind("class=\"bar s1\""));
}

TEST(BarChart, EscapesLabels) {
  BarChart chart;
  chart.rows = {{"<script>alert(1)</script>", {{1, "1", "", true}}, "a \"tip\""}};
  const std::string svg = RenderBarChart(chart);
  EXPECT_FALSE(Has(svg, "<script>"));
  EXPECT_TRUE(Has(svg, "&lt;script&gt;"));
  EXPECT_TRUE(Has(svg, "a &quot;tip&quot;"));
}

TEST(Funnel, EachStepCarriesItsCountsAndRejections) {
  const std::string svg = RenderFunnel("funnel", "rows read", 100,
                                       {{"ext", 100, 93, "e.g. a.txt"}, {"size", 93, 93, ""}});
  EXPECT_TRUE(
      Has(svg, "data-gate=\"rows read\" data-in=\"100\" data-out=\"100\" data-rejected=\"0\""));
  EXPECT_TRUE(Has(svg, "data-gate=\"ext\" data-in=\"100\" data-out=\"93\" data-rejected=\"7\""));
  EXPECT_TRUE(Has(svg,
                  "\xE2\x88\x92"
                  "7 (7%)"));
  EXPECT_TRUE(Has(svg, "none rejected"));
  EXPECT_TRUE(Has(svg, "e.g. a.txt"));
  EXPECT_TRUE(Has(svg, ">93</text>"));
}

}  // namespace
}  // namespace automend
