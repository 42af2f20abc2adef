// GateChain: the encoding check and the six gates of spec section 2, in order, for one row.
// The first gate a row fails is its reason. Built once from the Config; immutable and
// shared by all worker threads (each thread brings its own YamlStream as scratch).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "gates/gate_reason.h"
#include "gates/k8s_check.h"
#include "gates/keyword_matcher.h"
#include "sources/row.h"
#include "yaml/yaml_document.h"

namespace automend {

struct GateOutcome {
  GateReason reason = GateReason::kPass;
  std::string detail;              // for encoding/yaml/k8s: what was wrong and where
  std::vector<K8sObject> objects;  // apiVersion/kind of each document, when passed
};

class GateChain {
 public:
  explicit GateChain(const Config& config);

  // Runs every check in order and stops at the first failure. On a pass, `yaml` holds the
  // parsed content (redaction reuses it).
  GateOutcome Check(const Row& row, YamlStream* yaml) const;

  // The gates one by one (the analysis funnel and re-validation use them).
  static bool PassesExt(std::string_view path);
  bool PassesSize(std::string_view content) const {
    return PassesSize(static_cast<int64_t>(content.size()));
  }
  bool PassesSize(int64_t bytes) const { return bytes >= min_bytes_ && bytes <= max_bytes_; }
  bool PassesLicense(const std::vector<std::string>& licenses) const;
  bool PassesKeyword(std::string_view content) const { return keywords_.ContainsAny(content); }
  // Gate 5: parses `content` into `yaml`; false with `why` on a parse error or a tag
  // outside tag:yaml.org,2002:.
  bool PassesYaml(std::string_view content, YamlStream* yaml, std::string* why) const;

  const KeywordMatcher& keywords() const { return keywords_; }

 private:
  int64_t min_bytes_;
  int64_t max_bytes_;
  std::vector<std::string> allowlist_;
  KeywordMatcher keywords_;
  YamlLimits limits_;
};

}  // namespace automend
