#include "gates/keyword_matcher.h"

#include <cstdint>
#include <string_view>

namespace automend {
namespace {

// Rough commonness of a lower-cased character in Kubernetes YAML (English letters by
// frequency; digits, '.' and '/' are frequent in versions, image names and apiVersions).
// Only the ordering matters: the rarer a pair, the fewer full comparisons.
int Commonness(uint8_t c) {
  static constexpr char kByFrequency[] = "etaoinsrhldcumfpgwybvkxjqz";
  if (c >= 'a' && c <= 'z') {
    for (int i = 0; kByFrequency[i]; ++i)
      if (kByFrequency[i] == c) return 26 - i;
  }
  if (c >= '0' && c <= '9') return 18;
  if (c == '.' || c == '/' || c == '-' || c == ' ' || c == ':') return 20;
  return 2;
}

// Words that fill most Kubernetes and CI YAML. A keyword window found inside one of them
// would send the fingerprint filter to a full comparison at nearly every line.
constexpr std::string_view kCommonWords[] = {
    "apiversion", "kind", "metadata", "name", "namespace", "labels", "annotations", "spec",
    "template", "containers", "image", "imagepullpolicy", "containerport", "protocol",
    "targetport", "services", "server", "serving", "selector", "matchlabels", "replicas",
    "deployment", "resources", "limits", "requests", "memory", "cpu", "volumes", "volumemounts",
    "mountpath", "path", "valuefrom", "env", "secretkeyref", "configmap", "configuration",
    "string", "true", "false", "versions", "description", "default", "type", "properties",
    "integer", "object", "array", "items", "required", "status", "condition", "https", "github",
    "docker", "latest", "restartpolicy", "always", "command", "arguments", "script", "install",
    "run", "build", "test", "steps", "uses", "with", "jobs", "runs-on", "python", "node",
    "module", "models", "monitoring", "storage", "network", "interface"};

// Where the rarest window of `width` characters of `keyword` starts: the one with the least
// common characters, avoiding windows that occur in common words.
size_t RarestWindow(const std::string& keyword, size_t width) {
  size_t best = 0;
  int64_t best_score = INT64_MAX;
  for (size_t i = 0; i + width <= keyword.size(); ++i) {
    const std::string_view window = std::string_view(keyword).substr(i, width);
    int64_t score = 1;
    for (char c : window) score *= Commonness(static_cast<uint8_t>(c));
    for (std::string_view word : kCommonWords) {
      if (word.find(window) != std::string_view::npos) {
        score *= 1000;
        break;
      }
    }
    if (score < best_score) best_score = score, best = i;
  }
  return best;
}

}  // namespace

KeywordMatcher::KeywordMatcher(const std::vector<std::string>& keywords, bool vectorised) {
  for (int c = 0; c < 256; ++c)
    lower_[c] = static_cast<uint8_t>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
  pair_bits_.assign(65536 / 64, 0);
  anchor_index_.assign(65536, 0);
  for (const auto& k : keywords) {
    if (k.empty() || keywords_.size() == 64) continue;
    std::string lower;
    for (char c : k) lower.push_back(static_cast<char>(lower_[static_cast<uint8_t>(c)]));
    const auto index = static_cast<uint8_t>(keywords_.size());
    keywords_.push_back(lower);
    if (lower.size() == 1) {
      auto c = static_cast<uint8_t>(lower[0]);
      single_char_mask_[c >> 6] |= uint64_t{1} << (c & 63);
      single_char_keywords_[c] |= uint64_t{1} << index;
      continue;
    }
    size_t best = RarestWindow(lower, 2);
    uint16_t pair = static_cast<uint16_t>((static_cast<uint8_t>(lower[best]) << 8) |
                                          static_cast<uint8_t>(lower[best + 1]));
    pair_bits_[pair >> 6] |= uint64_t{1} << (pair & 63);
    if (anchor_index_[pair] == 0) {
      anchors_.emplace_back();
      anchor_index_[pair] = static_cast<uint16_t>(anchors_.size());
    }
    anchors_[anchor_index_[pair] - 1].push_back({index, static_cast<uint32_t>(best)});
  }
  // Upper-case bytes reach the table through lower_, so only lower-case pairs are stored.
  if (vectorised && FingerprintFilter::Vectorised()) BuildFingerprints();
}

void KeywordMatcher::BuildFingerprints() {
  for (const auto& k : keywords_)
    if (k.size() < FingerprintFilter::kBytes) return;
  // Keywords with the same fingerprint share a bucket; distinct fingerprints are dealt
  // round the buckets.
  std::vector<std::string> distinct;
  for (size_t i = 0; i < keywords_.size(); ++i) {
    const size_t offset = RarestWindow(keywords_[i], FingerprintFilter::kBytes);
    const std::string window = keywords_[i].substr(offset, FingerprintFilter::kBytes);
    size_t slot = 0;
    while (slot < distinct.size() && distinct[slot] != window) ++slot;
    if (slot == distinct.size()) distinct.push_back(window);
    const int bucket = static_cast<int>(slot % FingerprintFilter::kBuckets);
    fingerprints_.Add(window, bucket);
    bucket_anchors_[bucket].push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(offset)});
  }
  use_fingerprints_ = true;
}

