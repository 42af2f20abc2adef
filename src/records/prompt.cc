#include "records/prompt.h"

#include <algorithm>

namespace automend {
namespace {

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsSeparator(char c) { return c == '-' || c == '_' || c == '.' || c == ' '; }

bool EndsWithNoCase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    char c = s[s.size() - suffix.size() + i];
    if (IsUpper(c)) c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

// Used when a stem has no words at all (a file named ".yaml"), so a prompt never ends
// in an empty phrase.
constexpr std::string_view kNoWords = "manifest";

}  // namespace

PromptBuilder::PromptBuilder(const Config& config)
    : categories_(config.prompt_categories), fallback_template_(config.fallback_template) {}

std::vector<std::string> PromptBuilder::Words(std::string_view path) {
  size_t slash = path.find_last_of('/');
  std::string_view stem = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (EndsWithNoCase(stem, ".yaml")) {
    stem.remove_suffix(5);
  } else if (EndsWithNoCase(stem, ".yml")) {
    stem.remove_suffix(4);
  }
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (size_t i = 0; i < stem.size(); ++i) {
    char c = stem[i];
    if (IsSeparator(c)) {
      flush();
      continue;
    }
    if (IsUpper(c) && i > 0 && IsLower(stem[i - 1])) flush();
    word.push_back(IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c);
  }
  flush();
  return words;
}

std::string FillTemplate(std::string_view template_text, std::string_view words) {
  constexpr std::string_view kPlaceholder = "{words}";
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t hit = template_text.find(kPlaceholder, pos);
    if (hit == std::string_view::npos) break;
    out.append(template_text.substr(pos, hit - pos));
    out.append(words);
    pos = hit + kPlaceholder.size();
  }
  out.append(template_text.substr(pos));
  return out;
}

Prompt PromptBuilder::Build(std::string_view path) const {
  std::vector<std::string> words = Words(path);
  std::string joined;
  for (const auto& w : words) {
    if (!joined.empty()) joined.push_back(' ');
    joined += w;
  }
  if (joined.empty()) joined = kNoWords;
  for (const auto& cat : categories_) {
    bool meets = std::any_of(words.begin(), words.end(), [&](const std::string& w) {
      return std::find(cat.words.begin(), cat.words.end(), w) != cat.words.end();
    });
    if (meets) return {FillTemplate(cat.template_text, joined), cat.name};
  }
  return {FillTemplate(fallback_template_, joined), "fallback"};
}

}  // namespace automend
