#include "redact/credential_spans.h"

#include <algorithm>

#include "redact/redaction_class.h"

namespace automend {
namespace {

// The replacement for a string scalar: quotes are kept, a block scalar becomes plain.
std::string_view ReplacementFor(const YamlNode& n) {
  switch (n.style) {
    case YamlNode::Style::kSingleQuoted: return "'REDACTED_CREDS'";
    case YamlNode::Style::kDoubleQuoted: return "\"REDACTED_CREDS\"";
    default: return kCredentialToken;
  }
}

class SpanCollector {
 public:
  SpanCollector(const YamlStream& y, std::vector<ReplacementSpan>* spans) : y_(y), spans_(spans) {}

  // Chooses the scalar a value node stands for (through an alias) if it is a string.
  void Add(uint32_t value) {
    const YamlNode& n = y_.node(y_.Resolve(value));
    if (n.kind != YamlNode::Kind::kScalar || !IsStringTag(n.tag)) return;
    spans_->push_back({n.begin, n.end, ReplacementFor(n)});
  }

  // Every value inside `value` (mapping values, sequence items, the node itself if scalar),
  // as PyYAML would construct it: through aliases (to a collection anchored anywhere) and
  // into complex keys. Each collection is walked once, so an alias bomb costs one visit per
  // node and an alias cycle ends.
  void AddAllValues(uint32_t value) {
    uint32_t v = y_.Resolve(value);
    if (y_.node(v).kind == YamlNode::Kind::kScalar) {
      Add(v);
      return;
    }
    // Iterative walk: nesting may be deep and threads' stacks are finite.
    std::vector<bool> seen(y_.nodes().size());
    std::vector<uint32_t> stack{v};
    seen[v] = true;
    while (!stack.empty()) {
      uint32_t c = stack.back();
      stack.pop_back();
      bool mapping = y_.node(c).kind == YamlNode::Kind::kMapping;
      bool is_value = true;  // in a mapping children alternate key, value: toggled below
      for (uint32_t child = y_.FirstChild(c); child < y_.ChildrenEnd(c); child = y_.Next(child)) {
        if (mapping) is_value = !is_value;
        uint32_t target = y_.Resolve(child);
        if (y_.node(target).kind == YamlNode::Kind::kScalar) {
          if (is_value) Add(child);
        } else if (!seen[target]) {
          seen[target] = true;
          stack.push_back(target);
        }
      }
    }
  }

 private:
  const YamlStream& y_;
  std::vector<ReplacementSpan>* spans_;
};

}  // namespace

CredentialFinder::CredentialFinder(std::vector<std::string> suffixes) {
  for (auto& s : suffixes) {
    std::string norm;
    for (char c : s) {
      if (c == '-' || c == '_' || c == '.') continue;
      norm.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
    }
    if (!norm.empty()) suffixes_.push_back(norm);
  }
}

bool CredentialFinder::IsCredentialName(std::string_view key) const {
  char buf[64];
  size_t len = 0;
  // Only the tail can matter: keep the last sizeof(buf) normalised characters.
  for (size_t i = key.size(); i > 0 && len < sizeof buf; --i) {
    char c = key[i - 1];
    if (c == '-' || c == '_' || c == '.') continue;
    buf[sizeof buf - 1 - len++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  std::string_view norm(buf + sizeof buf - len, len);
  for (const auto& s : suffixes_)
    if (norm.size() >= s.size() && norm.substr(norm.size() - s.size()) == s) return true;
  return false;
}

void CredentialFinder::FindSpans(const YamlStream& y, std::vector<ReplacementSpan>* spans) const {
  const size_t first_new = spans->size();
  SpanCollector collect(y, spans);
  const auto& nodes = y.nodes();
  auto scalar_text = [&](uint32_t i, std::string_view* out) {
    const YamlNode& n = y.node(y.Resolve(i));
    if (n.kind != YamlNode::Kind::kScalar) return false;
    *out = y.Value(n);
    return true;
  };

  for (uint32_t m = 0; m < nodes.size(); ++m) {
    if (nodes[m].kind != YamlNode::Kind::kMapping) continue;
    bool env_name = false;
    std::vector<uint32_t> env_values;
    for (uint32_t k = y.FirstChild(m); k < y.ChildrenEnd(m);) {
      uint32_t v = y.Next(k);
      if (v >= y.ChildrenEnd(m)) break;
      std::string_view key;
      if (scalar_text(k, &key)) {
        if (IsCredentialName(key)) collect.Add(v);
        if (key == "name") {
          std::string_view name;
          const YamlNode& vn = y.node(y.Resolve(v));
          if (scalar_text(v, &name) && IsStringTag(vn.tag) && IsCredentialName(name))
            env_name = true;
        } else if (key == "value") {
          env_values.push_back(v);
        }
      }
      k = y.Next(v);
    }
    if (env_name)
      for (uint32_t v : env_values) collect.Add(v);
  }

  for (uint32_t root : y.documents()) {
    uint32_t kind;
    std::string_view kind_text;
    if (!y.FindKey(root, "kind", &kind) || !scalar_text(kind, &kind_text) || kind_text != "Secret")
      continue;
    uint32_t r = y.Resolve(root);
    for (uint32_t k = y.FirstChild(r); k < y.ChildrenEnd(r);) {
      uint32_t v = y.Next(k);
      if (v >= y.ChildrenEnd(r)) break;
      std::string_view key;
      if (scalar_text(k, &key) && (key == "data" || key == "stringData")) collect.AddAllValues(v);
      k = y.Next(v);
    }
  }

  std::sort(spans->begin() + static_cast<std::ptrdiff_t>(first_new), spans->end(),
            [](const ReplacementSpan& a, const ReplacementSpan& b) { return a.begin < b.begin; });
  auto last = std::unique(spans->begin() + static_cast<std::ptrdiff_t>(first_new), spans->end(),
                          [](const ReplacementSpan& a, const ReplacementSpan& b) {
                            return a.begin == b.begin;
                          });
  spans->erase(last, spans->end());
}

}  // namespace automend
