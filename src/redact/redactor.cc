#include "redact/redactor.h"

#include "redact/secret_scanners.h"
#include "redact/text_scanners.h"

namespace automend {
namespace {

// One step of a scan: the next match of text class `cls` at or after `from`.
bool FindNext(RedactionClass cls, std::string_view text, size_t from, TextMatch* m) {
  switch (cls) {
    case RedactionClass::kIpv4: return FindIpv4(text, from, m);
    case RedactionClass::kEmail: return FindEmail(text, from, m);
    case RedactionClass::kApiKey: return FindApiKey(text, from, m);
    default: return false;
  }
}

constexpr RedactionClass kTextClasses[] = {RedactionClass::kIpv4, RedactionClass::kEmail,
                                           RedactionClass::kApiKey};

// Replaces every match that `find` reports in `*text` (a kept match is one `find` skips)
// by its replacement, in one pass as re.sub does. Copies only when something matched.
// Returns the count.
template <typename Find>
int64_t ReplaceAll(Find find, std::string* text, std::string* scratch) {
  SecretMatch m;
  if (!find(*text, 0, &m)) return 0;
  std::string_view in(*text);
  scratch->clear();
  scratch->reserve(in.size());
  int64_t count = 0;
  size_t copied = 0;
  do {
    scratch->append(in.substr(copied, m.begin - copied));
    scratch->append(m.replacement);
    copied = m.end;
    ++count;
  } while (find(in, m.end, &m));
  scratch->append(in.substr(copied));
  std::swap(*text, *scratch);
  return count;
}

}  // namespace

Redactor::Redactor(const Config& config)
    : credentials_(config.credential_key_suffixes), keep_reserved_ips_(config.keep_reserved_ips) {
  for (int i = 0; i < kSecretRuleCount; ++i) {
    const auto rule = static_cast<SecretRule>(i);
    for (const std::string& name : config.secret_rules) {
      if (name == SecretRuleName(rule)) {
        secret_rules_.push_back(rule);
        break;
      }
    }
  }
}

void Redactor::Redact(std::string_view original, const YamlStream& yaml,
                      RedactionResult* out) const {
  out->counts.fill(0);
  out->secrets.fill(0);
  std::vector<ReplacementSpan> spans;
  credentials_.FindSpans(yaml, &spans);

  std::string current;
  current.reserve(original.size());
  size_t copied = 0;
  for (const auto& span : spans) {
    current.append(original.substr(copied, span.begin - copied));
    current.append(span.replacement);
    copied = span.end;
  }
  current.append(original.substr(copied));
  out->counts[static_cast<int>(RedactionClass::kCredential)] = static_cast<int64_t>(spans.size());

  std::string scratch;
  for (RedactionClass cls : kTextClasses) {
    auto find = [&](std::string_view in, size_t from, SecretMatch* out_match) {
      TextMatch m;
      while (FindNext(cls, in, from, &m)) {
        if (!(cls == RedactionClass::kIpv4 && keep_reserved_ips_ &&
              IsReservedIpv4(in.substr(m.begin, m.end - m.begin)))) {
          *out_match = {m.begin, m.end, ReplacementToken(cls)};
          return true;
        }
        from = m.end;
      }
      return false;
    };
    out->counts[static_cast<int>(cls)] = ReplaceAll(find, &current, &scratch);
  }
  int64_t secrets = 0;
  for (SecretRule rule : secret_rules_) {
    auto find = [rule](std::string_view in, size_t from, SecretMatch* m) {
      return FindSecret(rule, in, from, m);
    };
    int64_t n = ReplaceAll(find, &current, &scratch);
    out->secrets[static_cast<int>(rule)] = n;
    secrets += n;
  }
  out->counts[static_cast<int>(RedactionClass::kSecret)] = secrets;
  out->text = std::move(current);
}

RedactionCounts Redactor::CountTextMatches(std::string_view text) const {
  RedactionCounts counts{};
  for (RedactionClass cls : kTextClasses) {
    size_t from = 0;
    TextMatch m;
    while (FindNext(cls, text, from, &m)) {
      from = m.end;
      if (cls == RedactionClass::kIpv4 && keep_reserved_ips_ &&
          IsReservedIpv4(text.substr(m.begin, m.end - m.begin)))
        continue;
      ++counts[static_cast<int>(cls)];
    }
  }
  for (int64_t n : CountSecretMatches(text)) counts[static_cast<int>(RedactionClass::kSecret)] += n;
  return counts;
}

SecretCounts Redactor::CountSecretMatches(std::string_view text) const {
  SecretCounts counts{};
  for (SecretRule rule : secret_rules_) {
    size_t from = 0;
    SecretMatch m;
    while (FindSecret(rule, text, from, &m)) {
      from = m.end;
      ++counts[static_cast<int>(rule)];
    }
  }
  return counts;
}

}  // namespace automend
