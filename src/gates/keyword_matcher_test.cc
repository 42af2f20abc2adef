#include "gates/keyword_matcher.h"

#include <gtest/gtest.h>

namespace automend {
namespace {

TEST(KeywordMatcher, FindsOverlappingKeywordsCaseInsensitively) {
  KeywordMatcher m({"kserve", "serve", "ray.io", "nvidia.com/gpu"});
  EXPECT_EQ(m.MatchMask("KServe"), 0b0011u);
  EXPECT_EQ(m.MatchMask("x.RAY.IO/v1 and nvidia.com/GPU"), 0b1100u);
  EXPECT_EQ(m.MatchMask("rayXio nvidia.com/gp"), 0u);
  EXPECT_TRUE(m.ContainsAny("...servE"));
  EXPECT_FALSE(m.ContainsAny(""));
}

TEST(KeywordMatcher, NonAsciiNeverMatches) {
  KeywordMatcher m({"vllm"});
  EXPECT_FALSE(m.ContainsAny("v\xC3\xA9llm"));
  EXPECT_TRUE(m.ContainsAny("\xE6\x97\xA5vllm"));
}

TEST(KeywordMatcher, AgreesWithANaiveSearch) {
  const std::vector<std::string> kw = {"ab", "bab", "abc", "c", "bcab"};
  KeywordMatcher m(kw);
  uint32_t seed = 7;
  for (int t = 0; t < 2000; ++t) {
    std::string s;
    for (int i = 0; i < 12; ++i) {
      seed = seed * 1103515245 + 12345;
      s.push_back("abcAB"[(seed >> 16) % 5]);
    }
    std::string lower = s;
    for (char& c : lower) c = static_cast<char>(std::tolower(c));
    uint64_t want = 0;
    for (size_t i = 0; i < kw.size(); ++i)
      if (lower.find(kw[i]) != std::string::npos) want |= uint64_t{1} << i;
    ASSERT_EQ(m.MatchMask(s), want) << s;
  }
}

TEST(KeywordMatcher, DefaultKeywordsAgreeWithANaiveSearch) {
  const std::vector<std::string> kw = {"nvidia.com/gpu", "amd.com/gpu", "kserve", "seldon",
                                       "inferenceservice", "servingruntime", "triton",
                                       "torchserve", "tensorflow/serving", "kubeflow", "ray.io",
                                       "vllm", "mlflow", "bentoml"};
  KeywordMatcher m(kw);
  const std::vector<std::string> pieces = {"NVIDIA", ".com/", "gpu", "amd", "kSer", "ve ", "sel",
                                           "don", "inference", "Service", "serving", "runtime",
                                           "tri", "ton", "torch", "tensorflow/", "kube", "flow",
                                           "ray", ".io", "vLL", "m", "ml", "bento", "ML", "\xc3"};
  uint32_t seed = 11;
  for (int t = 0; t < 5000; ++t) {
    std::string s;
    for (int i = 0; i < 6; ++i) {
      seed = seed * 1103515245 + 12345;
      s += pieces[(seed >> 16) % pieces.size()];
    }
    std::string lower = s;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    uint64_t want = 0;
    for (size_t i = 0; i < kw.size(); ++i)
      if (lower.find(kw[i]) != std::string::npos) want |= uint64_t{1} << i;
    ASSERT_EQ(m.MatchMask(s), want) << s;
    ASSERT_EQ(m.ContainsAny(s), want != 0) << s;
  }
}

}  // namespace
}  // namespace automend
