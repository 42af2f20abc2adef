#include "stages/analyze.h"

#include <gtest/gtest.h>

#include "core/io/atomic_file.h"
#include "core/json/json_reader.h"
#include "core/json/json_writer.h"
#include "test_util.h"

namespace automend {
namespace {

std::string RowLine(const std::string& hexsha, const std::string& path, const std::string& content,
                    std::vector<std::string> licenses = {"MIT"}) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject().Field("hexsha", hexsha).Field("max_stars_repo_path", path);
  w.StringArray("max_stars_repo_licenses", licenses).Field("content", content).EndObject();
  return out + "\n";
}

std::string Pad(std::string text) { return text + "# " + std::string(220, 'x') + "\n"; }

const std::string kServe =
    Pad("apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n");
const std::string kGpu =
    Pad("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  x: nvidia.com/gpu\n"
        "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\n");

std::string Rows() {
  std::string rows;
  rows += RowLine("1", "a/notes.txt", kServe);                               // ext
  rows += RowLine("2", "a/tiny.yaml", "kind: Pod\n");                        // size
  rows += RowLine("3", "a/gpl.yaml", kServe, {"GPL-3.0"});                   // license
  rows += RowLine("4", "a/plain.yaml", Pad("apiVersion: v1\nkind: Pod\n"));  // keyword
  rows += RowLine("5", "a/bad.yaml", Pad("kserve: [unclosed\n"));            // yaml
  rows += RowLine("6", "a/values.yaml", Pad("kserve: x\nkind: Values\n"));   // k8s
  rows += RowLine("7", "a/isvc.YAML", kServe, {"Apache-2.0", "MIT"});        // pass
  rows += RowLine("8", "a/gpu.yml", kGpu, {});                               // license (none)
  rows += RowLine("9", "b/gpu.yml", kGpu);                                   // pass
  rows += RowLine("9", "c/copy.yml", kGpu);                                  // duplicate
  rows += RowLine("10", "a/latin1.yaml", Pad("kserve: caf\xe9\n"));          // encoding
  rows += "{broken\n";                                                       // malformed
  return rows;
}

class AnalyzeTest : public testing::Test {
 protected:
  AnalysisStats Run(int threads) {
    const std::string input = dir_.path() + "/rows.jsonl";
    EXPECT_TRUE(WriteFileAtomically(input, Rows()).ok());
    Config config;
    config.logs_dir = dir_.path() + "/logs";
    AnalysisStats stats;
    Status s = RunAnalyze(config, {input, "", threads}, &stats);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return stats;
  }
  TempDir dir_;
};

TEST_F(AnalyzeTest, CountsRowsDuplicatesAndTheFunnelInGateOrder) {
  AnalysisStats s = Run(1);
  EXPECT_EQ(s.rows, 12);
  EXPECT_EQ(s.malformed, 1);
  EXPECT_EQ(s.duplicates, 1);
  EXPECT_EQ(s.tally.unique_rows, 10);
  EXPECT_EQ(s.tally.encoding_rejected, 1);
  EXPECT_EQ(s.tally.gate_rejected, (std::array<int64_t, 6>{1, 1, 2, 1, 1, 1}));
  EXPECT_EQ(s.passing_rows(), 2);
  std::string report;
  ASSERT_TRUE(ReadFileToString(dir_.path() + "/logs/analysis_report.json", &report).ok());
  JsonValue v;
  ASSERT_TRUE(ParseJson(report, &v).ok());
  const auto& funnel = v.Find("funnel")->array();
  ASSERT_EQ(funnel.size(), 6u);
  EXPECT_EQ(funnel[0].Find("gate")->as_string(), "ext");
  EXPECT_EQ(funnel[0].Find("in")->as_int(), 9);
  EXPECT_EQ(funnel[5].Find("gate")->as_string(), "k8s");
  EXPECT_EQ(funnel[5].Find("out")->as_int(), 2);
}

TEST_F(AnalyzeTest, DistributionsKeywordsKindsAndApiVersions) {
  AnalysisStats s = Run(1);
  const AnalysisTally& t = s.tally;
  EXPECT_EQ(t.licenses.Get("MIT"), 8);
  EXPECT_EQ(t.licenses.Get("Apache-2.0"), 1);
  EXPECT_EQ(t.licenses.Get("none"), 1);
  EXPECT_EQ(t.extensions.Get("yaml"), 7);  // ".YAML" is lower-cased
  EXPECT_EQ(t.extensions.Get("yml"), 2);
  EXPECT_EQ(t.extensions.Get("txt"), 1);
  EXPECT_EQ(t.sizes.Get("<1KB"), 10);
  // Keyword coverage over the rows that reached the keyword gate: plain, bad, values, isvc, gpu.
  EXPECT_EQ(t.keyword_rows_scanned, 5);
  EXPECT_EQ(t.keyword_rows[2], 3);  // kserve: bad, values, isvc
  EXPECT_EQ(t.keyword_rows[0], 1);  // nvidia.com/gpu
  // Documents of rows passing the yaml gate: values (no apiVersion), isvc, gpu (2 + empty).
  EXPECT_EQ(t.yaml_documents, 4);
  EXPECT_EQ(t.kinds.Get("Values"), 1);
  EXPECT_EQ(t.kinds.Get("InferenceService"), 1);
  EXPECT_EQ(t.api_versions.Get("apps/v1"), 1);
  EXPECT_EQ(t.api_versions.total(), 3);
  EXPECT_NE(s.Summary().find("ext 9->8"), std::string::npos);
}

TEST_F(AnalyzeTest, ThreadCountDoesNotChangeTheCounts) {
  AnalysisStats one = Run(1);
  AnalysisStats three = Run(3);
  one.seconds = three.seconds = 0;
  one.threads = three.threads = 0;
  EXPECT_EQ(one.ToJson(), three.ToJson());
}

TEST(PathExtension, LastDotOfTheFileNameLowerCased) {
  EXPECT_EQ(PathExtension("a/b/c.YAML"), "yaml");
  EXPECT_EQ(PathExtension("a.b/c.yaml.orig"), "orig");
  EXPECT_EQ(PathExtension("a.b/Makefile"), "none");
  EXPECT_EQ(PathExtension(".gitignore"), "none");
  EXPECT_EQ(PathExtension("x."), "none");
}

}  // namespace
}  // namespace automend
