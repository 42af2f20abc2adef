#include "records/prompt.h"

#include <gtest/gtest.h>

namespace automend {
namespace {

using Words = std::vector<std::string>;

TEST(Prompt, SpecExamples) {
  PromptBuilder b{Config()};
  Prompt p = b.Build("deploy/gpu-model-server.yaml");
  EXPECT_EQ(p.text, "Apply the GPU serving configuration: gpu model server.");
  EXPECT_EQ(p.type, "gpu");
  p = b.Build("prod-deployment.yaml");
  EXPECT_EQ(p.text, "Deploy the production configuration: prod deployment.");
  EXPECT_EQ(p.type, "deploy");
}

TEST(Prompt, SplitsOnSeparatorsAndCamelCase) {
  EXPECT_EQ(PromptBuilder::Words("a/b/tritonInferenceServer.YAML"),
            (Words{"triton", "inference", "server"}));
  EXPECT_EQ(PromptBuilder::Words("my_svc.v2 final-Route.yml"),
            (Words{"my", "svc", "v2", "final", "route"}));
  EXPECT_EQ(PromptBuilder::Words("GPUModel--x__y..z.yaml"), (Words{"gpumodel", "x", "y", "z"}));
  EXPECT_EQ(PromptBuilder::Words("kserveISVC.yaml.yml"), (Words{"kserve", "isvc", "yaml"}));
  EXPECT_EQ(PromptBuilder::Words("x/.yaml"), Words{});
}

TEST(Prompt, FirstCategoryWinsThenFallback) {
  PromptBuilder b{Config()};
  EXPECT_EQ(b.Build("gpu-service.yaml").type, "gpu");           // gpu before service
  EXPECT_EQ(b.Build("model-deployment.yaml").type, "inference"); // inference before deploy
  EXPECT_EQ(b.Build("ingress.yaml").type, "service");
  Prompt p = b.Build("configmap.yaml");
  EXPECT_EQ(p.type, "fallback");
  EXPECT_EQ(p.text, "Apply the Kubernetes manifest: configmap.");
  EXPECT_EQ(b.Build(".yml").text, "Apply the Kubernetes manifest: manifest.");
}

TEST(Prompt, TemplatesComeFromConfig) {
  Config c;
  c.prompt_categories = {{"ray", {"ray"}, "Start Ray: {words} ({words})"}};
  c.fallback_template = "Other {words}";
  PromptBuilder b(c);
  EXPECT_EQ(b.Build("ray-cluster.yaml").text, "Start Ray: ray cluster (ray cluster)");
  EXPECT_EQ(b.Build("gpu.yaml").text, "Other gpu");
}

}  // namespace
}  // namespace automend
