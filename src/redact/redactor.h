// Redactor: replaces credentials, IPv4 addresses, emails and API keys in a manifest
// (spec section 3), then the named secret rules (secret_rule.h). Credential values first,
// found on the parsed structure of the original text; then IPv4, email and API key over
// the result, in that order; then each enabled secret rule, in the fixed order of
// SecretRule, each over the result of the one before. Text outside the replaced spans is
// kept byte for byte. Built once from the Config; immutable and shared by all worker
// threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "redact/credential_spans.h"
#include "redact/redaction_class.h"
#include "redact/secret_rule.h"
#include "yaml/yaml_document.h"

namespace automend {

struct RedactionResult {
  std::string text;
  RedactionCounts counts{};  // counts[kSecret] is the sum of `secrets`
  SecretCounts secrets{};
  int64_t total() const {
    int64_t t = 0;
    for (auto c : counts) t += c;
    return t;
  }
};

class Redactor {
 public:
  explicit Redactor(const Config& config);

  // `yaml` must be `original` parsed (the gates hand it over).
  void Redact(std::string_view original, const YamlStream& yaml, RedactionResult* out) const;

  // How often each text class (IPv4, email, API key) and the enabled secret rules (summed
  // under kSecret) fire on `text`, each scanning `text` as it is. This is the leak check
  // of the validate stage, for prompts and manifests: a redacted manifest gives all zeros.
  RedactionCounts CountTextMatches(std::string_view text) const;

  // The secret part of CountTextMatches, per rule (rules not enabled count 0).
  SecretCounts CountSecretMatches(std::string_view text) const;

  const CredentialFinder& credentials() const { return credentials_; }
  const std::vector<SecretRule>& secret_rules() const { return secret_rules_; }

 private:
  CredentialFinder credentials_;
  bool keep_reserved_ips_;
  std::vector<SecretRule> secret_rules_;  // enabled, in SecretRule order
};

}  // namespace automend
