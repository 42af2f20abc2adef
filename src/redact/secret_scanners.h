// Hand-written scanners for the secret rules (secret_rule.h). Each finds the leftmost match
// at or after `from` exactly as the regular expression quoted above it would under
// Python's `re` (re.sub's leftmost, non-overlapping matches; tests/python/oracle.py holds
// those expressions and the corpus differential test compares the two), in linear time and
// without a regex engine. `match` is the span to replace and its replacement; the span is
// for some rules only the end of what the expression matches (the value after a key name,
// the credentials after "scheme://"); the next search starts at its end. "Letter", "digit"
// and the classes are ASCII. Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

#include "redact/secret_rule.h"
#include "redact/text_scanners.h"

namespace automend {

struct SecretMatch {
  size_t begin = 0;
  size_t end = 0;
  std::string_view replacement = kSecretToken;
};

// What url_basic_auth puts in place of "user:password@" (and of the e-mail token that
// replaced the password's end and the host, see FindUrlBasicAuth).
inline constexpr std::string_view kSecretTokenAt = "REDACTED_SECRET@";
inline constexpr std::string_view kSecretTokenAtEmail = "REDACTED_SECRET@REDACTED_EMAIL";

// -----BEGIN[ A-Z0-9]*PRIVATE KEY( BLOCK)?----- B*? -----END[ A-Z0-9]*PRIVATE KEY( BLOCK)?-----
// with B = [A-Za-z0-9+/=\\#:,\- \t\r\n]: base64 lines, PEM headers (Proc-Type: 4,ENCRYPTED),
// "\n" escapes of a JSON or YAML string, indentation and comment marks. The whole block.
bool FindPemPrivateKey(std::string_view text, size_t from, SecretMatch* match);

// ://(?:(U*:U*@)(D)?|(?!N*@)((?:(?!REDACTED_EMAIL)N)*:(?:(?!REDACTED_EMAIL)N)*REDACTED_EMAIL))
// with U = any character but ASCII white space and / ? # " ' ` < > \ [ ] { } |, N = U but
// '@', and D the e-mail domain (EmailDomainEnd). No scheme is required before "://": it
// adds nothing, and one may have been taken by an earlier replacement. The first form,
// user:password@ (up to the last '@' of the authority), becomes REDACTED_SECRET@, or
// REDACTED_SECRET@REDACTED_EMAIL with the host when the host is an e-mail domain (else the
// result would be an e-mail address for the leak check); it is kept when the password
// (after the first ':') is only a variable reference, $(NAME) or $NAME, %s or %v:
// configuration, not a secret. The second form is what the e-mail class (which runs
// first) leaves of a URL whose host has a top-level domain:
// "https://user:pa!ss@db.example.com" became "https://user:pa!REDACTED_EMAIL";
// "user:pa!REDACTED_EMAIL" becomes REDACTED_SECRET@REDACTED_EMAIL, so no part of a password
// survives, whatever its characters.
bool FindUrlBasicAuth(std::string_view text, size_t from, SecretMatch* match);

// (?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{7,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+
bool FindJwt(std::string_view text, size_t from, SecretMatch* match);

// (?:[Ss][Ee][Cc][Rr][Ee][Tt][_.-]?(?:[Aa][Cc][Cc][Ee][Ss][Ss][_.-]?)?[Kk][Ee][Yy]
//   |(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Za-z0-9])
// ["']?[ \t]*[:=,;|]?[ \t]*["']?(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])
// A 40-character key only in the context that makes it one: after a secret-key name
// (aws_secret_access_key, SecretAccessKey, secret-key, ...) or right after an access key
// id. Replaced: the 40 characters. Bare 40-character strings (git SHAs) are never touched.
bool FindAwsSecretAccessKey(std::string_view text, size_t from, SecretMatch* match);

// (?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])
bool FindAwsAccessKeyId(std::string_view text, size_t from, SecretMatch* match);

// (?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{82,})(?![A-Za-z0-9_])
bool FindGithubToken(std::string_view text, size_t from, SecretMatch* match);

// (?<![A-Za-z0-9_])hf_[A-Za-z0-9]{34,}(?![A-Za-z0-9_])
bool FindHuggingfaceToken(std::string_view text, size_t from, SecretMatch* match);

// hooks\.slack\.com/services/(T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]+); replaced: the group.
bool FindSlackWebhook(std::string_view text, size_t from, SecretMatch* match);

// (?<![A-Za-z0-9_-])xox[abprs]-[A-Za-z0-9-]{10,}(?![A-Za-z0-9_-])
bool FindSlackToken(std::string_view text, size_t from, SecretMatch* match);

// (?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])
bool FindGoogleApiKey(std::string_view text, size_t from, SecretMatch* match);

// Dispatches to the scanner of `rule`.
bool FindSecret(SecretRule rule, std::string_view text, size_t from, SecretMatch* match);

}  // namespace automend
