#include "stages/preprocess.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/io/atomic_file.h"
#include "core/json/json_writer.h"
#include "sources/yaml_folder_source.h"
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

std::string Manifest(int i) {
  return "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m" +
         std::to_string(i) + "\n  annotations:\n    owner: ml-team@example.com\nspec:\n  predictor:\n"
         "    model:\n      modelFormat: {name: sklearn}\n      storageUri: gs://bucket/model\n";
}

class PreprocessTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string rows;
    for (int i = 0; i < 300; ++i) {
      rows += RowLine("h" + std::to_string(i), "models/sklearn-iris-" + std::to_string(i) + ".yaml",
                      Manifest(i), i % 7 == 0 ? "GPL-3.0" : "MIT");
      if (i % 50 == 0) rows += RowLine("h" + std::to_string(i), "dup.yaml", Manifest(i));
      if (i % 60 == 0) rows += "{broken\n";
    }
    input_ = dir_.path() + "/rows.jsonl";
    ASSERT_TRUE(WriteFileAtomically(input_, rows).ok());
  }

  PreprocessStats Run(int threads, const std::string& output) {
    PreprocessOptions o;
    o.input = input_;
    o.output = output;
    o.threads = threads;
    PreprocessStats stats;
    Status s = RunPreprocess(Config(), o, &stats);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return stats;
  }

  TempDir dir_;
  std::string input_;
};

TEST_F(PreprocessTest, CountsEveryRowOnceByReason) {
  PreprocessStats s = Run(1, dir_.path() + "/out.jsonl");
  EXPECT_EQ(s.rows_in, 300 + 6 + 5);
  EXPECT_EQ(s.reasons[static_cast<int>(GateReason::kDuplicate)], 6);
  EXPECT_EQ(s.reasons[static_cast<int>(GateReason::kMalformed)], 5);
  EXPECT_EQ(s.reasons[static_cast<int>(GateReason::kLicense)], 43);
  EXPECT_EQ(s.records, 300 - 43);
  EXPECT_EQ(s.redactions[static_cast<int>(RedactionClass::kEmail)], s.records);
  EXPECT_EQ(s.iac_types["kserve"], s.records);
  ASSERT_FALSE(s.malformed.empty());
  EXPECT_EQ(s.malformed[0].origin, input_ + ":3");  // row 0, its duplicate, then the bad line
}

TEST_F(PreprocessTest, OutputOrderDoesNotDependOnThreads) {
  Run(1, dir_.path() + "/one.jsonl");
  Run(4, dir_.path() + "/four.jsonl");
  std::string one, four;
  ASSERT_TRUE(ReadFileToString(dir_.path() + "/one.jsonl", &one).ok());
  ASSERT_TRUE(ReadFileToString(dir_.path() + "/four.jsonl", &four).ok());
  EXPECT_EQ(one, four);
  EXPECT_NE(one.find("sklearn-iris-1.yaml"), std::string::npos);
  EXPECT_LT(one.find("sklearn-iris-1.yaml"), one.find("sklearn-iris-2.yaml"));
}

TEST_F(PreprocessTest, FailedSourceLeavesNoOutput) {
  PreprocessOptions o;
  o.input = dir_.path() + "/missing.jsonl";
  o.output = dir_.path() + "/out.jsonl";
  PreprocessStats stats;
  Status s = RunPreprocess(Config(), o, &stats);
  EXPECT_EQ(s.ExitCode(), 3);
  EXPECT_FALSE(std::filesystem::exists(o.output));
}

// A file of a YAML folder that vanishes between the listing (Open) and its reading: the
// run stops with an IOError naming the file, and neither the records nor a temporary file
// is left behind (the same path a JSONL file truncated while being read takes).
TEST(Preprocess, SourceFileVanishingMidRunLeavesNoOutput) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() + "/repo");
  for (int i = 0; i < 600; ++i)
    ASSERT_TRUE(WriteFileAtomically(dir.path() + "/repo/m" + std::to_string(1000 + i) + ".yaml",
                                    Manifest(i))
                    .ok());
  SourceOptions source_options;
  source_options.default_licenses = {"MIT"};
  std::unique_ptr<RowSource> source;
  ASSERT_TRUE(YamlFolderSource::Open(dir.path() + "/repo", source_options, &source).ok());
  std::filesystem::remove(dir.path() + "/repo/m1500.yaml");
  PreprocessOptions o;
  o.output = dir.path() + "/out/records.jsonl";
  o.threads = 2;
  PreprocessStats stats;
  Status s = RunPreprocessFrom(Config(), source.get(), o, &stats);
  EXPECT_TRUE(s.IsIOError()) << s.ToString();
  EXPECT_NE(s.message().find("m1500.yaml"), std::string::npos) << s.message();
  EXPECT_EQ(s.ExitCode(), 3);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path() + "/out"));
}

}  // namespace
}  // namespace automend
