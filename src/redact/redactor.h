// Redactor: replaces credentials, IPv4 addresses, emails and API keys in a manifest
// (spec section 3). Credential values first, found on the parsed structure of the
// original text; then IPv4, email and API key over the result, in that order. Text
// outside the replaced spans is kept byte for byte. Built once from the Config; immutable
// and shared by all worker threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "redact/credential_spans.h"
#include "redact/redaction_class.h"
#include "yaml/yaml_document.h"

namespace automend {

struct RedactionResult {
  std::string text;
  RedactionCounts counts{};
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

  // Which text classes (IPv4, email, API key) fire on `text`; counts per class. The
  // validate stage's leak check uses it on prompts and manifests.
  RedactionCounts CountTextMatches(std::string_view text) const;

  const CredentialFinder& credentials() const { return credentials_; }

 private:
  // Replaces every match of one text class in `in`, appending to `out`; returns the count.
  int64_t ReplaceTextClass(RedactionClass cls, std::string_view in, std::string* out) const;

  CredentialFinder credentials_;
  bool keep_reserved_ips_;
};

}  // namespace automend
