#include "report/run_history.h"

#include <gtest/gtest.h>

#include "config/config.h"
#include "runner/pipeline.h"

namespace automend {
namespace {

RunLogEntry Entry(const std::string& run, const std::string& stage, const std::string& status,
                  double start, double end) {
  RunLogEntry e;
  e.run_id = run;
  e.stage = stage;
  e.status = status;
  e.start = start;
  e.end = end;
  return e;
}

TEST(RunHistory, StageNamesAreThePipelines) {
  Config config;
  std::vector<std::string> names;
  for (const Stage& s : PipelineStages(config, PipelineOptions())) names.push_back(s.name);
  EXPECT_EQ(names, PipelineStageNames());
}

TEST(RunHistory, GroupsByRunIdInOrderOfAppearance) {
  std::vector<RunLogEntry> log;
  const auto& stages = PipelineStageNames();
  for (size_t i = 0; i < stages.size(); ++i)
    log.push_back(Entry("a", stages[i], i < 2 ? "skipped" : "ran", 10.0 + i, 10.5 + i));
  log.push_back(Entry("b", "download", "ran", 20, 21));
  log.push_back(Entry("b", "analyze", "failed", 21, 23));
  log.push_back(Entry("", "download", "ran", 30, 31));  // no run id: left out
  log.push_back(Entry("c", "download", "ran", 40, 41));
  const std::vector<RunSummary> runs = GroupRuns(log);
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[0].run_id, "a");
  EXPECT_EQ(runs[0].outcome(), "succeeded");
  EXPECT_EQ(runs[0].ran, 4);
  EXPECT_EQ(runs[0].skipped, 2);
  EXPECT_DOUBLE_EQ(runs[0].seconds(), 5.5);
  EXPECT_EQ(runs[1].outcome(), "failed");
  EXPECT_EQ(runs[1].failed_stage, "analyze");
  EXPECT_EQ(runs[1].StatusOf("analyze"), "failed");
  EXPECT_EQ(runs[1].StatusOf("preprocess"), "not reached");
  EXPECT_EQ(runs[1].Find("preprocess"), nullptr);
  EXPECT_EQ(runs[2].outcome(), "incomplete");
}

}  // namespace
}  // namespace automend