bool KeywordMatcher::MatchesAt(std::string_view text, size_t start,
                               const std::string& keyword) const {
  if (start + keyword.size() > text.size()) return false;
  for (size_t i = 0; i < keyword.size(); ++i)
    if (lower_[static_cast<uint8_t>(text[start + i])] != static_cast<uint8_t>(keyword[i]))
      return false;
  return true;
}

template <bool kStopAtFirst>
uint64_t KeywordMatcher::ScanFingerprints(std::string_view text) const {
  uint64_t found = 0;
  uint8_t buckets = 0;
  for (size_t pos = fingerprints_.Next(text, 0, &buckets); pos < text.size();
       pos = fingerprints_.Next(text, pos + 1, &buckets)) {
    for (int b = 0; b < FingerprintFilter::kBuckets; ++b) {
      if (!(buckets >> b & 1)) continue;
      for (const Anchor& a : bucket_anchors_[b]) {
        if (pos < a.offset || (found >> a.keyword & 1)) continue;
        if (MatchesAt(text, pos - a.offset, keywords_[a.keyword])) {
          found |= uint64_t{1} << a.keyword;
          if (kStopAtFirst) return found;
        }
      }
    }
  }
  return found;
}

template <bool kStopAtFirst>
uint64_t KeywordMatcher::Scan(std::string_view text) const {
  if (use_fingerprints_) return ScanFingerprints<kStopAtFirst>(text);
  uint64_t found = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  const bool singles = (single_char_mask_[0] | single_char_mask_[1] | single_char_mask_[2] |
                        single_char_mask_[3]) != 0;
  if (singles) {
    for (size_t i = 0; i < n; ++i) {
      uint8_t c = lower_[s[i]];
      if (single_char_mask_[c >> 6] >> (c & 63) & 1) {
        found |= single_char_keywords_[c];
        if (kStopAtFirst) return found;
      }
    }
  }
  if (anchors_.empty() || n < 2) return found;
  uint32_t prev = lower_[s[0]];
  for (size_t i = 1; i < n; ++i) {
    uint32_t cur = lower_[s[i]];
    uint32_t pair = (prev << 8) | cur;
    prev = cur;
    if (!(pair_bits_[pair >> 6] >> (pair & 63) & 1)) continue;
    for (const Anchor& a : anchors_[anchor_index_[pair] - 1]) {
      if (i - 1 < a.offset || (found >> a.keyword & 1)) continue;
      if (MatchesAt(text, i - 1 - a.offset, keywords_[a.keyword])) {
        found |= uint64_t{1} << a.keyword;
        if (kStopAtFirst) return found;
      }
    }
  }
  return found;
}

bool KeywordMatcher::ContainsAny(std::string_view text) const { return Scan<true>(text) != 0; }

uint64_t KeywordMatcher::MatchMask(std::string_view text) const { return Scan<false>(text); }

}  // namespace automend
