// Config: every path, threshold, list and template of the pipeline, loaded from one YAML
// file (config/pipeline.yaml; docs/configuration.md describes each key). Keys left out
// keep the defaults below, which are the spec's. An unknown key or a value of the wrong
// type stops the program with a message naming the key (exit status 2).
// A loaded Config is immutable and shared read-only between threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "config/secret_rule_names.h"

namespace automend {

struct PromptCategory {
  std::string name;
  std::vector<std::string> words;
  std::string template_text;  // "{words}" is replaced by the file name's words
};

struct Config {
  std::string file;  // where it was loaded from ("" for built-in defaults)

  // paths
  std::string raw_dir = "data/raw";
  std::string records_path = "data/processed/training_records.jsonl";
  std::string balanced_path = "data/processed/training_records_balanced.jsonl";
  std::string logs_dir = "logs";
  std::string reports_dir = "reports";

  // source
  std::string source = "examples/demo/rows.jsonl";
  int64_t sample_rows = 10000;  // -1: all rows ("all" in the file)
  uint64_t seed = 42;
  std::vector<std::string> default_licenses;  // for sources without metadata (YAML folders)

  // gates
  int64_t min_bytes = 200;
  int64_t max_bytes = 204800;
  std::vector<std::string> license_allowlist = {
      "MIT", "MIT-0", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "0BSD",
      "ISC", "Unlicense", "CC0-1.0", "Zlib", "BSL-1.0", "PostgreSQL"};
  std::vector<std::string> keywords = {
      "nvidia.com/gpu", "amd.com/gpu", "kserve", "seldon", "inferenceservice",
      "servingruntime", "triton", "torchserve", "tensorflow/serving", "kubeflow",
      "ray.io", "vllm", "mlflow", "bentoml"};
  uint32_t max_yaml_depth = 1000;

  // redaction
  bool keep_reserved_ips = true;
  std::vector<std::string> credential_key_suffixes = {
      "password", "passwd", "pwd", "secret", "token", "apikey", "accesskey",
      "secretkey", "privatekey", "clientsecret", "credential", "credentials"};
  // names of the secret rules to apply (config/secret_rule_names.h); all by default. They always
  // run in their fixed order, whatever the order here.
  std::vector<std::string> secret_rules{kSecretRuleNames.begin(), kSecretRuleNames.end()};

  // prompts: the first category whose words meet the file name's words wins
  std::vector<PromptCategory> prompt_categories = {
      {"gpu", {"gpu", "gpus", "cuda", "nvidia"}, "Apply the GPU serving configuration: {words}."},
      {"inference",
       {"inference", "infer", "serving", "serve", "server", "predictor", "model", "kserve",
        "seldon", "triton"},
       "Deploy the model inference service: {words}."},
      {"deploy",
       {"deploy", "deployment", "deployments", "prod", "production"},
       "Deploy the production configuration: {words}."},
      {"service",
       {"service", "svc", "ingress", "gateway", "route"},
       "Expose the service configuration: {words}."},
  };
  std::string fallback_template = "Apply the Kubernetes manifest: {words}.";

  // preprocess
  int threads = 0;  // 0: all cores

  // validate / anomaly_check
  size_t max_examples_per_check = 5;
  double min_pass_rate_pct = 80.0;
  int64_t max_violations_per_check = 50;
  int64_t min_records = 10;
  bool fail_on_anomaly = false;
  bool fail_on_pii_leak = true;
  double slack_timeout_seconds = 10.0;

  // bias_detection
  double over_representation = 0.40;
  double under_representation = 0.05;
  double max_slice_share = 0.40;
  uint64_t bias_seed = 42;

  // Checks relations between values (min <= max, shares in (0, 1], ...).
  Status Validate() const;
};

// Loads `path` over the defaults. Errors are InvalidArgument naming the file and key.
Status LoadConfig(const std::string& path, Config* config);

// Same, from text (for tests); `name` is used in messages.
Status ParseConfig(const std::string& text, const std::string& name, Config* config);

}  // namespace automend
