#include "stages/shards.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/io/atomic_file.h"
#include "test_util.h"

namespace automend {
namespace {

namespace fs = std::filesystem;

class ShardsTest : public testing::Test {
 protected:
  std::string Touch(const std::string& rel) {
    std::string path = dir_.path() + "/" + rel;
    EXPECT_TRUE(WriteFileAtomically(path, "x").ok());
    return path;
  }

  std::vector<std::string> Shards(const std::string& location, Status* status = nullptr) {
    std::vector<std::string> shards;
    Status s = ListShardsOf(location, HubOptions(), &shards);
    if (status)
      *status = s;
    else
      EXPECT_TRUE(s.ok()) << s.ToString();
    return shards;
  }

  TempDir dir_;
};

TEST_F(ShardsTest, ParquetFolderGivesItsFilesInNameOrder) {
  std::string b = Touch("pq/data-00001-of-00002.parquet");
  std::string a = Touch("pq/data-00000-of-00002.parquet");
  Touch("pq/README.md");
  EXPECT_EQ(Shards(dir_.path() + "/pq"), (std::vector<std::string>{a, b}));
  EXPECT_EQ(Shards(dir_.path() + "/pq/*.parquet"), (std::vector<std::string>{a, b}));
  EXPECT_EQ(Shards(b), std::vector<std::string>{b});
}

TEST_F(ShardsTest, JsonlRawFolderAndYamlFolderAreOneShard) {
  std::string rows = Touch("raw/rows.jsonl");
  EXPECT_EQ(Shards(rows), std::vector<std::string>{rows});
  EXPECT_EQ(Shards(dir_.path() + "/raw"), std::vector<std::string>{rows});
  Touch("repo/k8s/deploy.yaml");
  EXPECT_EQ(Shards(dir_.path() + "/repo"), std::vector<std::string>{dir_.path() + "/repo"});
}

TEST_F(ShardsTest, RelativeLocationsBecomeAbsolute) {
  std::string rows = Touch("rows.jsonl");
  fs::create_directory(dir_.path() + "/sub");
  fs::path cwd = fs::current_path();
  fs::current_path(dir_.path());
  std::vector<std::string> shards = Shards("./sub/../rows.jsonl", nullptr);
  fs::current_path(cwd);
  ASSERT_EQ(shards.size(), 1u);
  EXPECT_TRUE(fs::path(shards[0]).is_absolute());
  EXPECT_TRUE(fs::equivalent(shards[0], rows));
  EXPECT_EQ(shards[0].find(".."), std::string::npos);
}

TEST_F(ShardsTest, MissingInputIsAnIoError) {
  Status s;
  Shards(dir_.path() + "/nope.jsonl", &s);
  EXPECT_EQ(s.ExitCode(), 3);
  Shards(dir_.path() + "/nope", &s);
  EXPECT_EQ(s.ExitCode(), 3);
  Shards(dir_.path() + "/empty/*.parquet", &s);
  EXPECT_FALSE(s.ok());
}

TEST_F(ShardsTest, PipelineFansOutOnlyOverAParquetSourceReadWhole) {
  Touch("pq/a.parquet");
  Touch("pq/b.parquet");
  Config config;
  config.raw_dir = dir_.path() + "/raw";
  config.source = dir_.path() + "/pq";
  std::vector<std::string> shards;

  config.sample_rows = -1;  // all: the workers can read the source's files directly
  ASSERT_TRUE(ListPipelineShards(config, HubOptions(), &shards).ok());
  EXPECT_EQ(shards, (std::vector<std::string>{dir_.path() + "/pq/a.parquet",
                                              dir_.path() + "/pq/b.parquet"}));

  config.sample_rows = 100;  // a sample: preprocess reads what download chose
  ASSERT_TRUE(ListPipelineShards(config, HubOptions(), &shards).ok());
  EXPECT_EQ(shards, std::vector<std::string>{dir_.path() + "/raw/rows.jsonl"});

  config.sample_rows = -1;
  config.source = Touch("rows.jsonl");  // not parquet: one shard, the raw sample
  ASSERT_TRUE(ListPipelineShards(config, HubOptions(), &shards).ok());
  EXPECT_EQ(shards, std::vector<std::string>{dir_.path() + "/raw/rows.jsonl"});
}

TEST(ShardsToJson, IsOneJsonArrayLine) {
  EXPECT_EQ(ShardsToJson({}), "[]\n");
  EXPECT_EQ(ShardsToJson({"/a b/x.parquet", "hf://datasets/o/n@abc/d/\"q\".parquet"}),
            "[\"/a b/x.parquet\", \"hf://datasets/o/n@abc/d/\\\"q\\\".parquet\"]\n");
}

}  // namespace
}  // namespace automend
