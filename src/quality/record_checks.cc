#include "quality/record_checks.h"

#include <fmt/format.h>

namespace automend {
namespace {

enum class Want { kString, kInt, kStringList };

constexpr std::pair<std::string_view, Want> kMetadataKeys[] = {
    {"hexsha", Want::kString},       {"repo", Want::kString},     {"path", Want::kString},
    {"licenses", Want::kStringList}, {"iac_type", Want::kString}, {"prompt_type", Want::kString},
    {"size_bytes", Want::kInt},      {"redactions", Want::kInt},
};

void Fail(RecordCheckResult* out, RecordCheck c, std::string why) {
  const int i = static_cast<int>(c);
  if (out->failed & (1u << i)) return;
  out->failed |= 1u << i;
  out->details[i] = std::move(why);
}

bool HasType(const JsonValue* v, Want want) {
  if (!v) return false;
  switch (want) {
    case Want::kString:
      return v->is_string();
    case Want::kInt:
      return v->is_int();
    case Want::kStringList:
      if (!v->is_array()) return false;
      for (const auto& item : v->array())
        if (!item.is_string()) return false;
      return true;
  }
  return false;
}

const JsonValue* StringMember(const JsonValue& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const JsonValue* v = object.Find(key);
  return v && v->is_string() ? v : nullptr;
}

// The keys of one record that are missing or of the wrong type, comma-separated.
std::string MissingKeys(const JsonValue& record) {
  std::string missing;
  auto note = [&](std::string_view what) {
    if (!missing.empty()) missing += ", ";
    missing += what;
  };
  const JsonValue* messages = record.Find("messages");
  if (!messages || !messages->is_array()) {
    note("messages");
  } else {
    for (size_t i = 0; i < messages->array().size(); ++i) {
      const JsonValue& m = messages->array()[i];
      if (!StringMember(m, "role")) note(fmt::format("messages[{}].role", i));
      if (!StringMember(m, "content")) note(fmt::format("messages[{}].content", i));
    }
  }
  const JsonValue* metadata = record.Find("metadata");
  if (!metadata || !metadata->is_object()) {
    note("metadata");
  } else {
    for (const auto& [key, want] : kMetadataKeys)
      if (!HasType(metadata->Find(key), want)) note(fmt::format("metadata.{}", key));
  }
  return missing;
}

}  // namespace

RecordChecker::RecordChecker(const Config& config) : gates_(config), redactor_(config) {}

void RecordChecker::CheckLeaks(std::string_view text, bool parsed_yaml, const YamlStream* yaml,
                               RecordCheckResult* out) const {
  RedactionCounts found = redactor_.CountTextMatches(text);
  if (parsed_yaml) {
    std::vector<ReplacementSpan> spans;
    redactor_.credentials().FindSpans(*yaml, &spans);
    for (const auto& span : spans)
      if (text.substr(span.begin, span.end - span.begin) != span.replacement)
        ++found[static_cast<int>(RedactionClass::kCredential)];
  }
  for (int c = 0; c < kRedactionClassCount; ++c) out->leaks[c] += found[c];
}

void RecordChecker::Check(std::string_view line, RecordCheckResult* out) const {
  thread_local YamlStream yaml;
  *out = RecordCheckResult();
  Status parsed = ParseJson(line, &out->record);
  if (!parsed.ok()) {
    Fail(out, RecordCheck::kRequiredKeys, "not JSON: " + parsed.message());
    out->record = JsonValue();
    return;
  }
  if (!out->record.is_object()) {
    Fail(out, RecordCheck::kRequiredKeys, "not a JSON object");
    return;
  }
  const JsonValue& record = out->record;
  if (std::string missing = MissingKeys(record); !missing.empty())
    Fail(out, RecordCheck::kRequiredKeys, "missing or mistyped: " + missing);

  if (const JsonValue* messages = record.Find("messages"); messages && messages->is_array()) {
    const auto& list = messages->array();
    auto role = [&](size_t i) -> std::string {
      const JsonValue* r = i < list.size() ? StringMember(list[i], "role") : nullptr;
      return r ? r->as_string() : std::string("(none)");
    };
    if (list.size() != 2 || role(0) != "user" || role(1) != "assistant") {
      std::string roles;
      for (size_t i = 0; i < list.size(); ++i) roles += (i ? ", " : "") + role(i);
      Fail(out, RecordCheck::kRoles, "roles are [" + roles + "], want [user, assistant]");
    }
    // The prompt and the call are found by role, so a swapped pair fails only `roles`.
    for (size_t i = 0; i < list.size(); ++i) {
      const JsonValue* content = StringMember(list[i], "content");
      if (!content) continue;
      if (role(i) == "user" && !out->has_prompt) {
        out->has_prompt = true;
        out->prompt = content->as_string();
      } else if (role(i) == "assistant" && !out->has_call) {
        out->has_call = true;
        out->call = content->as_string();
      }
    }
  }

  if (out->has_call) {
    JsonValue call;
    Status s = ParseJson(out->call, &call);
    if (!s.ok()) {
      Fail(out, RecordCheck::kAssistantJson, "assistant content is not JSON: " + s.message());
    } else if (!call.is_object()) {
      Fail(out, RecordCheck::kToolCall, "assistant content is not a JSON object");
    } else {
      const JsonValue* tool = StringMember(call, "tool");
      if (!tool || tool->as_string() != "apply_manifest")
        Fail(out, RecordCheck::kToolCall,
             tool ? "tool is \"" + tool->as_string() + "\", want \"apply_manifest\""
                  : std::string("no string tool"));
      const JsonValue* params = call.Find("params");
      const JsonValue* manifest = params ? StringMember(*params, "manifest_content") : nullptr;
      if (manifest) {
        out->has_manifest = true;
        out->manifest = manifest->as_string();
      } else {
        Fail(out, RecordCheck::kToolCall, "no string params.manifest_content");
      }
    }
  }

  bool parsed_yaml = false;
  if (out->has_manifest) {
    std::string why;
    if (!gates_.PassesYaml(out->manifest, &yaml, &why)) {
      Fail(out, RecordCheck::kManifestK8s, "yaml: " + why);
    } else {
      parsed_yaml = true;
      if (!CheckKubernetesDocuments(yaml, &out->objects, &why)) {
        out->objects.clear();
        Fail(out, RecordCheck::kManifestK8s, "k8s: " + why);
      }
    }
  }

  // Only the classes and counts are reported, never the leaked text itself.
  std::string where;
  auto check_leaks = [&](std::string_view name, std::string_view text, bool structure) {
    RedactionCounts before = out->leaks;
    CheckLeaks(text, structure, &yaml, out);
    for (int c = 0; c < kRedactionClassCount; ++c) {
      if (out->leaks[c] == before[c]) continue;
      if (!where.empty()) where += ", ";
      where += fmt::format("{} {} in the {}", out->leaks[c] - before[c],
                           RedactionClassName(static_cast<RedactionClass>(c)), name);
    }
  };
  if (out->has_prompt) check_leaks("prompt", out->prompt, false);
  if (out->has_manifest) check_leaks("manifest", out->manifest, parsed_yaml);
  if (!where.empty()) Fail(out, RecordCheck::kPiiLeak, "unredacted " + where);
}

}  // namespace automend
