#include "runner/runner.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/io/atomic_file.h"
#include "test_util.h"

namespace automend {
namespace {

// Two stages: "upper" copies in.txt to mid.txt upper-cased; "count" writes the length of
// mid.txt to out.txt. Each counts how often it ran.
class RunnerTest : public testing::Test {
 protected:
  void SetUp() override {
    Write("in.txt", "hello");
    options_.state_path = P("state.json");
    options_.log_path = P("runs.jsonl");
    options_.program_id = "test-1";
  }

  std::string P(const std::string& name) const { return dir_.path() + "/" + name; }
  void Write(const std::string& name, const std::string& text) {
    ASSERT_TRUE(WriteFileAtomically(P(name), text).ok());
  }
  std::string Read(const std::string& name) const {
    std::string s;
    EXPECT_TRUE(ReadFileToString(P(name), &s).ok());
    return s;
  }

  std::vector<Stage> Stages() {
    Stage upper{"upper", {P("in.txt")}, {P("mid.txt")}, "mode=" + mode_, [this](StageCounts* c) {
      ++upper_runs_;
      std::string s = Read("in.txt");
      for (char& ch : s) ch = static_cast<char>(std::toupper(ch));
      if (mode_ == "fail") return Status::DataCheckFailed("bad data");
      c->rows_in = 1;
      c->rows_out = 1;
      return WriteFileAtomically(P("mid.txt"), s.substr(0, 5));
    }};
    Stage count{"count", {P("mid.txt")}, {P("out.txt")}, "", [this](StageCounts*) {
      ++count_runs_;
      return WriteFileAtomically(P("out.txt"), std::to_string(Read("mid.txt").size()));
    }};
    return {upper, count};
  }

  std::vector<std::string> Reasons(const std::vector<StageDecision>& ds) {
    std::vector<std::string> out;
    for (const auto& d : ds) out.push_back(d.stage + (d.run ? " ran: " : " skipped: ") + d.reason);
    return out;
  }

  TempDir dir_;
  RunnerOptions options_;
  std::string mode_ = "plain";
  int upper_runs_ = 0;
  int count_runs_ = 0;
};

TEST_F(RunnerTest, FirstRunRunsAllSecondRunSkipsAll) {
  std::vector<StageDecision> d;
  ASSERT_TRUE(Runner(options_).Run(Stages(), &d).ok());
  EXPECT_EQ(Read("out.txt"), "5");
  d.clear();
  ASSERT_TRUE(Runner(options_).Run(Stages(), &d).ok());
  EXPECT_EQ(Reasons(d), (std::vector<std::string>{
                            "upper skipped: inputs, parameters and program unchanged",
                            "count skipped: inputs, parameters and program unchanged"}));
  EXPECT_EQ(upper_runs_, 1);
  EXPECT_EQ(count_runs_, 1);
}

TEST_F(RunnerTest, ChangedInputRerunsItsStageAndDownstreamOnlyIfTheOutputChanged) {
  ASSERT_TRUE(Runner(options_).Run(Stages()).ok());
  Write("in.txt", "HELLO world");  // upper-cases and cuts to the same mid.txt
  std::vector<StageDecision> d;
  ASSERT_TRUE(Runner(options_).Run(Stages(), &d).ok());
  EXPECT_EQ(Reasons(d)[0], "upper ran: input " + P("in.txt") + " changed");
  EXPECT_FALSE(d[1].run);
  Write("in.txt", "bye");
  d.clear();
  ASSERT_TRUE(Runner(options_).Run(Stages(), &d).ok());
  EXPECT_EQ(Reasons(d)[1], "count ran: input " + P("mid.txt") + " changed");
  EXPECT_EQ(Read("out.txt"), "3");
}

TEST_F(RunnerTest, ParamsProgramMissingOutputAndForceEachRerun) {
  ASSERT_TRUE(Runner(options_).Run(Stages()).ok());
  mode_ = "other";
  EXPECT_EQ(Runner(options_).Decide(Stages()[0]).reason, "its parameters changed");
  mode_ = "plain";
  RunnerOptions newer = options_;
  newer.program_id = "test-2";
  EXPECT_EQ(Runner(newer).Decide(Stages()[1]).reason, "the program changed");
  std::filesystem::remove(P("out.txt"));
  EXPECT_EQ(Runner(options_).Decide(Stages()[1]).reason, "output " + P("out.txt") + " is missing");
  Write("mid.txt", "tampered");
  EXPECT_EQ(Runner(options_).Decide(Stages()[0]).reason, "output " + P("mid.txt") + " was changed since");
  RunnerOptions force = options_;
  force.force = true;
  EXPECT_EQ(Runner(force).Decide(Stages()[0]).reason, "forced (--force)");
}

TEST_F(RunnerTest, FailureStopsWithItsStatusAndTheNextRunRedoesIt) {
  mode_ = "fail";
  Status s = Runner(options_).Run(Stages());
  EXPECT_EQ(s.ExitCode(), 1);
  EXPECT_EQ(count_runs_, 0);
  EXPECT_FALSE(std::filesystem::exists(P("mid.txt")));
  mode_ = "plain";
  std::vector<StageDecision> d;
  ASSERT_TRUE(Runner(options_).Run(Stages(), &d).ok());
  EXPECT_EQ(Reasons(d)[0], "upper ran: no earlier successful run");
  std::vector<RunLogEntry> log;
  ASSERT_TRUE(RunLog(options_.log_path).ReadAll(&log).ok());
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0].status, "failed");
  EXPECT_EQ(log[0].exit_code, 1);
  EXPECT_EQ(log[1].status, "ran");
  EXPECT_EQ(log[1].rows_out, 1);
  EXPECT_NE(log[0].run_id, log[1].run_id);
}

TEST(RunLog, SkipsAPartialLastLine) {
  TempDir dir;
  RunLog log(dir.path() + "/runs.jsonl");
  RunLogEntry e;
  e.stage = "a";
  e.status = "ran";
  ASSERT_TRUE(log.Append(e).ok());
  std::string text;
  ASSERT_TRUE(ReadFileToString(log.path(), &text).ok());
  ASSERT_TRUE(WriteFileAtomically(log.path(), text + "{\"stage\": \"b\", \"sta").ok());
  std::vector<RunLogEntry> entries;
  ASSERT_TRUE(log.ReadAll(&entries).ok());
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].stage, "a");
}

}  // namespace
}  // namespace automend
