#include "stages/bias_detection.h"

#include <gtest/gtest.h>

#include "core/io/atomic_file.h"
#include "core/json/json_reader.h"
#include "core/json/json_writer.h"
#include "test_util.h"

namespace automend {
namespace {

std::string Record(int id, const std::string& iac, std::vector<std::string> licenses = {"MIT"},
                   int64_t size = 500, const std::string& prompt_type = "fallback") {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject().Key("messages").BeginArray();
  w.BeginObject().Field("role", "user").Field("content", "p" + std::to_string(id)).EndObject();
  w.EndArray().Key("metadata").BeginObject().Field("hexsha", std::to_string(id));
  w.StringArray("licenses", licenses).Field("iac_type", iac).Field("prompt_type", prompt_type);
  w.Field("size_bytes", size).EndObject().EndObject();
  return out + "\n";
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
    out.push_back(text.substr(start, nl - start));
  return out;
}

class BiasTest : public testing::Test {
 protected:
  // Writes `records`, runs the stage, returns the balanced file.
  std::string Run(const std::string& records, uint64_t seed = 42) {
    input_ = dir_.path() + "/records.jsonl";
    EXPECT_TRUE(WriteFileAtomically(input_, records).ok());
    Config config;
    config.logs_dir = dir_.path() + "/logs";
    config.bias_seed = seed;
    Status s = RunBiasDetection(config, {input_, dir_.path() + "/balanced.jsonl", ""}, &stats_);
    EXPECT_TRUE(s.ok()) << s.ToString();
    std::string balanced;
    EXPECT_TRUE(ReadFileToString(dir_.path() + "/balanced.jsonl", &balanced).ok());
    EXPECT_TRUE(ReadFileToString(dir_.path() + "/logs/bias_report.json", &report_).ok());
    return balanced;
  }

