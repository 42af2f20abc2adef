// RecordChecker: the six checks of spec section 6 on one training-record line, shared by
// validate (over the records file) and diagnose (over the records it builds):
//   required_keys  the line is a JSON object with `messages` (an array of objects with
//                  string `role` and `content`) and `metadata` holding hexsha, repo, path,
//                  iac_type, prompt_type (strings), licenses (strings) and size_bytes,
//                  redactions (integers). A line that is not JSON fails here.
//   roles          exactly two messages, roles "user" then "assistant".
//   assistant_json the assistant message's content parses as JSON.
//   tool_call      that JSON is an object with tool "apply_manifest" and params holding a
//                  string manifest_content.
//   manifest_k8s   the manifest passes gates 5 and 6 (YAML, Kubernetes documents).
//   pii_leak       no text class of spec section 3 fires on the prompt or the manifest,
//                  and no credential value found on the manifest's structure still holds
//                  anything but the REDACTED_CREDS token.
// The prompt is the first "user" message and the call the first "assistant" message, so a
// swapped pair fails only roles. A check whose input is missing (no assistant message, no
// manifest) is not run, so one defect is counted once, under the check that sees it. Immutable
// after construction; Check() is thread-safe (each thread parses into its own YAML scratch).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "core/json/json_reader.h"
#include "gates/gate_chain.h"
#include "redact/redaction_class.h"
#include "redact/redactor.h"

namespace automend {

enum class RecordCheck : uint8_t {
  kRequiredKeys,
  kRoles,
  kAssistantJson,
  kToolCall,
  kManifestK8s,
  kPiiLeak,
  kCount,
};
constexpr int kRecordCheckCount = static_cast<int>(RecordCheck::kCount);

constexpr std::string_view RecordCheckName(RecordCheck c) {
  constexpr std::string_view kNames[] = {"required_keys", "roles",        "assistant_json",
                                         "tool_call",     "manifest_k8s", "pii_leak"};
  return kNames[static_cast<int>(c)];
}

struct RecordCheckResult {
  uint32_t failed = 0;                                 // bit i set when check i failed
  std::array<std::string, kRecordCheckCount> details;  // why, for each failed check

  // What could be read from the record, for statistics (empty/false when absent).
  JsonValue record;  // the parsed line (null when it is not JSON)
  bool has_prompt = false;
  std::string prompt;
  bool has_call = false;  // the assistant content as written
  std::string call;
  bool has_manifest = false;
  std::string manifest;
  std::vector<K8sObject> objects;  // when the manifest passed manifest_k8s
  RedactionCounts leaks{};         // leaked values by class (credential: unredacted spans)

  bool ok() const { return failed == 0; }
  bool Failed(RecordCheck c) const { return failed & (1u << static_cast<int>(c)); }
};

class RecordChecker {
 public:
  explicit RecordChecker(const Config& config);

  void Check(std::string_view line, RecordCheckResult* out) const;

 private:
  void CheckLeaks(std::string_view text, bool parsed_yaml, const YamlStream* yaml,
                  RecordCheckResult* out) const;

  GateChain gates_;
  Redactor redactor_;
};

}  // namespace automend
