#include "yaml/yaml_document.h"

#include <yaml.h>

#include <string>
#include <unordered_map>

#include "core/text/utf8.h"

namespace automend {
namespace {

// libyaml marks count characters; spans are byte offsets. Events arrive in text order,
// so a cursor that walks forward (and, rarely, back) converts in linear total time.
class CharToByte {
 public:
  explicit CharToByte(std::string_view text) : text_(text) {
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") base_ = 3;  // BOM: not counted
    byte_ = base_;
    ascii_ = CheckUtf8(text).ascii;
  }

  uint32_t Offset(size_t char_index) {
    if (ascii_) return static_cast<uint32_t>(std::min(char_index + base_, text_.size()));
    while (char_ < char_index && byte_ < text_.size()) {
      byte_ += Utf8SequenceLength(static_cast<unsigned char>(text_[byte_]));
      ++char_;
    }
    while (char_ > char_index && byte_ > base_) {
      do {
        --byte_;
      } while (byte_ > base_ && (static_cast<unsigned char>(text_[byte_]) & 0xC0) == 0x80);
      --char_;
    }
    return static_cast<uint32_t>(std::min(byte_, text_.size()));
  }

 private:
  std::string_view text_;
  size_t base_ = 0;
  size_t char_ = 0;
  size_t byte_ = 0;
  bool ascii_ = true;
};

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool IsFlowIndicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

// From the start of a node's properties (`&anchor !tag`), skips them and the space,
// line breaks and comments after them, to where the node's own text begins.
uint32_t SkipProperties(std::string_view text, uint32_t pos, uint32_t limit) {
  size_t i = pos;
  while (i < limit) {
    char c = text[i];
    if (IsBlank(c)) {
      ++i;
    } else if (c == '#') {
      while (i < limit && text[i] != '\n') ++i;
    } else if (c == '&') {
      ++i;
      while (i < limit && !IsBlank(text[i]) && !IsFlowIndicator(text[i])) ++i;
    } else if (c == '!') {
      if (i + 1 < limit && text[i + 1] == '<') {
        while (i < limit && text[i] != '>') ++i;
        if (i < limit) ++i;
      } else {
        while (i < limit && !IsBlank(text[i]) && !IsFlowIndicator(text[i])) ++i;
      }
    } else {
      break;
    }
  }
  return static_cast<uint32_t>(i);
}

YamlNode::Style ScalarStyle(yaml_scalar_style_t style) {
  switch (style) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: return YamlNode::Style::kSingleQuoted;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return YamlNode::Style::kDoubleQuoted;
    case YAML_LITERAL_SCALAR_STYLE: return YamlNode::Style::kLiteral;
    case YAML_FOLDED_SCALAR_STYLE: return YamlNode::Style::kFolded;
    default: return YamlNode::Style::kPlain;
  }
}

struct ParserHandle {
  yaml_parser_t parser;
  ParserHandle() { yaml_parser_initialize(&parser); }
  ~ParserHandle() { yaml_parser_delete(&parser); }
};

struct EventHandle {
  yaml_event_t event;
  bool live = false;
  ~EventHandle() { Reset(); }
  void Reset() {
    if (live) yaml_event_delete(&event);
    live = false;
  }
};

std::string_view Str(const yaml_char_t* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

}  // namespace

bool YamlStream::Parse(std::string_view text, const YamlLimits& limits) {
  error_.clear();
  nonstandard_tag_.clear();
  nodes_.clear();
  documents_.clear();
  arena_.clear();
  if (text.size() >= UINT32_MAX) {
    error_ = "text too large for the YAML parser";
    return false;
  }

  ParserHandle handle;
  yaml_parser_t* parser = &handle.parser;
  // No explicit encoding, as PyYAML: libyaml detects it and drops a leading byte order mark.
  yaml_parser_set_input_string(parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());

  CharToByte offsets(text);
  std::vector<uint32_t> open;  // indices of the collections being built
  std::unordered_map<std::string, uint32_t> anchors;  // per document, as PyYAML's composer
  EventHandle ev;

  auto fail = [&](std::string msg, const yaml_mark_t& mark) {
    error_ = std::move(msg) + " at line " + std::to_string(mark.line + 1) + " column " +
             std::to_string(mark.column + 1);
    return false;
  };
  auto note_tag = [&](std::string_view tag) {
    if (tag.empty() || tag == "!") return;
    if (TagFromExplicit(tag) == YamlTag::kNonStandard && nonstandard_tag_.empty())
      nonstandard_tag_ = std::string(tag);
  };
  auto new_node = [&](YamlNode::Kind kind, const yaml_event_t& e, std::string_view anchor,
                      std::string_view tag) -> bool {
    YamlNode n;
    n.kind = kind;
    n.begin = offsets.Offset(e.start_mark.index);
    n.line = static_cast<uint32_t>(e.start_mark.line + 1);
    n.has_properties = !anchor.empty() || !tag.empty();
    if (!anchor.empty()) {
      auto [it, inserted] = anchors.emplace(std::string(anchor), static_cast<uint32_t>(nodes_.size()));
      if (!inserted) return fail("found duplicate anchor '" + std::string(anchor) + "'", e.start_mark);
    }
    nodes_.push_back(n);
    return true;
  };

  bool expect_root = false;
  while (true) {
    ev.Reset();
    if (!yaml_parser_parse(parser, &ev.event)) {
      std::string msg = parser->problem ? parser->problem : "YAML error";
      if (parser->context) msg = std::string(parser->context) + ": " + msg;
      return fail(msg, parser->problem_mark);
    }
    ev.live = true;
    const yaml_event_t& e = ev.event;
    if (e.type == YAML_STREAM_END_EVENT) break;
    switch (e.type) {
      case YAML_DOCUMENT_START_EVENT:
        anchors.clear();
        expect_root = true;
        continue;
      case YAML_DOCUMENT_END_EVENT:
      case YAML_STREAM_START_EVENT:
      case YAML_NO_EVENT:
        continue;
      default:
        break;
    }
    if (expect_root) {
      documents_.push_back(static_cast<uint32_t>(nodes_.size()));
      expect_root = false;
    }
    const uint32_t index = static_cast<uint32_t>(nodes_.size());
    switch (e.type) {
      case YAML_ALIAS_EVENT: {
        std::string anchor(Str(e.data.alias.anchor));
        auto it = anchors.find(anchor);
        if (it == anchors.end()) return fail("found undefined alias '" + anchor + "'", e.start_mark);
        if (!new_node(YamlNode::Kind::kAlias, e, {}, {})) return false;
        YamlNode& n = nodes_.back();
        n.alias_target = it->second;
        n.tag = nodes_[it->second].tag;
        n.end = offsets.Offset(e.end_mark.index);
        n.subtree_end = index + 1;
        break;
      }
      case YAML_SCALAR_EVENT: {
        std::string_view tag = Str(e.data.scalar.tag);
        std::string_view anchor = Str(e.data.scalar.anchor);
        note_tag(tag);
        if (!new_node(YamlNode::Kind::kScalar, e, anchor, tag)) return false;
        YamlNode& n = nodes_.back();
        n.style = ScalarStyle(e.data.scalar.style);
        n.end = offsets.Offset(e.end_mark.index);
        if (n.has_properties) n.begin = SkipProperties(text, n.begin, n.end);
        if (n.style == YamlNode::Style::kLiteral || n.style == YamlNode::Style::kFolded) {
          // The block's own text ends at its last non-blank byte; the line breaks after it
          // end the block and belong to the surrounding text.
          while (n.end > n.begin + 1 && IsBlank(text[n.end - 1])) --n.end;
        }
        std::string_view value(reinterpret_cast<const char*>(e.data.scalar.value),
                               e.data.scalar.length);
        n.value_offset = static_cast<uint32_t>(arena_.size());
        n.value_length = static_cast<uint32_t>(value.size());
        arena_.append(value);
        if (tag.empty() || tag == "!") {
          n.tag = e.data.scalar.plain_implicit ? ResolvePlainScalar(value) : YamlTag::kStr;
        } else {
          n.tag = TagFromExplicit(tag);
        }
        n.subtree_end = index + 1;
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        bool seq = e.type == YAML_SEQUENCE_START_EVENT;
        std::string_view tag = Str(seq ? e.data.sequence_start.tag : e.data.mapping_start.tag);
        std::string_view anchor =
            Str(seq ? e.data.sequence_start.anchor : e.data.mapping_start.anchor);
        note_tag(tag);
        if (open.size() >= limits.max_depth)
          return fail("nesting deeper than " + std::to_string(limits.max_depth) + " levels",
                      e.start_mark);
        if (!new_node(seq ? YamlNode::Kind::kSequence : YamlNode::Kind::kMapping, e, anchor, tag))
          return false;
        YamlNode& n = nodes_.back();
        n.style = YamlNode::Style::kCollection;
        n.tag = (tag.empty() || tag == "!") ? (seq ? YamlTag::kSeq : YamlTag::kMap)
                                            : TagFromExplicit(tag);
        if (n.has_properties) n.begin = SkipProperties(text, n.begin, static_cast<uint32_t>(text.size()));
        open.push_back(index);
        break;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: {
        if (open.empty()) return fail("unbalanced collection end", e.start_mark);
        YamlNode& n = nodes_[open.back()];
        n.end = offsets.Offset(e.end_mark.index);
        n.subtree_end = index;
        open.pop_back();
        break;
      }
      default:
        break;
    }
  }
  return true;
}

bool YamlStream::IsEmptyDocument(uint32_t root) const {
  const YamlNode& n = nodes_[Resolve(root)];
  return n.kind == YamlNode::Kind::kScalar && n.tag == YamlTag::kNull;
}

namespace {

constexpr int kMaxMergeDepth = 32;
constexpr uint32_t kNotFound = UINT32_MAX;

// Results of merged mappings already searched, by (mapping, depth): the answer depends on
// nothing else. Without it a "merge bomb" (each level merging the one below nine times)
// takes 9^levels steps; with it every (mapping, depth) is searched once.
using MergeMemo = std::unordered_map<uint64_t, uint32_t>;

uint32_t FindKeyImpl(const YamlStream& y, uint32_t mapping, std::string_view key, int depth,
                     MergeMemo* memo) {
  mapping = y.Resolve(mapping);
  const YamlNode& m = y.node(mapping);
  if (m.kind != YamlNode::Kind::kMapping || depth > kMaxMergeDepth) return kNotFound;
  const uint64_t memo_key = (uint64_t{mapping} << 8) | static_cast<uint64_t>(depth);
  if (depth > 0) {
    auto it = memo->find(memo_key);
    if (it != memo->end()) return it->second;
  }
  uint32_t found = kNotFound;
  std::vector<uint32_t> merges;
  for (uint32_t k = y.FirstChild(mapping); k < y.ChildrenEnd(mapping);) {
    uint32_t v = y.Next(k);
    if (v >= y.ChildrenEnd(mapping)) break;
    const YamlNode& kn = y.node(y.Resolve(k));
    if (kn.kind == YamlNode::Kind::kScalar) {
      if (kn.tag == YamlTag::kMerge) {
        merges.push_back(v);
      } else if ((kn.tag == YamlTag::kStr || kn.tag == YamlTag::kValue) && y.Value(kn) == key) {
        found = v;
      }
    }
    k = y.Next(v);
  }
  // SafeConstructor.flatten_mapping: later merge keys win over earlier ones; inside a
  // sequence of mappings the first one wins.
  for (auto it = merges.rbegin(); found == kNotFound && it != merges.rend(); ++it) {
    uint32_t mv = y.Resolve(*it);
    const YamlNode& mn = y.node(mv);
    if (mn.kind == YamlNode::Kind::kMapping) {
      found = FindKeyImpl(y, mv, key, depth + 1, memo);
    } else if (mn.kind == YamlNode::Kind::kSequence) {
      for (uint32_t s = y.FirstChild(mv); found == kNotFound && s < y.ChildrenEnd(mv); s = y.Next(s))
        found = FindKeyImpl(y, s, key, depth + 1, memo);
    }
  }
  if (depth > 0) memo->emplace(memo_key, found);
  return found;
}

}  // namespace

bool YamlStream::FindKey(uint32_t mapping, std::string_view key, uint32_t* value) const {
  MergeMemo memo;
  uint32_t found = FindKeyImpl(*this, mapping, key, 0, &memo);
  if (found == kNotFound) return false;
  *value = found;
  return true;
}

}  // namespace automend
