// Why a row did not become a record. The names are stable keys used in logs and reports.
#pragma once

#include <cstdint>
#include <string_view>

namespace automend {

enum class GateReason : uint8_t {
  kPass,
  kMalformed,   // the source could not decode the row
  kDuplicate,   // a row with the same hexsha came earlier
  kEncoding,    // content is not valid UTF-8
  kExt,
  kSize,
  kLicense,
  kKeyword,
  kYaml,
  kK8s,
  kRevalidate,  // redacted content no longer passes the yaml and k8s gates
  kCount,
};

constexpr int kGateReasonCount = static_cast<int>(GateReason::kCount);

constexpr std::string_view GateReasonName(GateReason r) {
  constexpr std::string_view kNames[] = {"pass", "malformed", "duplicate", "encoding", "ext",
                                         "size", "license",   "keyword",   "yaml",     "k8s",
                                         "revalidate"};
  return kNames[static_cast<int>(r)];
}

// The six gates of spec section 2, in order.
constexpr GateReason kGateOrder[] = {GateReason::kExt,     GateReason::kSize, GateReason::kLicense,
                                     GateReason::kKeyword, GateReason::kYaml, GateReason::kK8s};

}  // namespace automend
