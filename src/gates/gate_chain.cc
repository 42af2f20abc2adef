#include "gates/gate_chain.h"

#include <algorithm>

#include "core/utf8.h"

namespace automend {

GateChain::GateChain(const Config& config)
    : min_bytes_(config.min_bytes),
      max_bytes_(config.max_bytes),
      allowlist_(config.license_allowlist),
      keywords_(config.keywords) {
  limits_.max_depth = config.max_yaml_depth;
  std::sort(allowlist_.begin(), allowlist_.end());
}

bool GateChain::PassesExt(std::string_view path) {
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

bool GateChain::PassesLicense(const std::vector<std::string>& licenses) const {
  if (licenses.empty()) return false;
  for (const auto& l : licenses)
    if (!std::binary_search(allowlist_.begin(), allowlist_.end(), l)) return false;
  return true;
}

bool GateChain::PassesYaml(std::string_view content, YamlStream* yaml, std::string* why) const {
  if (!yaml->Parse(content, limits_)) {
    *why = yaml->error();
    return false;
  }
  if (!yaml->nonstandard_tag().empty()) {
    *why = "non-standard tag " + yaml->nonstandard_tag();
    return false;
  }
  return true;
}

GateOutcome GateChain::Check(const Row& row, YamlStream* yaml) const {
  GateOutcome out;
  Utf8Check utf8 = CheckUtf8(row.content());
  if (!utf8.valid) {
    out.reason = GateReason::kEncoding;
    out.detail = "invalid UTF-8 at byte " + std::to_string(utf8.error_offset);
    return out;
  }
  if (!PassesExt(row.path)) {
    out.reason = GateReason::kExt;
  } else if (!PassesSize(row.content())) {
    out.reason = GateReason::kSize;
  } else if (!PassesLicense(row.licenses)) {
    out.reason = GateReason::kLicense;
  } else if (!PassesKeyword(row.content())) {
    out.reason = GateReason::kKeyword;
  } else if (!PassesYaml(row.content(), yaml, &out.detail)) {
    out.reason = GateReason::kYaml;
  } else if (!CheckKubernetesDocuments(*yaml, &out.objects, &out.detail)) {
    out.reason = GateReason::kK8s;
  }
  return out;
}

}  // namespace automend
