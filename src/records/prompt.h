// Prompt synthesis (spec section 4): the file name's stem is split into words, the first
// configured category whose word set meets them chooses the template, and "{words}" in
// the template becomes the words joined by spaces. Immutable; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"

namespace automend {

struct Prompt {
  std::string text;
  std::string type;  // the category name, or "fallback"
};

class PromptBuilder {
 public:
  explicit PromptBuilder(const Config& config);

  Prompt Build(std::string_view path) const;

  // The words of a path's stem: last component without .yaml/.yml (any case), split on
  // '-', '_', '.', ' ' and lower-to-upper camelCase boundaries, lower-cased (ASCII).
  static std::vector<std::string> Words(std::string_view path);

 private:
  std::vector<PromptCategory> categories_;
  std::string fallback_template_;
};

// Replaces every "{words}" in `template_text` with `words`.
std::string FillTemplate(std::string_view template_text, std::string_view words);

}  // namespace automend
