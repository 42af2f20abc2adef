// Finds the credential values of spec section 3 on the parsed YAML structure (not on
// lines): values of credential-named keys, the `value` of a mapping whose `name` is a
// credential name (container env entries), and every value under the top-level `data`
// and `stringData` of a `kind: Secret` document. Only string scalars are chosen; a value
// given by an alias is replaced where its anchor defines it. Immutable; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "yaml/yaml_document.h"

namespace automend {

struct ReplacementSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
  std::string_view replacement;
};

class CredentialFinder {
 public:
  // `suffixes`: key-name endings that mark a credential (lower case, no separators).
  explicit CredentialFinder(std::vector<std::string> suffixes);

  // True when `key`, lower-cased with '-', '_' and '.' removed, ends with a suffix.
  bool IsCredentialName(std::string_view key) const;

  // Appends the spans to replace, sorted by position and without duplicates.
  void FindSpans(const YamlStream& yaml, std::vector<ReplacementSpan>* spans) const;

 private:
  std::vector<std::string> suffixes_;
};

}  // namespace automend
