// KeywordMatcher: ASCII case-insensitive substring search for many keywords at once (the
// keyword gate and the analysis report's keyword coverage).
//
// Each keyword is represented by its rarest pair of adjacent characters (by a fixed table
// of how common characters are in YAML text). One pass over the text looks every position's
// lower-cased character pair up in a 64K-bit table; only where a chosen pair occurs are the
// keywords that own it compared in full. Every occurrence of a keyword contains its pair,
// so nothing is missed, and the table lookups do not depend on each other, so the scan runs
// at several bytes per cycle. Non-ASCII bytes never match a keyword byte. Immutable after
// construction: one matcher is shared by all threads.
//
// On CPUs with AVX2, when every keyword has at least four characters, a FingerprintFilter
// replaces the pair table as the first pass: it tests 32 positions at a time for one
// four-character window of each keyword, several times faster than the pair table.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gates/fingerprint_filter.h"

namespace automend {

class KeywordMatcher {
 public:
  // At most 64 keywords (the match set is a 64-bit mask); empty keywords are ignored.
  // `vectorised` false keeps the scalar pair table (tests compare the two).
  explicit KeywordMatcher(const std::vector<std::string>& keywords, bool vectorised = true);

  // True when `text` contains at least one keyword; stops at the first match.
  bool ContainsAny(std::string_view text) const;

  // Bit i set when keyword i occurs in `text`.
  uint64_t MatchMask(std::string_view text) const;

  const std::vector<std::string>& keywords() const { return keywords_; }

 private:
  struct Anchor {
    uint32_t keyword;  // index into keywords_
    uint32_t offset;   // where the pair (or fingerprint) sits inside the keyword
  };

  template <bool kStopAtFirst>
  uint64_t Scan(std::string_view text) const;
  template <bool kStopAtFirst>
  uint64_t ScanFingerprints(std::string_view text) const;
  void BuildFingerprints();
  bool MatchesAt(std::string_view text, size_t start, const std::string& keyword) const;

  std::vector<std::string> keywords_;  // lower case
  std::array<uint8_t, 256> lower_{};
  std::vector<uint64_t> pair_bits_;             // 65536 bits: pairs that start a check
  std::vector<std::vector<Anchor>> anchors_;    // per pair (sparse: only pairs in use)
  std::vector<uint16_t> anchor_index_;          // pair -> 1 + index into anchors_, or 0
  uint64_t single_char_mask_[4] = {0, 0, 0, 0}; // one-character keywords
  std::array<uint64_t, 256> single_char_keywords_{};

  bool use_fingerprints_ = false;
  FingerprintFilter fingerprints_;
  std::array<std::vector<Anchor>, FingerprintFilter::kBuckets> bucket_anchors_;
};

}  // namespace automend
