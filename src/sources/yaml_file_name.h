// Whether a path names a YAML file: it ends in `.yaml` or `.yml`, any letter case. The
// `ext` gate and the YAML-folder source share this one rule.
#pragma once

#include <string_view>

namespace automend {

inline bool IsYamlFileName(std::string_view path) {
  auto ends_with = [&](std::string_view suffix) {
    if (path.size() < suffix.size()) return false;
    std::string_view tail = path.substr(path.size() - suffix.size());
    for (size_t i = 0; i < tail.size(); ++i) {
      char c = tail[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != suffix[i]) return false;
    }
    return true;
  };
  return ends_with(".yaml") || ends_with(".yml");
}

}  // namespace automend
