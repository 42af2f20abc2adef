// The YAML 1.1 implicit tag resolution of PyYAML's resolver (the one CSafeLoader uses):
// which type a plain scalar such as `yes`, `0x1F`, `1_000`, `.inf`, `~` or `2001-12-14`
// resolves to. Hand-written matchers for PyYAML's regular expressions, including their
// first-character dispatch and Python's `$` (which also matches before one final "\n").
// Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace automend {

enum class YamlTag : uint8_t {
  kStr,
  kInt,
  kFloat,
  kBool,
  kNull,
  kTimestamp,
  kMerge,
  kValue,
  kMap,
  kSeq,
  kOtherStandard,  // another tag:yaml.org,2002: tag (binary, set, omap, pairs, ...)
  kNonStandard,    // any other tag (!Ref, !include, tag:example.com,...)
};

const char* YamlTagName(YamlTag tag);

// The tag PyYAML resolves a plain (implicit) scalar with this value to.
YamlTag ResolvePlainScalar(std::string_view value);

// The tag for an explicit tag string as libyaml reports it (already expanded).
YamlTag TagFromExplicit(std::string_view tag);

// True for the types a credential value may not be replaced in (spec section 3: values
// that YAML 1.1 resolves to a bool, null, int or float are kept; so are timestamps).
inline bool IsStringTag(YamlTag tag) { return tag == YamlTag::kStr; }

}  // namespace automend
