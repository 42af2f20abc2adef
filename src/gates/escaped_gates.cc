#include "gates/escaped_gates.h"

#include <algorithm>

#include "core/text/utf8.h"

namespace automend {
namespace {

// What the two-byte escapes JsonlSource leaves escaped decode to: '"', '\\' and control
// characters (\b \f \n \r \t are among them; \u escapes may also decode to these).
bool DecodedFromEscape(char c) {
  return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
}

}  // namespace

EscapedGates::EscapedGates(const GateChain& gates)
    : gates_(gates), keywords_decidable_(true), keywords_ascii_(true) {
  for (const std::string& k : gates.keywords().keywords()) {
    if (std::any_of(k.begin(), k.end(), DecodedFromEscape)) keywords_decidable_ = false;
    if (!CheckUtf8(k).ascii) keywords_ascii_ = false;
  }
}

GateReason EscapedGates::Reject(const Row& row) const {
  const JsonStringSpan& content = row.escaped_content;
  const std::string_view body = content.body();
  // In GateChain::Check's order; every step below is the same decision on the decoded text.
  if (!content.ascii && !CheckUtf8(body).valid) return GateReason::kPass;  // GateChain says where
  if (!GateChain::PassesExt(row.path)) return GateReason::kExt;
  if (!gates_.PassesSize(static_cast<int64_t>(content.decoded_size()))) return GateReason::kSize;
  if (!gates_.PassesLicense(row.licenses)) return GateReason::kLicense;
  const bool decidable = keywords_decidable_ && (keywords_ascii_ || !content.unicode_escape);
  if (decidable && !gates_.PassesKeyword(body)) return GateReason::kKeyword;
  return GateReason::kPass;
}

}  // namespace automend
