#include "gates/gate_chain.h"

#include <algorithm>

#include "core/text/utf8.h"
#include "sources/yaml_file_name.h"

namespace automend {

GateChain::GateChain(const Config& config)
    : min_bytes_(config.min_bytes),
      max_bytes_(config.max_bytes),
      allowlist_(config.license_allowlist),
      keywords_(config.keywords) {
  limits_.max_depth = config.max_yaml_depth;
  std::sort(allowlist_.begin(), allowlist_.end());
}

bool GateChain::PassesExt(std::string_view path) { return IsYamlFileName(path); }

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
