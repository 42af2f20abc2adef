// The names of the secret rules (`redaction.secret_rules` in the config), in the order the
// rules run. The config layer owns the names so it can check a config file without knowing
// the rules; redact/secret_rule.h gives each name its enum value (same order, checked at
// compile time). Constants only; thread-safe.
#pragma once

#include <array>
#include <string_view>

namespace automend {

inline constexpr std::array<std::string_view, 10> kSecretRuleNames = {
    "pem_private_key",   "jwt",          "aws_secret_access_key",
    "aws_access_key_id", "github_token", "huggingface_token",
    "slack_webhook",     "slack_token",  "google_api_key",
    "url_basic_auth"};

constexpr bool IsSecretRuleName(std::string_view name) {
  for (std::string_view known : kSecretRuleNames)
    if (known == name) return true;
  return false;
}

}  // namespace automend
