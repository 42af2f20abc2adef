// KeywordMatcher: ASCII case-insensitive substring search for many keywords at once (the
// keyword gate and the analysis report's keyword coverage). An Aho-Corasick automaton over
// a compact byte-class alphabet: one table lookup per input byte, whatever the number of
// keywords. Non-ASCII bytes never match a keyword byte. Immutable after construction, so
// one matcher is shared by all threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace automend {

class KeywordMatcher {
 public:
  // At most 64 keywords (the match set is a 64-bit mask); empty keywords are ignored.
  explicit KeywordMatcher(const std::vector<std::string>& keywords);

  // True when `text` contains at least one keyword; stops at the first match.
  bool ContainsAny(std::string_view text) const;

  // Bit i set when keyword i occurs in `text`.
  uint64_t MatchMask(std::string_view text) const;

  const std::vector<std::string>& keywords() const { return keywords_; }

 private:
  template <bool kStopAtFirst>
  uint64_t Scan(std::string_view text) const;

  std::vector<std::string> keywords_;
  uint8_t byte_class_[256] = {};  // 0: a byte that occurs in no keyword
  int num_classes_ = 1;
  std::vector<uint16_t> next_;    // state * num_classes_ + class -> state
  std::vector<uint64_t> output_;  // keywords recognised on entering a state
};

}  // namespace automend
