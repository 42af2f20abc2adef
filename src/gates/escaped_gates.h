// EscapedGates: the encoding check and the cheap gates (ext, size, license, keyword) decided
// on a JSONL row's content while it is still the JSON string literal it was read from
// (Row::escaped_content), for the rows where that is provably the decision GateChain
// would make on the decoded text. About 99% of The Stack's rows are rejected by these
// gates, so they are never decoded. Any row this does not reject is decoded and checked by
// GateChain from the start, so a pass here is never trusted.
//
// Why it is sound. JsonlSource leaves content escaped only when no escape in it writes a
// character JSON lets be written as itself (other than " and \) and none is a lone
// surrogate. So every escape decodes to '"', '\\', a control character, or a whole
// non-ASCII character (a \uXXXX, or a surrogate pair), and
//  - the decoded length is known: the reader counts what each escape saves
//    (JsonStringSpan::decoded_size);
//  - the decoded text is valid UTF-8 exactly when the body is. Each escape is written
//    with ASCII bytes and decodes to one whole valid sequence, so escapes split the body
//    and the decoded text into the same runs of bytes written as themselves. A run that is
//    not valid UTF-8 on its own (a bad sequence, one cut off at its end, a continuation
//    byte at its start) makes both texts invalid, since on both sides what precedes a run
//    ends a whole sequence and what follows it starts one; with no such run both texts
//    are valid. A body the reader found all ASCII (JsonStringSpan::ascii) needs no check;
//  - a keyword holding none of the characters escapes decode to that occurs in the
//    decoded text is made of bytes that were written as themselves, one after the other,
//    so it occurs in the body too (the keyword matcher is ASCII case-insensitive, and
//    none of those characters is an ASCII letter). No keyword in the body therefore means
//    no keyword in the decoded text. The converse does not hold ("\nvidia" is a newline
//    and "vidia"), which is why a match here decides nothing. Keywords holding '"', '\\'
//    or a control character are never decided here, nor keywords holding non-ASCII
//    characters in content with \u escapes.
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

  // False when a keyword holds a character a two-byte escape decodes to; then keywords
  // are never decided on escaped text.
  bool keywords_decidable() const { return keywords_decidable_; }

 private:
  const GateChain& gates_;
  bool keywords_decidable_;
  bool keywords_ascii_;  // decidable also on content with \u escapes
};

}  // namespace automend
