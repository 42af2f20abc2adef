#include "gates/keyword_matcher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

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

// The vectorised first pass (on CPUs with AVX2) and the scalar pair table give the same
// answers, for keywords at every offset around the 32-byte blocks and the text's end.
TEST(KeywordMatcher, VectorisedAndScalarScansAgree) {
  const std::vector<std::string> kw = {"nvidia.com/gpu", "amd.com/gpu", "kserve", "seldon",
                                       "inferenceservice", "servingruntime", "triton",
                                       "torchserve", "tensorflow/serving", "kubeflow", "ray.io",
                                       "vllm", "mlflow", "bentoml", "abcd"};
  KeywordMatcher fast(kw), scalar(kw, /*vectorised=*/false);
  const std::string filler = "spec:\n  containers:\n  - image: x\xc3\xa9 AbC ray-io VLL kserv\n";
  uint32_t seed = 3;
  auto next = [&] { return seed = seed * 1103515245 + 12345, seed >> 16; };
  for (int t = 0; t < 20000; ++t) {
    std::string s;
    const size_t len = next() % 120;
    while (s.size() < len) s.push_back(filler[next() % filler.size()]);
    if (next() % 2) {
      std::string k = kw[next() % kw.size()];
      if (next() % 2) k[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(k[0])));
      s.insert(std::min(s.size(), static_cast<size_t>(next() % 100)), k);
    }
    ASSERT_EQ(fast.MatchMask(s), scalar.MatchMask(s)) << s;
    ASSERT_EQ(fast.ContainsAny(s), scalar.ContainsAny(s)) << s;
  }
}

TEST(KeywordMatcher, FindsALongKeywordWhoseRarestPartIsFarIn) {
  const std::string keyword = std::string(300, 'e') + "qxzj";
  for (bool vectorised : {true, false}) {
    KeywordMatcher m({keyword}, vectorised);
    EXPECT_TRUE(m.ContainsAny("a " + keyword + " b"));
    EXPECT_FALSE(m.ContainsAny(keyword.substr(1)));
  }
}

TEST(KeywordMatcher, FindsAKeywordThatEndsTheText) {
  for (bool vectorised : {true, false}) {
    KeywordMatcher m({"kubeflow", "vllm"}, vectorised);
    for (size_t pad = 0; pad < 70; ++pad) {
      EXPECT_EQ(m.MatchMask(std::string(pad, 'x') + "VLLM"), 0b10u) << pad;
      EXPECT_EQ(m.MatchMask(std::string(pad, 'x') + "vll"), 0u) << pad;
    }
  }
}

}  // namespace
}  // namespace automend
