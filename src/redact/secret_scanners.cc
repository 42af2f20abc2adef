#include "redact/secret_scanners.h"

#include "redact/redaction_class.h"

namespace automend {
namespace {

constexpr size_t npos = std::string_view::npos;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || IsUpper(c); }
bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
bool IsUpperOrDigit(char c) { return IsUpper(c) || IsDigit(c); }
bool IsWord(char c) { return IsAlnum(c) || c == '_'; }
bool IsBase64Url(char c) { return IsWord(c) || c == '-'; }
bool IsAlnumOrDash(char c) { return IsAlnum(c) || c == '-'; }
bool IsBase64(char c) { return IsAlnum(c) || c == '+' || c == '/'; }

// Length of the run of characters satisfying `pred` at `i`, looking at no more than `cap`.
template <typename Pred>
size_t RunLength(std::string_view t, size_t i, Pred pred, size_t cap = npos) {
  size_t j = i;
  while (j < t.size() && j - i < cap && pred(t[j])) ++j;
  return j - i;
}

bool StartsWith(std::string_view t, size_t i, std::string_view s) {
  return i <= t.size() && t.size() - i >= s.size() && t.substr(i, s.size()) == s;
}

// ASCII case-insensitive StartsWith; `lower` is lower case.
bool StartsWithNoCase(std::string_view t, size_t i, std::string_view lower) {
  if (i > t.size() || t.size() - i < lower.size()) return false;
  for (size_t k = 0; k < lower.size(); ++k) {
    char c = t[i + k];
    if (IsUpper(c)) c = static_cast<char>(c + ('a' - 'A'));
    if (c != lower[k]) return false;
  }
  return true;
}

// ---- PEM ----------------------------------------------------------------------------------

bool IsPemBody(char c) {
  return IsBase64(c) || c == '=' || c == '\\' || c == '#' || c == ':' || c == ',' || c == '-' ||
         c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// `t` has "-----" + word at `p`. Returns the end of "[ A-Z0-9]*PRIVATE KEY( BLOCK)?-----"
// after it, or 0. The run of [ A-Z0-9] cannot contain '-', so "PRIVATE KEY( BLOCK)?" must
// end exactly where the run ends.
size_t PemMarkerEnd(std::string_view t, size_t p, std::string_view word) {
  size_t i = p + 5 + word.size();
  size_t run_end = i + RunLength(t, i, [](char c) { return c == ' ' || IsUpperOrDigit(c); });
  std::string_view run = t.substr(i, run_end - i);
  auto ends_with = [&](std::string_view s) {
    return run.size() >= s.size() && run.substr(run.size() - s.size()) == s;
  };
  if (!ends_with("PRIVATE KEY") && !ends_with("PRIVATE KEY BLOCK")) return 0;
  if (!StartsWith(t, run_end, "-----")) return 0;
  return run_end + 5;
}

// ---- URL user:password --------------------------------------------------------------------

bool IsUserinfoChar(char c) {
  constexpr std::string_view kEnds = " \t\n\r\f\v/?#\"'`<>\\[]{}|";
  return kEnds.find(c) == std::string_view::npos;
}

bool IsVariableName(std::string_view s) {
  if (s.empty() || !(IsAlpha(s[0]) || s[0] == '_')) return false;
  for (char c : s)
    if (!IsWord(c)) return false;
  return true;
}

// $(NAME) (Kubernetes' expansion of container env), $NAME (a shell variable), or the
// printf verbs %s and %v of a template.
bool IsVariableReference(std::string_view s) {
  if (s == "%s" || s == "%v") return true;
  if (s.size() >= 3 && s[0] == '$' && s[1] == '(' && s.back() == ')')
    return IsVariableName(s.substr(2, s.size() - 3));
  return s.size() >= 2 && s[0] == '$' && IsVariableName(s.substr(1));
}

// ---- AWS ----------------------------------------------------------------------------------

// AKIA/ASIA + 16 [A-Z0-9] at `p`, not preceded or followed by [A-Za-z0-9]; its end or 0.
size_t AwsKeyIdEnd(std::string_view t, size_t p) {
  if (!StartsWith(t, p, "AKIA") && !StartsWith(t, p, "ASIA")) return 0;
  if (p > 0 && IsAlnum(t[p - 1])) return 0;
  if (RunLength(t, p + 4, IsUpperOrDigit, 16) != 16) return 0;
  size_t end = p + 20;
  if (end < t.size() && IsAlnum(t[end])) return 0;
  return end;
}

bool IsNameSeparator(char c) { return c == '_' || c == '.' || c == '-'; }

// secret[_.-]?(access[_.-]?)?key, any ASCII case, not followed by [A-Za-z0-9]; end or 0.
// Deterministic: a separator is never the first letter of what may follow it.
size_t SecretKeyNameEnd(std::string_view t, size_t p) {
  if (!StartsWithNoCase(t, p, "secret")) return 0;
  size_t i = p + 6;
  if (i < t.size() && IsNameSeparator(t[i])) ++i;
  if (StartsWithNoCase(t, i, "access")) {
    i += 6;
    if (i < t.size() && IsNameSeparator(t[i])) ++i;
  }
  if (!StartsWithNoCase(t, i, "key")) return 0;
  i += 3;
  if (i < t.size() && IsAlnum(t[i])) return 0;
  return i;
}

bool IsQuote(char c) { return c == '"' || c == '\''; }
bool IsBlank(char c) { return c == ' ' || c == '\t'; }
bool IsAssign(char c) { return c == ':' || c == '=' || c == ',' || c == ';' || c == '|'; }

// After a name or key id ending at `i`: ["']?[ \t]*[:=,;|]?[ \t]*["']? then exactly 40
// [A-Za-z0-9/+], not preceded by [A-Za-z0-9/+] (so some separator is needed) nor followed
// by [A-Za-z0-9/+=]. The separator characters and the value's characters are disjoint, so
// the greedy reading is the only one.
bool AwsSecretValue(std::string_view t, size_t i, SecretMatch* match) {
  const size_t n = t.size();
  if (i < n && IsQuote(t[i])) ++i;
  while (i < n && IsBlank(t[i])) ++i;
  if (i < n && IsAssign(t[i])) ++i;
  while (i < n && IsBlank(t[i])) ++i;
  if (i < n && IsQuote(t[i])) ++i;
  if (i > 0 && IsBase64(t[i - 1])) return false;
  if (RunLength(t, i, IsBase64, 41) != 40) return false;
  if (i + 40 < n && t[i + 40] == '=') return false;
  *match = {i, i + 40, kSecretToken};
  return true;
}

// A prefix of `n` characters at `p` not preceded by a character of `before`, followed by a
// run of `body` characters of at least `min` and not followed by a character of `after`
// (the run being maximal, only characters outside `body` matter there).
template <typename Before, typename Body, typename After>
bool PrefixedToken(std::string_view t, size_t p, size_t prefix, Before before, Body body,
                   size_t min, After after, SecretMatch* match) {
  if (p > 0 && before(t[p - 1])) return false;
  size_t run = RunLength(t, p + prefix, body);
  size_t end = p + prefix + run;
  if (run < min || (end < t.size() && after(t[end]))) return false;
  *match = {p, end, kSecretToken};
  return true;
}

}  // namespace

bool FindPemPrivateKey(std::string_view t, size_t from, SecretMatch* match) {
  const size_t n = t.size();
  size_t p = from;
  while ((p = t.find("-----BEGIN", p)) != npos) {
    size_t body = PemMarkerEnd(t, p, "BEGIN");
    if (!body) {
      ++p;
      continue;
    }
    // The lazy body: the first END marker reached through body characters only.
    size_t q = body;
    for (; q < n; ++q) {
      if (t[q] == '-' && StartsWith(t, q, "-----END")) {
        if (size_t end = PemMarkerEnd(t, q, "END")) {
          *match = {p, end, kSecretToken};
          return true;
        }
      }
      if (!IsPemBody(t[q])) break;
    }
    // No END marker before q. A later BEGIN before q (markers are body characters) would
    // scan a part of the same stretch and stop at q too, so the search resumes there.
    p = q > p ? q : p + 1;
  }
  return false;
}

bool FindUrlBasicAuth(std::string_view t, size_t from, SecretMatch* match) {
  const size_t n = t.size();
  size_t p = from;
  while ((p = t.find("://", p)) != npos) {
    const size_t user = p + 3;
    p = user;
    size_t last_at = npos;
    size_t r = user;
    for (; r < n && IsUserinfoChar(t[r]); ++r)
      if (t[r] == '@') last_at = r;
    std::string_view authority = t.substr(user, r - user);
    if (last_at != npos) {
      std::string_view userinfo = t.substr(user, last_at - user);
      size_t colon = userinfo.find(':');
      if (colon == npos) continue;
      if (IsVariableReference(userinfo.substr(colon + 1))) {
        p = last_at + 1;  // re.sub goes on after the match it kept
        continue;
      }
      if (size_t host_end = EmailDomainEnd(t, last_at + 1))
        *match = {user, host_end, kSecretTokenAtEmail};
      else
        *match = {user, last_at + 1, kSecretTokenAt};
      return true;
    }
    size_t email = authority.find(kEmailToken);
    if (email == npos || authority.substr(0, email).find(':') == npos) continue;
    *match = {user, user + email + kEmailToken.size(), kSecretTokenAtEmail};
    return true;
  }
  return false;
}

bool FindJwt(std::string_view t, size_t from, SecretMatch* match) {
  const size_t n = t.size();
  size_t p = from;
  while ((p = t.find("eyJ", p)) != npos) {
    if (p > 0 && IsBase64Url(t[p - 1])) {
      ++p;
      continue;
    }
    size_t header_end = p + 3 + RunLength(t, p + 3, IsBase64Url);
    if (header_end - p >= 10 && header_end < n && t[header_end] == '.') {
      size_t payload_end = header_end + 1 + RunLength(t, header_end + 1, IsBase64Url);
      if (payload_end > header_end + 1 && payload_end < n && t[payload_end] == '.') {
        size_t signature = RunLength(t, payload_end + 1, IsBase64Url);
        if (signature > 0) {
          *match = {p, payload_end + 1 + signature, kSecretToken};
          return true;
        }
      }
    }
    ++p;
  }
  return false;
}

bool FindAwsSecretAccessKey(std::string_view t, size_t from, SecretMatch* match) {
  const size_t n = t.size();
  for (size_t p = from; p < n; ++p) {
    const char c = t[p];
    size_t name_end = 0;
    if (c == 's' || c == 'S') {
      name_end = SecretKeyNameEnd(t, p);
    } else if (c == 'A') {
      name_end = AwsKeyIdEnd(t, p);
    }
    if (name_end && AwsSecretValue(t, name_end, match)) return true;
  }
  return false;
}

bool FindAwsAccessKeyId(std::string_view t, size_t from, SecretMatch* match) {
  size_t p = from;
  while ((p = t.find('A', p)) != npos) {
    if (size_t end = AwsKeyIdEnd(t, p)) {
      *match = {p, end, kSecretToken};
      return true;
    }
    ++p;
  }
  return false;
}

bool FindGithubToken(std::string_view t, size_t from, SecretMatch* match) {
  size_t p = from;
  while ((p = t.find('g', p)) != npos) {
    const char kind = p + 2 < t.size() ? t[p + 2] : '\0';
    if (StartsWith(t, p, "gh") &&
        (kind == 'p' || kind == 'o' || kind == 'u' || kind == 's' || kind == 'r') &&
        StartsWith(t, p + 3, "_") && PrefixedToken(t, p, 4, IsWord, IsAlnum, 36, IsWord, match))
      return true;
    if (StartsWith(t, p, "github_pat_") &&
        PrefixedToken(t, p, 11, IsWord, IsWord, 82, IsWord, match))
      return true;
    ++p;
  }
  return false;
}

bool FindHuggingfaceToken(std::string_view t, size_t from, SecretMatch* match) {
  size_t p = from;
  while ((p = t.find("hf_", p)) != npos) {
    if (PrefixedToken(t, p, 3, IsWord, IsAlnum, 34, IsWord, match)) return true;
    ++p;
  }
  return false;
}

bool FindSlackWebhook(std::string_view t, size_t from, SecretMatch* match) {
  constexpr std::string_view kPrefix = "hooks.slack.com/services/";
  size_t p = from;
  while ((p = t.find(kPrefix, p)) != npos) {
    p += kPrefix.size();
    size_t i = p;
    auto id = [&](char letter) {  // letter + [A-Z0-9]+ + '/'
      if (!StartsWith(t, i, std::string_view(&letter, 1))) return false;
      size_t run = RunLength(t, i + 1, IsUpperOrDigit);
      if (run == 0 || !StartsWith(t, i + 1 + run, "/")) return false;
      i += run + 2;
      return true;
    };
    if (!id('T') || !id('B')) continue;
    size_t secret = RunLength(t, i, IsAlnum);
    if (secret == 0) continue;
    *match = {p, i + secret, kSecretToken};
    return true;
  }
  return false;
}

bool FindSlackToken(std::string_view t, size_t from, SecretMatch* match) {
  size_t p = from;
  while ((p = t.find("xox", p)) != npos) {
    const char kind = p + 3 < t.size() ? t[p + 3] : '\0';
    if ((kind == 'a' || kind == 'b' || kind == 'p' || kind == 'r' || kind == 's') &&
        StartsWith(t, p + 4, "-") &&
        PrefixedToken(t, p, 5, IsBase64Url, IsAlnumOrDash, 10, IsBase64Url, match))
      return true;
    ++p;
  }
  return false;
}

bool FindGoogleApiKey(std::string_view t, size_t from, SecretMatch* match) {
  size_t p = from;
  while ((p = t.find("AIza", p)) != npos) {
    if (!(p > 0 && IsBase64Url(t[p - 1])) && RunLength(t, p + 4, IsBase64Url, 36) == 35) {
      *match = {p, p + 39, kSecretToken};
      return true;
    }
    ++p;
  }
  return false;
}

bool FindSecret(SecretRule rule, std::string_view text, size_t from, SecretMatch* match) {
  switch (rule) {
    case SecretRule::kPemPrivateKey:
      return FindPemPrivateKey(text, from, match);
    case SecretRule::kUrlBasicAuth:
      return FindUrlBasicAuth(text, from, match);
    case SecretRule::kJwt:
      return FindJwt(text, from, match);
    case SecretRule::kAwsSecretAccessKey:
      return FindAwsSecretAccessKey(text, from, match);
    case SecretRule::kAwsAccessKeyId:
      return FindAwsAccessKeyId(text, from, match);
    case SecretRule::kGithubToken:
      return FindGithubToken(text, from, match);
    case SecretRule::kHuggingfaceToken:
      return FindHuggingfaceToken(text, from, match);
    case SecretRule::kSlackWebhook:
      return FindSlackWebhook(text, from, match);
    case SecretRule::kSlackToken:
      return FindSlackToken(text, from, match);
    case SecretRule::kGoogleApiKey:
      return FindGoogleApiKey(text, from, match);
    case SecretRule::kCount:
      break;
  }
  return false;
}

}  // namespace automend
