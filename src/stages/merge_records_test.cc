#include "stages/merge_records.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/io/atomic_file.h"
#include "core/json/json_writer.h"
#include "test_util.h"

namespace automend {
namespace {

std::string RowLine(const std::string& hexsha, const std::string& path, const std::string& content,
                    const std::string& license = "MIT") {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject().Field("hexsha", hexsha).Field("max_stars_repo_path", path);
  w.Field("max_stars_repo_name", "o/r").StringArray("max_stars_repo_licenses", {license});
  w.Field("content", content).EndObject();
  return out + "\n";
}

// A KServe manifest with one email (one redaction) and, optionally, more text.
std::string Manifest(const std::string& name, const std::string& extra = "") {
  return "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: " +
         name + "\n  annotations:\n    owner: ml-team@example.com\n" + extra +
         "spec:\n  predictor:\n    model:\n      modelFormat: {name: sklearn}\n"
         "      storageUri: gs://bucket/model\n";
}

// Three shards whose rows repeat across shards in every way that matters: a row rejected
// in an earlier shard hides a later record (h1, h4), a record hides a later record (h2) and
// a later rejected row (h3).
const std::vector<std::string> kShards = {
    RowLine("h1", "a.yaml", Manifest("a"), "GPL-3.0") + RowLine("h2", "b.yaml", Manifest("b")) +
        RowLine("h3", "gpu-c.yaml", Manifest("c")) + RowLine("h3", "c2.yaml", Manifest("c")) +
        "{broken\n",
    RowLine("h1", "a-mit.yaml", Manifest("a")) + RowLine("h2", "deploy-b.yaml", Manifest("b")) +
        RowLine("h4", "d.yaml", Manifest("d"), "GPL-3.0") +
        RowLine("h3", "c3.yaml", Manifest("c"), "GPL-3.0") + RowLine("h5", "e.yaml", Manifest("e")),
    RowLine("h4", "d-mit.yaml", Manifest("d")) + RowLine("h6", "f.notyaml", Manifest("f")),
};

class MergeRecordsTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string all;
    for (size_t i = 0; i < kShards.size(); ++i) {
      std::string rows = Path("rows" + std::to_string(i) + ".jsonl");
      ASSERT_TRUE(WriteFileAtomically(rows, kShards[i]).ok());
      outputs_.push_back(Path("shards/0000" + std::to_string(i) + ".jsonl"));
      Preprocess(rows, outputs_.back(), true);
      all += kShards[i];
    }
    ASSERT_TRUE(WriteFileAtomically(Path("all.jsonl"), all).ok());
    single_ = Preprocess(Path("all.jsonl"), Path("single.jsonl"), false);
  }

  std::string Path(const std::string& rel) const { return dir_.path() + "/" + rel; }

  PreprocessStats Preprocess(const std::string& in, const std::string& out, bool sidecars) {
    PreprocessOptions o;
    o.input = in;
    o.output = out;
    if (sidecars) {
      o.report = ShardReportPath(out);
      o.rejects = ShardRejectsPath(out);
    }
    o.threads = 1;
    PreprocessStats stats;
    Status s = RunPreprocess(Config(), o, &stats);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return stats;
  }

  Status Merge(MergeRecordsStats* stats) {
    MergeRecordsOptions o{outputs_, Path("merged.jsonl"), Path("merged.report.json")};
    return RunMergeRecords(o, stats);
  }

  std::string Read(const std::string& path) {
    std::string text;
    EXPECT_TRUE(ReadFileToString(path, &text).ok()) << path;
    return text;
  }

  // The counts of a report: what does not depend on file names, timing or threads.
  static std::string Counts(PreprocessStats s) {
    s.source.clear();
    s.threads = 1;
    s.seconds = 0;
    s.malformed.clear();
    for (auto& e : s.examples) e.clear();
    return s.ToJson();
  }

  TempDir dir_;
  std::vector<std::string> outputs_;
  PreprocessStats single_;
};

TEST_F(MergeRecordsTest, RecordsAndCountsEqualOnePreprocessOverAllRows) {
  MergeRecordsStats stats;
  ASSERT_TRUE(Merge(&stats).ok());
  const std::string merged = Read(Path("merged.jsonl"));
  EXPECT_EQ(merged, Read(Path("single.jsonl")));
  EXPECT_NE(merged.find("\"hexsha\": \"h5\""), std::string::npos);
  EXPECT_EQ(merged.find("a-mit.yaml"), std::string::npos);  // hidden by h1 rejected in shard 0
  EXPECT_EQ(merged.find("d-mit.yaml"), std::string::npos);  // hidden by h4 rejected in shard 1
  EXPECT_EQ(stats.records_out, single_.records);
  EXPECT_EQ(stats.duplicate_records, 3);  // h1, h2 in shard 1; h4 in shard 2
  EXPECT_EQ(stats.duplicate_rejects, 1);  // h3 in shard 1
  EXPECT_EQ(stats.unattributed_redactions, 0);
  EXPECT_EQ(Counts(stats.report), Counts(single_));

  JsonValue json;
  ASSERT_TRUE(ParseJson(Read(Path("merged.report.json")), &json).ok());
  PreprocessStats written;
  ASSERT_TRUE(PreprocessStatsFromJson(json, &written).ok());
  EXPECT_EQ(Counts(written), Counts(single_));
  EXPECT_EQ(written.reasons[static_cast<int>(GateReason::kDuplicate)], 5);
  ASSERT_FALSE(written.examples[static_cast<int>(GateReason::kDuplicate)].empty());
}

