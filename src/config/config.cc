#include "config/config.h"

#include <charconv>
#include <cmath>
#include <functional>
#include <set>

#include "core/io/atomic_file.h"
#include "yaml/yaml_document.h"

namespace automend {
namespace {

// Reads typed values out of the parsed config, with messages that name file, line and key.
class ConfigReader {
 public:
  ConfigReader(const YamlStream& y, std::string name) : y_(y), name_(std::move(name)) {}

  const YamlStream& yaml() const { return y_; }

  Status Error(uint32_t node, const std::string& key, const std::string& what) const {
    return Status::InvalidArgument(name_ + ":" + std::to_string(y_.node(node).line) + ": key '" +
                                   key + "': " + what);
  }

  Status Scalar(uint32_t node, const std::string& key, const YamlNode** out) const {
    const YamlNode& n = y_.node(y_.Resolve(node));
    if (n.kind != YamlNode::Kind::kScalar) return Error(node, key, "expected a single value");
    *out = &n;
    return Status::OK();
  }

  Status String(uint32_t node, const std::string& key, std::string* out) const {
    const YamlNode* n = nullptr;
    AUTOMEND_RETURN_IF_ERROR(Scalar(node, key, &n));
    if (n->tag == YamlTag::kNull) return Error(node, key, "expected a text value, found nothing");
    *out = std::string(y_.Value(*n));
    return Status::OK();
  }

  Status Int(uint32_t node, const std::string& key, int64_t lo, int64_t hi, int64_t* out) const {
    const YamlNode* n = nullptr;
    AUTOMEND_RETURN_IF_ERROR(Scalar(node, key, &n));
    std::string_view v = y_.Value(*n);
    std::string digits;
    for (char c : v)
      if (c != '_') digits.push_back(c);
    int64_t value = 0;
    auto res = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (n->tag != YamlTag::kInt || res.ec != std::errc() ||
        res.ptr != digits.data() + digits.size())
      return Error(node, key, "expected a whole number, found '" + std::string(v) + "'");
    if (value < lo || value > hi)
      return Error(node, key, "must be between " + std::to_string(lo) + " and " +
                                  std::to_string(hi) + ", found " + std::to_string(value));
    *out = value;
    return Status::OK();
  }

  Status Double(uint32_t node, const std::string& key, double lo, double hi, double* out) const {
    const YamlNode* n = nullptr;
    AUTOMEND_RETURN_IF_ERROR(Scalar(node, key, &n));
    std::string v(y_.Value(*n));
    char* end = nullptr;
    double value = std::strtod(v.c_str(), &end);
    if ((n->tag != YamlTag::kInt && n->tag != YamlTag::kFloat) || end == v.c_str() || *end ||
        !std::isfinite(value))
      return Error(node, key, "expected a number, found '" + v + "'");
    if (value < lo || value > hi)
      return Error(node, key, "must be between " + std::to_string(lo) + " and " +
                                  std::to_string(hi) + ", found " + v);
    *out = value;
    return Status::OK();
  }

  Status Bool(uint32_t node, const std::string& key, bool* out) const {
    const YamlNode* n = nullptr;
    AUTOMEND_RETURN_IF_ERROR(Scalar(node, key, &n));
    std::string_view v = y_.Value(*n);
    if (n->tag != YamlTag::kBool) return Error(node, key, "expected true or false, found '" + std::string(v) + "'");
    char c = v.empty() ? 'n' : v[0];
    *out = c == 't' || c == 'T' || c == 'y' || c == 'Y' || v == "on" || v == "On" || v == "ON";
    return Status::OK();
  }

  Status StringList(uint32_t node, const std::string& key, std::vector<std::string>* out) const {
    uint32_t seq = y_.Resolve(node);
    if (y_.node(seq).kind != YamlNode::Kind::kSequence)
      return Error(node, key, "expected a list ([a, b] or one '- item' per line)");
    out->clear();
    for (uint32_t c = y_.FirstChild(seq); c < y_.ChildrenEnd(seq); c = y_.Next(c)) {
      std::string item;
      AUTOMEND_RETURN_IF_ERROR(String(c, key, &item));
      out->push_back(std::move(item));
    }
    return Status::OK();
  }

  // Calls `fn(key, value)` for each pair of a mapping.
  Status ForEachPair(uint32_t node, const std::string& key,
                     const std::function<Status(const std::string&, uint32_t, uint32_t)>& fn) const {
    uint32_t m = y_.Resolve(node);
    if (y_.node(m).kind != YamlNode::Kind::kMapping)
      return Error(node, key, "expected a section of 'name: value' lines");
    for (uint32_t k = y_.FirstChild(m); k < y_.ChildrenEnd(m);) {
      uint32_t v = y_.Next(k);
      std::string name;
      AUTOMEND_RETURN_IF_ERROR(String(k, key, &name));
      AUTOMEND_RETURN_IF_ERROR(fn(name, k, v));
      k = y_.Next(v);
    }
    return Status::OK();
  }