  TempDir dir_;
  std::string input_;
  BiasStats stats_;
  std::string report_;
};

// 10 k8s_config, 3 kserve, 2 seldon, 1 k8s_workload, interleaved.
std::string OneDominant() {
  std::string r;
  const char* order[] = {"k8s_config",   "kserve",     "k8s_config", "seldon",
                         "k8s_config",   "k8s_config", "kserve",     "k8s_config",
                         "k8s_workload", "k8s_config", "k8s_config", "seldon",
                         "k8s_config",   "kserve",     "k8s_config", "k8s_config"};
  for (int i = 0; i < 16; ++i) r += Record(i, order[i]);
  return r;
}

TEST_F(BiasTest, CapsTheDominantSliceKeepsOrderAndWeightsAverageOne) {
  const std::string input = OneDominant();
  const std::vector<std::string> in = Lines(input);
  const std::vector<std::string> out = Lines(Run(input));
  EXPECT_EQ(stats_.plan.cap, 4);
  EXPECT_EQ(stats_.balanced_total, 10);
  ASSERT_EQ(out.size(), 10u);
  // Each output line is an input line with the weight appended, in input order.
  const std::map<std::string, double> weights = {
      {"k8s_config", 0.625}, {"kserve", 10.0 / 12}, {"seldon", 1.25}, {"k8s_workload", 2.5}};
  size_t next_in = 0;
  double sum = 0;
  for (const auto& line : out) {
    JsonValue v;
    ASSERT_TRUE(ParseJson(line, &v).ok());
    const std::string iac = v.Find("metadata")->Find("iac_type")->as_string();
    const double w = v.Find("sampling_weight")->as_double();
    EXPECT_EQ(w, weights.at(iac));
    sum += w;
    std::string suffix = ", \"sampling_weight\": ";
    AppendJsonDouble(w, &suffix);
    while (next_in < in.size() &&
           in[next_in].substr(0, in[next_in].size() - 1) + suffix + "}" != line)
      ++next_in;
    ASSERT_LT(next_in, in.size()) << "not an input line in order: " << line;
    ++next_in;
  }
  EXPECT_DOUBLE_EQ(sum / static_cast<double>(out.size()), 1.0);
  EXPECT_NE(report_.find("\"cap\": 4"), std::string::npos);
  EXPECT_NE(report_.find("\"k8s_config\": 6"), std::string::npos);  // dropped_per_slice
}

TEST_F(BiasTest, SlicesTheBalancedRecordsInEveryDimension) {
  // 10 k8s_config (MIT) are capped to 4; the other types are Apache-2.0.
  std::string input;
  const std::string types[] = {"k8s_config", "kserve", "seldon", "k8s_workload"};
  for (int i = 0; i < 16; ++i) {
    const std::string& iac = i < 10 ? types[0] : types[1 + i % 3];
    input += Record(i, iac, {iac == "k8s_config" ? "MIT" : "Apache-2.0"});
  }
  Run(input);
  ASSERT_EQ(stats_.plan.cap, 4);
  JsonValue report;
  ASSERT_TRUE(ParseJson(report_, &report).ok());
  const JsonValue* after = report.Find("slices_after_mitigation");
  ASSERT_NE(after, nullptr);
  const JsonValue* license = after->Find("license");
  ASSERT_NE(license, nullptr);
  EXPECT_EQ(license->Find("MIT")->Find("count")->as_int(), 4);
  EXPECT_EQ(license->Find("Apache-2.0")->Find("count")->as_int(), 6);
  EXPECT_DOUBLE_EQ(license->Find("Apache-2.0")->Find("share")->as_double(), 0.6);
  EXPECT_TRUE(license->Find("Apache-2.0")->Find("over_represented")->as_bool());
  EXPECT_EQ(after->Find("iac_type")->Find("k8s_config")->Find("count")->as_int(), 4);
  // The slices before mitigation are unchanged.
  EXPECT_EQ(report.Find("slices")->Find("license")->Find("MIT")->Find("count")->as_int(), 10);
}

TEST_F(BiasTest, SameSeedSameFileOtherSeedOtherChoice) {
  std::string input;
  for (int i = 0; i < 200; ++i)
    input += Record(i, i % 5 == 0 ? "kserve" : i % 7 == 0 ? "seldon" : "k8s_config");
  const std::string a = Run(input, 42);
  EXPECT_EQ(Run(input, 42), a);
  EXPECT_NE(Run(input, 7), a);
}

TEST_F(BiasTest, FewerThanThreeTypesKeepsEverythingAndSaysWhy) {
  std::string input;
  for (int i = 0; i < 10; ++i) input += Record(i, i < 8 ? "kserve" : "seldon");
  const std::vector<std::string> out = Lines(Run(input));
  EXPECT_EQ(out.size(), 10u);
  EXPECT_TRUE(stats_.plan.needed);
  EXPECT_FALSE(stats_.plan.feasible);
  EXPECT_NE(report_.find("\"applied\": false"), std::string::npos);
  EXPECT_NE(report_.find("\"cap\": null"), std::string::npos);
  EXPECT_NE(report_.find("infeasible"), std::string::npos);
  // Weights still average 1: 10 / (2 * 8) and 10 / (2 * 2).
  JsonValue first;
  ASSERT_TRUE(ParseJson(out[0], &first).ok());
  EXPECT_EQ(first.Find("sampling_weight")->as_double(), 0.625);
}

TEST_F(BiasTest, AlreadyBalancedKeepsEverything) {
  std::string input;
  for (int i = 0; i < 12; ++i)
    input += Record(i, i % 3 == 0 ? "kserve" : i % 3 == 1 ? "seldon" : "k8s_config");
  const std::vector<std::string> out = Lines(Run(input));
  EXPECT_EQ(out.size(), 12u);
  EXPECT_FALSE(stats_.plan.needed);
  EXPECT_NE(out[0].find("\"sampling_weight\": 1.0}"), std::string::npos);
}

TEST_F(BiasTest, SlicesFourDimensionsWithFlags) {
  std::string input;
  input += Record(1, "kserve", {"Apache-2.0", "MIT"}, 1023, "gpu");
  input += Record(2, "kserve", {}, 1024, "gpu");
  input += Record(3, "seldon", {"MIT"}, 10240, "deploy");
  input += Record(4, "k8s_config", {"MIT"}, 102400, "deploy");
  for (int i = 5; i < 25; ++i) input += Record(i, "k8s_workload", {"MIT"}, 2000, "fallback");
  Run(input);
  const auto& dims = stats_.dimensions;
  ASSERT_EQ(dims.size(), 4u);
  EXPECT_EQ(dims[1].second.Get("Apache-2.0"), 1);  // the first listed license
  EXPECT_EQ(dims[1].second.Get("none"), 1);
  EXPECT_EQ(dims[2].second.Get("<1KB"), 1);
  EXPECT_EQ(dims[2].second.Get("1-10KB"), 21);
  EXPECT_EQ(dims[2].second.Get("10-100KB"), 1);
  EXPECT_EQ(dims[2].second.Get(">=100KB"), 1);
  JsonValue report;
  ASSERT_TRUE(ParseJson(report_, &report).ok());
  const JsonValue* workload = report.Find("slices")->Find("iac_type")->Find("k8s_workload");
  EXPECT_EQ(workload->Find("count")->as_int(), 20);
  EXPECT_EQ(workload->Find("share")->as_double(), 20.0 / 24);
  EXPECT_TRUE(workload->Find("over_represented")->as_bool());
  const JsonValue* seldon = report.Find("slices")->Find("iac_type")->Find("seldon");
  EXPECT_TRUE(seldon->Find("under_represented")->as_bool());  // 1/24 < 5%
  EXPECT_EQ(report.Find("imbalances_found")->as_int(), stats_.imbalances_found());
  EXPECT_GT(stats_.imbalances_found(), 0);
}

TEST_F(BiasTest, UnreadableLinesAreSkippedAndLeftOut) {
  std::string input = Record(1, "kserve") + "not json\n\n" + Record(2, "seldon") + "[1]\n" +
                      Record(3, "k8s_config");
  const std::vector<std::string> out = Lines(Run(input));
  EXPECT_EQ(stats_.total, 3);
  EXPECT_EQ(stats_.skipped, 2);
  EXPECT_EQ(stats_.skipped_lines, (std::vector<uint64_t>{2, 5}));
  EXPECT_EQ(out.size(), 3u);
}

TEST_F(BiasTest, ExistingWeightKeepsItsPositionLikeAPythonDict) {
  const std::string input =
      R"({"sampling_weight": 9, "metadata": {"iac_type": "kserve", "licenses": []}})"
      "\n";
  EXPECT_EQ(Run(input),
            R"({"sampling_weight": 1.0, "metadata": {"iac_type": "kserve", "licenses": []}})"
            "\n");
}

}  // namespace
}  // namespace automend
