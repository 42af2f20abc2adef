#include "gates/keyword_matcher.h"

#include <deque>

namespace automend {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

KeywordMatcher::KeywordMatcher(const std::vector<std::string>& keywords) {
  for (const auto& k : keywords) {
    if (k.empty() || keywords_.size() == 64) continue;
    std::string lower;
    for (char c : k) lower.push_back(Lower(c));
    keywords_.push_back(lower);
  }
  // Byte classes: one per distinct (lower-cased) keyword byte; upper case shares it.
  for (const auto& k : keywords_) {
    for (char c : k) {
      auto u = static_cast<unsigned char>(c);
      if (byte_class_[u] == 0) byte_class_[u] = static_cast<uint8_t>(num_classes_++);
    }
  }
  for (int c = 'A'; c <= 'Z'; ++c) byte_class_[c] = byte_class_[c - 'A' + 'a'];

  // Trie.
  std::vector<std::vector<int>> go(1, std::vector<int>(num_classes_, -1));
  output_.assign(1, 0);
  for (size_t i = 0; i < keywords_.size(); ++i) {
    int state = 0;
    for (char c : keywords_[i]) {
      int cls = byte_class_[static_cast<unsigned char>(c)];
      if (go[state][cls] < 0) {
        go[state][cls] = static_cast<int>(go.size());
        go.emplace_back(num_classes_, -1);
        output_.push_back(0);
      }
      state = go[state][cls];
    }
    output_[state] |= uint64_t{1} << i;
  }
  // Failure links by breadth-first order turn the trie into a complete automaton.
  std::vector<int> fail(go.size(), 0);
  std::deque<int> queue;
  for (int cls = 0; cls < num_classes_; ++cls) {
    int s = go[0][cls];
    if (s < 0) {
      go[0][cls] = 0;
    } else {
      fail[s] = 0;
      queue.push_back(s);
    }
  }
  while (!queue.empty()) {
    int r = queue.front();
    queue.pop_front();
    output_[r] |= output_[fail[r]];
    for (int cls = 0; cls < num_classes_; ++cls) {
      int s = go[r][cls];
      if (s < 0) {
        go[r][cls] = go[fail[r]][cls];
      } else {
        fail[s] = go[fail[r]][cls];
        queue.push_back(s);
      }
    }
  }
  next_.resize(go.size() * static_cast<size_t>(num_classes_));
  for (size_t s = 0; s < go.size(); ++s)
    for (int cls = 0; cls < num_classes_; ++cls)
      next_[s * num_classes_ + cls] = static_cast<uint16_t>(go[s][cls]);
}

template <bool kStopAtFirst>
uint64_t KeywordMatcher::Scan(std::string_view text) const {
  if (keywords_.empty()) return 0;
  uint64_t found = 0;
  uint32_t state = 0;
  const uint16_t* next = next_.data();
  const auto n = static_cast<uint32_t>(num_classes_);
  for (char c : text) {
    state = next[state * n + byte_class_[static_cast<unsigned char>(c)]];
    if (output_[state]) {
      found |= output_[state];
      if (kStopAtFirst) return found;
    }
  }
  return found;
}

bool KeywordMatcher::ContainsAny(std::string_view text) const { return Scan<true>(text) != 0; }

uint64_t KeywordMatcher::MatchMask(std::string_view text) const { return Scan<false>(text); }

}  // namespace automend