 private:
  const YamlStream& y_;
  std::string name_;
};

using Setter = std::function<Status(const ConfigReader&, uint32_t, const std::string&, Config*)>;

template <typename T>
Setter StringField(T Config::*field) {
  return [field](const ConfigReader& r, uint32_t n, const std::string& k, Config* c) {
    return r.String(n, k, &(c->*field));
  };
}
Setter ListField(std::vector<std::string> Config::*field) {
  return [field](const ConfigReader& r, uint32_t n, const std::string& k, Config* c) {
    return r.StringList(n, k, &(c->*field));
  };
}
template <typename T>
Setter IntField(T Config::*field, int64_t lo, int64_t hi) {
  return [=](const ConfigReader& r, uint32_t n, const std::string& k, Config* c) {
    int64_t v;
    AUTOMEND_RETURN_IF_ERROR(r.Int(n, k, lo, hi, &v));
    c->*field = static_cast<T>(v);
    return Status::OK();
  };
}
Setter DoubleField(double Config::*field, double lo, double hi) {
  return [=](const ConfigReader& r, uint32_t n, const std::string& k, Config* c) {
    return r.Double(n, k, lo, hi, &(c->*field));
  };
}
Setter BoolField(bool Config::*field) {
  return [=](const ConfigReader& r, uint32_t n, const std::string& k, Config* c) {
    return r.Bool(n, k, &(c->*field));
  };
}

Status SetSampleRows(const ConfigReader& r, uint32_t n, const std::string& k, Config* c) {
  const YamlNode& v = r.yaml().node(r.yaml().Resolve(n));
  if (v.kind == YamlNode::Kind::kScalar && r.yaml().Value(v) == "all") {
    c->sample_rows = -1;
    return Status::OK();
  }
  int64_t rows;
  Status s = r.Int(n, k, 1, INT64_MAX, &rows);
  if (!s.ok()) return r.Error(n, k, "expected a positive number of rows or 'all'");
  c->sample_rows = rows;
  return Status::OK();
}

Status SetSecretRules(const ConfigReader& r, uint32_t n, const std::string& k, Config* c) {
  std::vector<std::string> names;
  AUTOMEND_RETURN_IF_ERROR(r.StringList(n, k, &names));
  for (const std::string& name : names) {
    if (IsSecretRuleName(name)) continue;
    std::string known;
    for (std::string_view rule : kSecretRuleNames) known += (known.empty() ? "" : ", ") + std::string(rule);
    return r.Error(n, k, "unknown secret rule '" + name + "' (known: " + known + ")");
  }
  c->secret_rules = std::move(names);
  return Status::OK();
}

Status SetPromptCategories(const ConfigReader& r, uint32_t n, const std::string& k, Config* c) {
  const YamlStream& y = r.yaml();
  uint32_t seq = y.Resolve(n);
  if (y.node(seq).kind != YamlNode::Kind::kSequence)
    return r.Error(n, k, "expected a list of {name, words, template}");
  c->prompt_categories.clear();
  for (uint32_t item = y.FirstChild(seq); item < y.ChildrenEnd(seq); item = y.Next(item)) {
    PromptCategory cat;
    std::set<std::string> seen;
    AUTOMEND_RETURN_IF_ERROR(r.ForEachPair(item, k, [&](const std::string& name, uint32_t key_node,
                                                       uint32_t value) -> Status {
      std::string full = k + "[]." + name;
      seen.insert(name);
      if (name == "name") return r.String(value, full, &cat.name);
      if (name == "words") return r.StringList(value, full, &cat.words);
      if (name == "template") return r.String(value, full, &cat.template_text);
      return r.Error(key_node, full, "unknown key (expected name, words, template)");
    }));
    for (const char* required : {"name", "words", "template"})
      if (!seen.count(required)) return r.Error(item, k, std::string("an entry lacks '") + required + "'");
    c->prompt_categories.push_back(std::move(cat));
  }
  return Status::OK();
}

const std::vector<std::pair<std::string, Setter>>& Bindings() {
  static const auto* bindings = new std::vector<std::pair<std::string, Setter>>{
      {"paths.raw_dir", StringField(&Config::raw_dir)},
      {"paths.records", StringField(&Config::records_path)},
      {"paths.balanced_records", StringField(&Config::balanced_path)},
      {"paths.logs_dir", StringField(&Config::logs_dir)},
      {"paths.reports_dir", StringField(&Config::reports_dir)},
      {"source.location", StringField(&Config::source)},
      {"source.sample_rows", SetSampleRows},
      {"source.seed", IntField(&Config::seed, 0, INT64_MAX)},
      {"source.default_licenses", ListField(&Config::default_licenses)},
      {"gates.min_bytes", IntField(&Config::min_bytes, 0, INT64_MAX)},
      {"gates.max_bytes", IntField(&Config::max_bytes, 1, INT64_MAX)},
      {"gates.license_allowlist", ListField(&Config::license_allowlist)},
      {"gates.keywords", ListField(&Config::keywords)},
      {"gates.max_yaml_depth", IntField(&Config::max_yaml_depth, 1, 100000)},
      {"redaction.keep_reserved_ips", BoolField(&Config::keep_reserved_ips)},
      {"redaction.credential_key_suffixes", ListField(&Config::credential_key_suffixes)},
      {"redaction.secret_rules", SetSecretRules},
      {"prompts.categories", SetPromptCategories},
      {"prompts.fallback_template", StringField(&Config::fallback_template)},
      {"preprocess.threads", IntField(&Config::threads, 0, 1024)},
      {"validate.max_examples_per_check", IntField(&Config::max_examples_per_check, 0, 1000000)},
      {"anomaly.min_pass_rate_pct", DoubleField(&Config::min_pass_rate_pct, 0, 100)},
      {"anomaly.max_violations_per_check", IntField(&Config::max_violations_per_check, 0, INT64_MAX)},
      {"anomaly.min_records", IntField(&Config::min_records, 0, INT64_MAX)},
      {"anomaly.fail_on_anomaly", BoolField(&Config::fail_on_anomaly)},
      {"anomaly.fail_on_pii_leak", BoolField(&Config::fail_on_pii_leak)},
      {"anomaly.slack_timeout_seconds", DoubleField(&Config::slack_timeout_seconds, 0.1, 600)},
      {"bias.over_representation", DoubleField(&Config::over_representation, 0, 1)},
      {"bias.under_representation", DoubleField(&Config::under_representation, 0, 1)},
      {"bias.max_slice_share", DoubleField(&Config::max_slice_share, 0.01, 1)},
      {"bias.seed", IntField(&Config::bias_seed, 0, INT64_MAX)},
  };
  return *bindings;
}

bool IsSection(const std::string& prefix) {
  for (const auto& [key, setter] : Bindings())
    if (key.size() > prefix.size() && key.compare(0, prefix.size(), prefix) == 0 &&
        key[prefix.size()] == '.')
      return true;
  return false;
}

// The known key closest to `key` by edit distance, for "did you mean" hints.
std::string Closest(const std::string& key) {
  std::string best;
  size_t best_d = SIZE_MAX;
  for (const auto& [known, setter] : Bindings()) {
    std::vector<size_t> prev(known.size() + 1), cur(known.size() + 1);
    for (size_t j = 0; j <= known.size(); ++j) prev[j] = j;
    for (size_t i = 1; i <= key.size(); ++i) {
      cur[0] = i;
      for (size_t j = 1; j <= known.size(); ++j)
        cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (key[i - 1] != known[j - 1])});
      std::swap(prev, cur);
    }
    if (prev[known.size()] < best_d) best_d = prev[known.size()], best = known;
  }
  return best_d <= 3 ? best : "";
}

