// YamlStream: one YAML text parsed by libyaml (the parser PyYAML's CSafeLoader wraps)
// into a flat tree of nodes per document, with each node's byte span in the original text,
// its resolved tag (PyYAML's YAML 1.1 rules) and its scalar value. It accepts exactly what
// `yaml.compose_all(text, Loader=CSafeLoader)` accepts, plus a nesting limit, and records
// whether any tag outside tag:yaml.org,2002: was used. Aliases are kept as references to
// their anchored node, never expanded, so an alias bomb costs one node per alias.
//
// The pipeline's yaml and k8s gates, credential redaction, kinds for reports and the
// config loader all read this one structure. Not thread-safe; one per thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "yaml/yaml_resolver.h"

namespace automend {

struct YamlNode {
  enum class Kind : uint8_t { kScalar, kSequence, kMapping, kAlias };
  enum class Style : uint8_t { kPlain, kSingleQuoted, kDoubleQuoted, kLiteral, kFolded, kCollection };

  Kind kind = Kind::kScalar;
  Style style = Style::kPlain;
  YamlTag tag = YamlTag::kStr;
  bool has_properties = false;  // an anchor or a tag was written before the node
  uint32_t subtree_end = 0;     // index one past this node's last descendant
  uint32_t alias_target = 0;    // kAlias: index of the anchored node
  uint32_t begin = 0;           // byte span of the node's text, properties excluded
  uint32_t end = 0;
  uint32_t line = 0;            // 1-based line of `begin`, for messages
  uint32_t value_offset = 0;    // kScalar: value bytes in YamlStream's arena
  uint32_t value_length = 0;
};

struct YamlLimits {
  uint32_t max_depth = 1000;
};

class YamlStream {
 public:
  // Parses `text`. Returns false with error() set when libyaml or the composer rules refuse
  // it or a limit is exceeded. Non-standard tags do not fail the parse; see nonstandard_tag().
  bool Parse(std::string_view text, const YamlLimits& limits = {});

  const std::string& error() const { return error_; }
  // The first tag outside tag:yaml.org,2002:, or empty.
  const std::string& nonstandard_tag() const { return nonstandard_tag_; }

  const std::vector<YamlNode>& nodes() const { return nodes_; }
  const YamlNode& node(uint32_t i) const { return nodes_[i]; }
  // Root node index of each document, in order.
  const std::vector<uint32_t>& documents() const { return documents_; }

  std::string_view Value(const YamlNode& n) const {
    return std::string_view(arena_).substr(n.value_offset, n.value_length);
  }
  // Follows an alias to its anchored node; other nodes are returned as they are.
  uint32_t Resolve(uint32_t i) const {
    return nodes_[i].kind == YamlNode::Kind::kAlias ? nodes_[i].alias_target : i;
  }
  // A null document: its root is a scalar that resolves to null (`---` with nothing, `~`).
  bool IsEmptyDocument(uint32_t root) const;

  // Iteration over a collection's direct children: first child, then Next(child).
  uint32_t FirstChild(uint32_t i) const { return i + 1; }
  uint32_t Next(uint32_t child) const { return nodes_[child].subtree_end; }
  uint32_t ChildrenEnd(uint32_t i) const { return nodes_[i].subtree_end; }

  // In a mapping: the value node of the last key whose string value is `key` (last wins,
  // as when PyYAML builds a dict), honouring `<<` merge keys as SafeConstructor does. Returns
  // false when absent.
  bool FindKey(uint32_t mapping, std::string_view key, uint32_t* value) const;

 private:
  std::string error_;
  std::string nonstandard_tag_;
  std::vector<YamlNode> nodes_;
  std::vector<uint32_t> documents_;
  std::string arena_;
};

}  // namespace automend