TEST_F(MergeRecordsTest, WithoutRejectsOnlyRecordsHideRecords) {
  for (const std::string& out : outputs_) std::filesystem::remove(ShardRejectsPath(out));
  MergeRecordsStats stats;
  ASSERT_TRUE(Merge(&stats).ok());
  EXPECT_EQ(stats.shards_without_rejects, 3);
  const std::string merged = Read(Path("merged.jsonl"));
  EXPECT_NE(merged, Read(Path("single.jsonl")));
  EXPECT_NE(merged.find("a-mit.yaml"), std::string::npos);
  EXPECT_EQ(merged.find("deploy-b.yaml"), std::string::npos);
}

TEST_F(MergeRecordsTest, ReportFromAnotherRunIsRefusedAndNothingIsWritten) {
  std::string records = Read(outputs_[1]);
  ASSERT_TRUE(WriteFileAtomically(outputs_[1], records.substr(0, records.find('\n') + 1)).ok());
  MergeRecordsStats stats;
  Status s = Merge(&stats);
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_NE(s.message().find(outputs_[1]), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(Path("merged.jsonl")));
  EXPECT_FALSE(std::filesystem::exists(Path("merged.report.json")));
}

TEST_F(MergeRecordsTest, MissingShardReportIsAnIoError) {
  std::filesystem::remove(ShardReportPath(outputs_[2]));
  MergeRecordsStats stats;
  Status s = Merge(&stats);
  EXPECT_EQ(s.ExitCode(), 3);
  EXPECT_NE(s.message().find("00002.report.json"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(Path("merged.jsonl")));
}

TEST_F(MergeRecordsTest, LineThatIsNotARecordIsNamedByFileAndLine) {
  ASSERT_TRUE(WriteFileAtomically(outputs_[0], Read(outputs_[0]) + "{\"messages\": []}\n").ok());
  MergeRecordsOptions o{outputs_, Path("merged.jsonl"), ""};  // no report: no count check
  MergeRecordsStats stats;
  Status s = RunMergeRecords(o, &stats);
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_NE(s.message().find(outputs_[0] + ":3"), std::string::npos) << s.message();
}

TEST_F(MergeRecordsTest, RejectsLineWithoutARejectionReasonIsNamedByFileAndLine) {
  const std::string rejects = ShardRejectsPath(outputs_[1]);
  ASSERT_TRUE(
      WriteFileAtomically(rejects, Read(rejects) + "{\"reason\": \"pass\", \"hexsha\": \"h7\"}\n")
          .ok());
  MergeRecordsStats stats;
  Status s = Merge(&stats);
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_NE(s.message().find(rejects + ":3"), std::string::npos) << s.message();
  EXPECT_FALSE(std::filesystem::exists(Path("merged.jsonl")));
}

TEST_F(MergeRecordsTest, ReportRoundTripsThroughJson) {
  PreprocessStats stats = Preprocess(Path("all.jsonl"), Path("again.jsonl"), false);
  JsonValue json;
  ASSERT_TRUE(ParseJson(stats.ToJson(), &json).ok());
  PreprocessStats back;
  ASSERT_TRUE(PreprocessStatsFromJson(json, &back).ok());
  EXPECT_EQ(back.ToJson(), stats.ToJson());
  ASSERT_TRUE(ParseJson("{\"rows_in\": 1}", &json).ok());
  EXPECT_TRUE(PreprocessStatsFromJson(json, &back).IsInvalidArgument());
}

TEST(MergeRecords, DroppedRecordWithALiteralTokenKeepsItsRedactionClasses) {
  // The file already says REDACTED_EMAIL, so its tokens (2) exceed its redactions (1) and
  // the classes of the dropped record cannot be told.
  TempDir dir;
  const std::string content = Manifest("t", "    note: REDACTED_EMAIL\n");
  std::vector<std::string> outputs;
  for (int i = 0; i < 2; ++i) {
    std::string rows = dir.path() + "/rows" + std::to_string(i) + ".jsonl";
    ASSERT_TRUE(
        WriteFileAtomically(rows, RowLine("h9", "t" + std::to_string(i) + ".yaml", content)).ok());
    outputs.push_back(dir.path() + "/" + std::to_string(i) + ".jsonl");
    PreprocessOptions o;
    o.input = rows;
    o.output = outputs.back();
    o.report = ShardReportPath(o.output);
    o.rejects = ShardRejectsPath(o.output);
    PreprocessStats s;
    ASSERT_TRUE(RunPreprocess(Config(), o, &s).ok());
    ASSERT_EQ(s.records, 1);
  }
  MergeRecordsStats stats;
  ASSERT_TRUE(
      RunMergeRecords({outputs, dir.path() + "/m.jsonl", dir.path() + "/m.report.json"}, &stats)
          .ok());
  EXPECT_EQ(stats.records_out, 1);
  EXPECT_EQ(stats.unattributed_redactions, 1);
  EXPECT_EQ(stats.report.records_with_redactions, 1);
  EXPECT_EQ(stats.report.redactions[static_cast<int>(RedactionClass::kEmail)], 2);
}

TEST(MergeRecords, SidecarNames) {
  EXPECT_EQ(ShardReportPath("d/00001.jsonl"), "d/00001.report.json");
  EXPECT_EQ(ShardRejectsPath("d/00001.jsonl"), "d/00001.rejects.jsonl");
  EXPECT_EQ(ShardReportPath("d/out"), "d/out.report.json");
}

}  // namespace
}  // namespace automend
