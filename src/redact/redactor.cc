#include "redact/redactor.h"

#include "redact/text_scanners.h"

namespace automend {
namespace {

// One step of a scan: the next match of `cls` at or after `from`.
bool FindNext(RedactionClass cls, std::string_view text, size_t from, TextMatch* m) {
  switch (cls) {
    case RedactionClass::kIpv4: return FindIpv4(text, from, m);
    case RedactionClass::kEmail: return FindEmail(text, from, m);
    case RedactionClass::kApiKey: return FindApiKey(text, from, m);
    default: return false;
  }
}

std::string_view TokenFor(RedactionClass cls) {
  switch (cls) {
    case RedactionClass::kIpv4: return kIpv4Token;
    case RedactionClass::kEmail: return kEmailToken;
    case RedactionClass::kApiKey: return kApiKeyToken;
    default: return kCredentialToken;
  }
}

constexpr RedactionClass kTextClasses[] = {RedactionClass::kIpv4, RedactionClass::kEmail,
                                           RedactionClass::kApiKey};

}  // namespace

Redactor::Redactor(const Config& config)
    : credentials_(config.credential_key_suffixes), keep_reserved_ips_(config.keep_reserved_ips) {}

int64_t Redactor::ReplaceTextClass(RedactionClass cls, std::string_view in, std::string* out) const {
  int64_t count = 0;
  size_t copied = 0;
  size_t from = 0;
  TextMatch m;
  while (FindNext(cls, in, from, &m)) {
    from = m.end;
    if (cls == RedactionClass::kIpv4 && keep_reserved_ips_ &&
        IsReservedIpv4(in.substr(m.begin, m.end - m.begin)))
      continue;
    out->append(in.substr(copied, m.begin - copied));
    out->append(TokenFor(cls));
    copied = m.end;
    ++count;
  }
  out->append(in.substr(copied));
  return count;
}

void Redactor::Redact(std::string_view original, const YamlStream& yaml,
                      RedactionResult* out) const {
  out->counts.fill(0);
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

  std::string next;
  for (RedactionClass cls : kTextClasses) {
    next.clear();
    next.reserve(current.size());
    out->counts[static_cast<int>(cls)] = ReplaceTextClass(cls, current, &next);
    std::swap(current, next);
  }
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
  return counts;
}

}  // namespace automend
