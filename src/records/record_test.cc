#include "records/record.h"

#include <gtest/gtest.h>

namespace automend {
namespace {

TEST(Record, LineIsPythonJsonDumpsOfTheSpecLayout) {
  std::vector<std::string> licenses = {"MIT", "Apache-2.0"};
  RecordFields f;
  f.prompt = "Deploy the production configuration: prod deployment.";
  f.manifest = "apiVersion: v1\nkind: \"Pod\"\n# caf\xC3\xA9\n";
  f.hexsha = "abc";
  f.repo = "o/r";
  f.path = "prod-deployment.yaml";
  f.licenses = &licenses;
  f.iac_type = "k8s_workload";
  f.prompt_type = "deploy";
  f.size_bytes = 42;
  f.redactions = 3;
  std::string line;
  AppendRecordLine(f, &line);
  // json.dumps of the same dict in Python 3:
  EXPECT_EQ(line,
            R"({"messages": [{"role": "user", "content": "Deploy the production configuration: prod deployment."}, )"
            R"({"role": "assistant", "content": "{\"tool\": \"apply_manifest\", \"params\": {\"manifest_content\": )"
            R"(\"apiVersion: v1\\nkind: \\\"Pod\\\"\\n# caf\\u00e9\\n\"}}"}], )"
            R"("metadata": {"hexsha": "abc", "repo": "o/r", "path": "prod-deployment.yaml", )"
            R"("licenses": ["MIT", "Apache-2.0"], "iac_type": "k8s_workload", "prompt_type": "deploy", )"
            R"("size_bytes": 42, "redactions": 3}})"
            "\n");
}

TEST(Record, IacTypePrecedence) {
  using O = std::vector<K8sObject>;
  EXPECT_EQ(IacType(O{{"v1", "Service"}, {"serving.kserve.io/v1beta1", "InferenceService"}}), "kserve");
  EXPECT_EQ(IacType(O{{"apps/v1", "Deployment"}, {"machinelearning.seldon.io/v1", "SeldonDeployment"}}),
            "seldon");
  EXPECT_EQ(IacType(O{{"mlops.seldon.io/v1alpha1", "Model"}}), "seldon");
  EXPECT_EQ(IacType(O{{"batch/v1", "CronJob"}, {"v1", "ConfigMap"}}), "k8s_workload");
  EXPECT_EQ(IacType(O{{"ray.io/v1", "RayCluster"}}), "k8s_config");
  EXPECT_EQ(IacType(O{{"notserving.kserve.io/v1", "X"}}), "k8s_config");
}

}  // namespace
}  // namespace automend
