// Fuzzes the keyword scan: on any bytes, the vectorised fingerprint pass (on CPUs with AVX2)
// and the scalar pair table find exactly the keywords a plain lower-case substring search
// finds, with the default keywords and with keywords taken from the input itself.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "gates/keyword_matcher.h"

namespace {

uint64_t NaiveMask(std::string_view text, const std::vector<std::string>& keywords) {
  std::string lower(text);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  uint64_t mask = 0;
  for (size_t i = 0; i < keywords.size(); ++i)
    if (lower.find(keywords[i]) != std::string::npos) mask |= uint64_t{1} << i;
  return mask;
}

void Check(std::string_view text, const std::vector<std::string>& keywords) {
  using automend::KeywordMatcher;
  KeywordMatcher fast(keywords), scalar(keywords, /*vectorised=*/false);
  const uint64_t want = NaiveMask(text, fast.keywords());
  if (fast.MatchMask(text) != want || scalar.MatchMask(text) != want) std::abort();
  if (fast.ContainsAny(text) != (want != 0) || scalar.ContainsAny(text) != (want != 0))
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  static const std::vector<std::string> defaults = automend::Config().keywords;
  Check(bytes, defaults);
  // Input "kw1,kw2\n text": the keywords (lower-case ASCII, as the config loader gives them)
  // come from the first line.
  if (size_t nl = bytes.find('\n'); nl != std::string_view::npos && nl < 200) {
    std::vector<std::string> keywords;
    std::string current;
    for (char c : bytes.substr(0, nl)) {
      if (c == ',') {
        keywords.push_back(current), current.clear();
      } else if (c >= 'A' && c <= 'Z') {
        current.push_back(static_cast<char>(c - 'A' + 'a'));
      } else {
        current.push_back(c);
      }
    }
    keywords.push_back(current);
    Check(bytes.substr(nl + 1), keywords);
  }
  return 0;
}
