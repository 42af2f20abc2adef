// The classes of personal data and secrets the redactor replaces, with their fixed
// replacement tokens: the spec's four (section 3) and `secret`, the named rules of
// secret_rule.h taken together.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace automend {

enum class RedactionClass : uint8_t { kCredential, kIpv4, kEmail, kApiKey, kSecret, kCount };
constexpr int kRedactionClassCount = static_cast<int>(RedactionClass::kCount);

constexpr std::string_view RedactionClassName(RedactionClass c) {
  constexpr std::string_view kNames[] = {"credential", "ipv4", "email", "api_key", "secret"};
  return kNames[static_cast<int>(c)];
}

inline constexpr std::string_view kCredentialToken = "REDACTED_CREDS";
inline constexpr std::string_view kIpv4Token = "IPV4_REDACTED";
inline constexpr std::string_view kEmailToken = "REDACTED_EMAIL";
inline constexpr std::string_view kApiKeyToken = "sk-REDACTED";
inline constexpr std::string_view kSecretToken = "REDACTED_SECRET";

// The token that replaces a span of class `c`.
constexpr std::string_view ReplacementToken(RedactionClass c) {
  constexpr std::string_view kTokens[] = {kCredentialToken, kIpv4Token, kEmailToken, kApiKeyToken,
                                          kSecretToken};
  return kTokens[static_cast<int>(c)];
}

using RedactionCounts = std::array<int64_t, kRedactionClassCount>;

}  // namespace automend
