// A training record (spec section 5): the chat messages with the apply_manifest tool
// call, and the metadata, serialised byte-identically to Python's json.dumps.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gates/k8s_check.h"

namespace automend {

struct RecordFields {
  std::string_view prompt;
  std::string_view manifest;  // the redacted content
  std::string_view hexsha;
  std::string_view repo;
  std::string_view path;
  const std::vector<std::string>* licenses = nullptr;
  std::string_view iac_type;
  std::string_view prompt_type;
  int64_t size_bytes = 0;  // UTF-8 bytes of the row's original content
  int64_t redactions = 0;
};

// kserve, seldon, k8s_workload or k8s_config, by the spec's precedence over all documents.
std::string_view IacType(const std::vector<K8sObject>& objects);

// The assistant message: {"tool": "apply_manifest", "params": {"manifest_content": ...}}.
std::string ToolCallJson(std::string_view manifest);

// Appends one record line, '\n' included.
void AppendRecordLine(const RecordFields& fields, std::string* out);

}  // namespace automend