Status ApplySection(const ConfigReader& r, uint32_t mapping, const std::string& prefix,
                    Config* config) {
  return r.ForEachPair(mapping, prefix.empty() ? "(top level)" : prefix,
                       [&](const std::string& name, uint32_t key_node, uint32_t value) -> Status {
    std::string key = prefix.empty() ? name : prefix + "." + name;
    for (const auto& [known, setter] : Bindings())
      if (known == key) return setter(r, value, key, config);
    if (IsSection(key)) return ApplySection(r, value, key, config);
    std::string hint = Closest(key);
    return r.Error(key_node, key,
                   "unknown key" + (hint.empty() ? std::string() : " (did you mean '" + hint + "'?)") +
                       "; see docs/configuration.md");
  });
}

}  // namespace

Status Config::Validate() const {
  auto bad = [&](const std::string& msg) { return Status::InvalidArgument(file + ": " + msg); };
  if (min_bytes > max_bytes) return bad("gates.min_bytes is larger than gates.max_bytes");
  if (keywords.empty()) return bad("gates.keywords is empty: no row could pass the keyword gate");
  if (license_allowlist.empty()) return bad("gates.license_allowlist is empty");
  for (const auto& k : keywords)
    if (k.empty()) return bad("gates.keywords has an empty keyword");
  for (const auto& cat : prompt_categories)
    if (cat.template_text.empty())
      return bad("prompts.categories: template of '" + cat.name + "' is empty");
  if (under_representation > over_representation)
    return bad("bias.under_representation is larger than bias.over_representation");
  return Status::OK();
}

Status ParseConfig(const std::string& text, const std::string& name, Config* config) {
  YamlStream y;
  if (!y.Parse(text)) return Status::InvalidArgument(name + ": not valid YAML: " + y.error());
  if (!y.nonstandard_tag().empty())
    return Status::InvalidArgument(name + ": unsupported tag " + y.nonstandard_tag());
  config->file = name;
  if (y.documents().size() > 1)
    return Status::InvalidArgument(name + ": expected one YAML document, found " +
                                   std::to_string(y.documents().size()));
  if (!y.documents().empty() && !y.IsEmptyDocument(y.documents()[0])) {
    ConfigReader reader(y, name);
    AUTOMEND_RETURN_IF_ERROR(ApplySection(reader, y.documents()[0], "", config));
  }
  return config->Validate();
}

Status LoadConfig(const std::string& path, Config* config) {
  std::string text;
  Status s = ReadFileToString(path, &text);
  if (!s.ok()) return Status::InvalidArgument("cannot read config file: " + s.message());
  return ParseConfig(text, path, config);
}

}  // namespace automend
