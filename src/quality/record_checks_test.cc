#include "quality/record_checks.h"

#include <gtest/gtest.h>

#include "core/json/json_writer.h"
#include "records/record.h"

namespace automend {
namespace {

constexpr char kManifest[] =
    "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  annotations:\n"
    "    owner: REDACTED_EMAIL\nstringData:\n  password: \"REDACTED_CREDS\"\n"
    "  user: REDACTED_CREDS\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: db\n"
    "data:\n  host: 10.0.0.5\n";

struct Parts {
  std::string prompt = "Apply the Kubernetes manifest: db secret.";
  std::string call = ToolCallJson(kManifest);
  std::vector<std::string> roles = {"user", "assistant"};
  bool with_hexsha = true;
  bool swapped = false;  // the assistant message first
};

std::string Line(const Parts& p) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject().Key("messages").BeginArray();
  for (size_t i = 0; i < p.roles.size(); ++i) {
    const bool first = (i == 0) != p.swapped;
    w.BeginObject().Field("role", p.roles[i]).Field("content", first ? p.prompt : p.call);
    w.EndObject();
  }
  w.EndArray().Key("metadata").BeginObject();
  if (p.with_hexsha) w.Field("hexsha", "abc");
  w.Field("repo", "o/r").Field("path", "db-secret.yaml").StringArray("licenses", {"MIT"});
  w.Field("iac_type", "k8s_config").Field("prompt_type", "fallback");
  w.Field("size_bytes", 120).Field("redactions", 2).EndObject().EndObject();
  return out;
}

uint32_t Bit(RecordCheck c) { return 1u << static_cast<int>(c); }

RecordCheckResult Check(const std::string& line) {
  RecordChecker checker{Config()};
  RecordCheckResult r;
  checker.Check(line, &r);
  return r;
}

TEST(RecordChecker, CleanRecordPassesEveryCheck) {
  RecordCheckResult r = Check(Line(Parts()));
  EXPECT_TRUE(r.ok()) << r.details[5];
  EXPECT_EQ(r.manifest, kManifest);
  ASSERT_EQ(r.objects.size(), 2u);
  EXPECT_EQ(r.objects[0].kind, "Secret");
}

TEST(RecordChecker, MissingMetadataKeyFailsOnlyRequiredKeys) {
  Parts p;
  p.with_hexsha = false;
  RecordCheckResult r = Check(Line(p));
  EXPECT_EQ(r.failed, Bit(RecordCheck::kRequiredKeys));
  EXPECT_NE(r.details[0].find("metadata.hexsha"), std::string::npos);
}

TEST(RecordChecker, LineThatIsNotJsonFailsRequiredKeysWithoutCrashing) {
  for (std::string line : {"{not json", "[1, 2]", "", "\"text\"", "{\"messages\": 5}"}) {
    RecordCheckResult r = Check(line);
    EXPECT_EQ(r.failed, Bit(RecordCheck::kRequiredKeys)) << line;
  }
}

TEST(RecordChecker, WrongRoleOrderFailsOnlyRoles) {
  Parts p;
  p.roles = {"user", "tool"};
  EXPECT_EQ(Check(Line(p)).failed, Bit(RecordCheck::kRoles));
  p.roles = {"user", "assistant", "assistant"};
  EXPECT_EQ(Check(Line(p)).failed, Bit(RecordCheck::kRoles));
  p.roles = {"assistant", "user"};
  p.swapped = true;
  RecordCheckResult r = Check(Line(p));
  EXPECT_EQ(r.failed, Bit(RecordCheck::kRoles));
  EXPECT_EQ(r.manifest, kManifest);
}

TEST(RecordChecker, AssistantContentThatIsNotJsonFailsOnlyAssistantJson) {
  Parts p;
  p.call = "apply_manifest(" + std::string(kManifest) + ")";
  RecordCheckResult r = Check(Line(p));
  EXPECT_EQ(r.failed, Bit(RecordCheck::kAssistantJson));
}

TEST(RecordChecker, OtherToolOrMissingManifestFailsOnlyToolCall) {
  Parts p;
  std::string call;
  JsonWriter w(&call);
  w.BeginObject().Field("tool", "kubectl_apply").Key("params").BeginObject();
  w.Field("manifest_content", kManifest).EndObject().EndObject();
  p.call = call;
  EXPECT_EQ(Check(Line(p)).failed, Bit(RecordCheck::kToolCall));
  p.call = R"({"tool": "apply_manifest", "params": {"manifest_content": 42}})";
  EXPECT_EQ(Check(Line(p)).failed, Bit(RecordCheck::kToolCall));
}

TEST(RecordChecker, ManifestThatIsNotKubernetesFailsOnlyManifestK8s) {
  Parts p;
  p.call = ToolCallJson("name: just-a-config\nreplicas: 2\n");
  EXPECT_EQ(Check(Line(p)).failed, Bit(RecordCheck::kManifestK8s));
  p.call = ToolCallJson("apiVersion: v1\nkind: [unclosed\n");
  EXPECT_EQ(Check(Line(p)).failed, Bit(RecordCheck::kManifestK8s));
}

TEST(RecordChecker, TextClassInManifestFailsOnlyPiiLeak) {
  Parts p;
  p.call = ToolCallJson(std::string(kManifest) + "# contact ops@example.com at 8.8.8.8\n");
  RecordCheckResult r = Check(Line(p));
  EXPECT_EQ(r.failed, Bit(RecordCheck::kPiiLeak));
  EXPECT_EQ(r.leaks[static_cast<int>(RedactionClass::kEmail)], 1);
  EXPECT_EQ(r.leaks[static_cast<int>(RedactionClass::kIpv4)], 1);
  // The report names classes and counts, never the leaked text.
  EXPECT_EQ(r.details[5].find("ops@example.com"), std::string::npos);
}

TEST(RecordChecker, ApiKeyInPromptFailsOnlyPiiLeak) {
  Parts p;
  p.prompt = "Apply with key sk-abcdefghijklmnopqrstuvwx";
  RecordCheckResult r = Check(Line(p));
  EXPECT_EQ(r.failed, Bit(RecordCheck::kPiiLeak));
  EXPECT_EQ(r.leaks[static_cast<int>(RedactionClass::kApiKey)], 1);
}

TEST(RecordChecker, UnredactedCredentialValueFailsOnlyPiiLeak) {
  Parts p;
  std::string manifest = kManifest;
  manifest.replace(manifest.find("\"REDACTED_CREDS\""), 16, "hunter2");
  p.call = ToolCallJson(manifest);
  RecordCheckResult r = Check(Line(p));
  EXPECT_EQ(r.failed, Bit(RecordCheck::kPiiLeak));
  EXPECT_EQ(r.leaks[static_cast<int>(RedactionClass::kCredential)], 1);
}

TEST(RecordChecker, RedactedBlockScalarAndAnchoredCredentialAreNotLeaks) {
  Parts p;
  p.call = ToolCallJson(
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  token: &t REDACTED_CREDS\n"
      "  other_token: *t\n  private_key: REDACTED_CREDS\n\n  flag: 'REDACTED_CREDS'\n"
      "automountServiceAccountToken: false\n");
  EXPECT_TRUE(Check(Line(p)).ok());
}

}  // namespace
}  // namespace automend
