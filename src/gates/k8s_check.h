// The k8s gate on a parsed YAML stream: at least one non-empty document, and every
// non-empty document a mapping whose top level has `apiVersion` and `kind` with non-empty
// string values (as PyYAML would construct them: last duplicate key wins, `<<` merges).
// Also hands back each document's apiVersion and kind for iac_type and the reports.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "yaml/yaml_document.h"

namespace automend {

struct K8sObject {
  std::string api_version;
  std::string kind;
};

// The non-empty string value of `key` at the top level of the mapping `mapping` (a
// document root), read as the gate reads apiVersion and kind; false when absent, empty or
// not a string. The analysis report counts kinds and apiVersions with it.
bool DocumentStringField(const YamlStream& yaml, uint32_t mapping, std::string_view key,
                         std::string* out);

// Returns true when the stream passes; otherwise `why` says which document failed and how.
bool CheckKubernetesDocuments(const YamlStream& yaml, std::vector<K8sObject>* objects,
                              std::string* why);

}  // namespace automend
