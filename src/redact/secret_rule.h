// The named secret rules applied after the spec's four redaction classes (issue 7): each
// finds one kind of secret by its shape and replaces it with REDACTED_SECRET. The enum
// order is the order the rules run in, and the order of their names in
// config/secret_rule_names.h (docs/secrets.md says why); `redaction.secret_rules`
// in the config chooses which of them run. Constants only; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "config/secret_rule_names.h"
#include "redact/redaction_class.h"

namespace automend {

enum class SecretRule : uint8_t {
  kPemPrivateKey,       // -----BEGIN ... PRIVATE KEY----- ... -----END ... PRIVATE KEY-----
  kJwt,                 // eyJ<header>.<payload>.<signature>
  kAwsSecretAccessKey,  // 40 characters after aws_secret_access_key= or an access key id
  kAwsAccessKeyId,      // AKIA/ASIA + 16
  kGithubToken,         // ghp_/gho_/ghu_/ghs_/ghr_ + 36, github_pat_ + 82
  kHuggingfaceToken,    // hf_ + 34
  kSlackWebhook,        // hooks.slack.com/services/T.../B.../... (the path after services/)
  kSlackToken,          // xoxb-/xoxp-/xoxa-/xoxr-/xoxs-
  kGoogleApiKey,        // AIza + 35
  kUrlBasicAuth,        // ://user:password@host (the user:password@ part)
  kCount
};
constexpr int kSecretRuleCount = static_cast<int>(SecretRule::kCount);

static_assert(kSecretRuleNames.size() == kSecretRuleCount,
              "config/secret_rule_names.h lists one name per SecretRule, in enum order");

constexpr std::string_view SecretRuleName(SecretRule r) {
  return kSecretRuleNames[static_cast<int>(r)];
}

constexpr std::optional<SecretRule> SecretRuleByName(std::string_view name) {
  for (int i = 0; i < kSecretRuleCount; ++i)
    if (kSecretRuleNames[i] == name) return static_cast<SecretRule>(i);
  return std::nullopt;
}


// Replaced spans (or matches, when counting) per rule, indexed by SecretRule.
using SecretCounts = std::array<int64_t, kSecretRuleCount>;

}  // namespace automend
