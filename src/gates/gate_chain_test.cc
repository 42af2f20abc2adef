#include "gates/gate_chain.h"

#include <gtest/gtest.h>

namespace automend {
namespace {

// A row that passes every gate; each test breaks one thing.
Row GoodRow() {
  Row r;
  r.path = "deploy/gpu-server.yaml";
  r.licenses = {"Apache-2.0"};
  r.owned_content =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: gpu-server\nspec:\n"
      "  template:\n    spec:\n      containers:\n      - name: triton\n"
      "        image: nvcr.io/nvidia/tritonserver:24.01-py3\n        resources:\n"
      "          limits:\n            nvidia.com/gpu: 1\n";
  return r;
}

GateReason Check(const Row& r) {
  GateChain g{Config()};
  YamlStream y;
  return g.Check(r, &y).reason;
}

TEST(GateChain, GoodRowPasses) { EXPECT_EQ(Check(GoodRow()), GateReason::kPass); }

TEST(GateChain, EncodingComesFirst) {
  Row r = GoodRow();
  r.path = "x.txt";
  r.owned_content += "# \xFF\n";
  EXPECT_EQ(Check(r), GateReason::kEncoding);
}

TEST(GateChain, ExtensionAnyCase) {
  Row r = GoodRow();
  r.path = "a/B.YML";
  EXPECT_EQ(Check(r), GateReason::kPass);
  for (const char* p : {"a.json", "a.yaml.bak", "yaml", "a.yamlx"}) {
    r.path = p;
    EXPECT_EQ(Check(r), GateReason::kExt) << p;
  }
}

TEST(GateChain, SizeBoundsAreInclusiveUtf8Bytes) {
  GateChain g{Config()};
  EXPECT_FALSE(g.PassesSize(std::string(199, 'a')));
  EXPECT_TRUE(g.PassesSize(std::string(200, 'a')));
  EXPECT_TRUE(g.PassesSize(std::string(204800, 'a')));
  EXPECT_FALSE(g.PassesSize(std::string(204801, 'a')));
  Row r = GoodRow();
  r.owned_content = "kind: x\n# nvidia.com/gpu\n";
  EXPECT_EQ(Check(r), GateReason::kSize);
}

TEST(GateChain, LicenseAllowlistEveryLicense) {
  GateChain g{Config()};
  EXPECT_TRUE(g.PassesLicense({"MIT", "Apache-2.0"}));
  EXPECT_FALSE(g.PassesLicense({}));
  EXPECT_FALSE(g.PassesLicense({"MIT", "GPL-3.0"}));
  EXPECT_FALSE(g.PassesLicense({"mit"}));
  Row r = GoodRow();
  r.licenses = {"AGPL-3.0"};
  EXPECT_EQ(Check(r), GateReason::kLicense);
}

TEST(GateChain, KeywordCaseInsensitive) {
  GateChain g{Config()};
  EXPECT_TRUE(g.PassesKeyword("image: VLLM/vllm-openai"));
  EXPECT_TRUE(g.PassesKeyword("apiVersion: Serving.KServe.io/v1beta1"));
  EXPECT_FALSE(g.PassesKeyword("image: nginx"));
  Row r = GoodRow();
  r.owned_content = std::string(300, '#') + "\napiVersion: v1\nkind: Pod\n";
  EXPECT_EQ(Check(r), GateReason::kKeyword);
}

TEST(GateChain, YamlGateRefusesBrokenYamlAndCustomTags) {
  Row r = GoodRow();
  r.owned_content += "  bad: [unclosed\n";
  EXPECT_EQ(Check(r), GateReason::kYaml);
  r = GoodRow();
  r.owned_content += "extra: !Ref Bucket\n";
  EXPECT_EQ(Check(r), GateReason::kYaml);
  r = GoodRow();
  r.owned_content = "{{ .Values.x }}\n" + r.owned_content;
  EXPECT_EQ(Check(r), GateReason::kYaml);
}

TEST(GateChain, K8sGate) {
  Row r = GoodRow();
  std::string body = "\n# nvidia.com/gpu " + std::string(200, 'x') + "\n";
  auto with = [&](const std::string& text) {
    r.owned_content = text + body;
    return Check(r);
  };
  EXPECT_EQ(with("apiVersion: v1\nkind: Pod"), GateReason::kPass);
  EXPECT_EQ(with("---\n---\napiVersion: v1\nkind: Pod\n---"), GateReason::kPass);
  EXPECT_EQ(with("- apiVersion: v1\n  kind: Pod"), GateReason::kK8s);
  EXPECT_EQ(with("apiVersion: v1\nkind: 5"), GateReason::kK8s);
  EXPECT_EQ(with("apiVersion: ''\nkind: Pod"), GateReason::kK8s);
  EXPECT_EQ(with("apiVersion: v1\nkind: true"), GateReason::kK8s);
  EXPECT_EQ(with("apiVersion: v1\nkind: Pod\n---\nfoo: bar"), GateReason::kK8s);
  EXPECT_EQ(with("services:\n  web: {image: vllm}"), GateReason::kK8s);
  EXPECT_EQ(with("---\n~"), GateReason::kK8s);  // no non-empty document
  EXPECT_EQ(with("apiVersion: v1\nkind: !!str 5"), GateReason::kPass);
}

}  // namespace
}  // namespace automend
