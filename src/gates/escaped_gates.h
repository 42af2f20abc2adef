// EscapedGates: the encoding check and the cheap gates (ext, size, license, keyword) decided
// on a JSONL row's content while it is still the JSON string literal it was read from
// (Row::escaped_content), for the rows where that is provably the decision GateChain
// would make on the decoded text. About 99% of The Stack's rows are rejected by these
// gates, so they are never decoded. Any row this does not reject is decoded and checked by
// GateChain from the start, so a pass here is never trusted.
//
// Why it is sound. JsonlSource leaves content escaped only when every escape in it is one
// of \" \\ \b \f \n \r \t: two bytes written for one ASCII byte. So
//  - the decoded length is the literal's body length minus the number of escapes;
//  - the decoded text is valid UTF-8 exactly when the body is: an escape is ASCII and
//    decodes to ASCII, and ASCII bytes are never part of a multi-byte sequence (so a body
//    the reader found all ASCII, JsonStringSpan::ascii, needs no check);
//  - the decoded text is the body with each escape replaced by '"', '\\' or a control
//    character, the other bytes unchanged and in order. A keyword holding none of those
//    characters that occurs in the decoded text is made of bytes that were written as
//    themselves, one after the other, so it occurs in the body too (the keyword matcher
//    is ASCII case-insensitive, and none of those characters is a letter). No keyword in
//    the body therefore means no keyword in the decoded text. The converse does not hold
//    ("\nvidia" is a newline and "vidia"), which is why a match here decides nothing.
// A row that the encoding check would reject is left to GateChain too, for its detail
// (the offset of the bad byte in the decoded text). Immutable; shared by all threads.
#pragma once

#include "gates/gate_chain.h"
#include "gates/gate_reason.h"
#include "sources/row.h"

namespace automend {

class EscapedGates {
 public:
  // `gates` must outlive this.
  explicit EscapedGates(const GateChain& gates);

  // For a row with escaped content: the reason GateChain::Check would reject it for (ext,
  // size, license or keyword, each with an empty detail), or kPass when that cannot be
  // decided on the escaped text: decode the content and run GateChain::Check.
  GateReason Reject(const Row& row) const;

  // False when a keyword holds a character an escape decodes to; then keywords are never
  // decided on escaped text.
  bool keywords_decidable() const { return keywords_decidable_; }

 private:
  const GateChain& gates_;
  bool keywords_decidable_;
};

}  // namespace automend
