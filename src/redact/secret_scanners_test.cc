#include "redact/secret_scanners.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace automend {
namespace {

using V = std::vector<std::string>;

// Every span `rule` would replace in `text`, in order.
V All(SecretRule rule, std::string_view text) {
  V out;
  SecretMatch m;
  size_t from = 0;
  while (FindSecret(rule, text, from, &m)) {
    out.emplace_back(text.substr(m.begin, m.end - m.begin));
    from = m.end;
  }
  return out;
}

std::string Repeat(std::string_view unit, size_t length) {
  std::string s;
  while (s.size() < length) s += unit;
  return s.substr(0, length);
}

const std::string kAwsId = "AKIAIOSFODNN7EXAMPLE";
const std::string kAwsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const std::string kGitSha = "3f786850e387550fdab836ed7e6dc881de23001b";
const std::string kDigest =
    "sha256:6a0f1f5c0b3e8c6d1c9d3f8e2b4a7c5d9e1f0a2b3c4d5e6f7a8b9c0d1e2f3a4b";
const std::string kUuid = "123e4567-e89b-12d3-a456-426614174000";
const std::string kJwt =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0."
    "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

// Look-alikes that no rule may touch.
TEST(SecretScanners, LookalikesSurviveEveryRule) {
  const std::string text =
      "image: registry.example/app@" + kDigest + "\n# built from commit " + kGitSha +
      "\nid: " + kUuid + "\nchecksum: " + kAwsSecret +
      "\ndata: eyJhIjoxfQ==\n"
      "note: tokens look like ghp_ followed by 36 characters; set hf_transfer: true\n"
      "word: MAKIAIOSFODNN7EXAMPLE and AKIAIOSFODNN7EXAMPLEX and AKIAiosfodnn7example\n"
      "url: https://host.example:8443/path?x=1 git@github.com:org/repo.git https://user@host\n"
      "cert: -----BEGIN CERTIFICATE----- MIIB -----END CERTIFICATE-----\n"
      "pub: -----BEGIN PUBLIC KEY-----\\nMIIB\\n-----END PUBLIC KEY-----\n"
      "slack: https://hooks.slack.com/services/XXX/YYY/ZZZ xoxb-123 AIzaShort\n"
      "b64: dGhpcyBpcyBub3QgYSBrZXkgYXQgYWxsLCBqdXN0IHRleHQgZm9yIHRlc3Rpbmc=\n";
  for (int i = 0; i < kSecretRuleCount; ++i) {
    auto rule = static_cast<SecretRule>(i);
    EXPECT_EQ(All(rule, text), V{}) << SecretRuleName(rule);
  }
}

TEST(SecretScanners, PemPrivateKeyBlockIsReplacedWhole) {
  const std::string block =
      "-----BEGIN RSA PRIVATE KEY-----\n    MIIEpAIBAAKCAQEA+x/y=\n    abc\n"
      "    -----END RSA PRIVATE KEY-----";
  EXPECT_EQ(All(SecretRule::kPemPrivateKey, "key: |\n    " + block + "\nnext: 1\n"), V{block});
  const std::string escaped =
      "-----BEGIN PRIVATE KEY-----\\nMIIEvQ\\nAB+/=\\n-----END PRIVATE KEY-----";
  EXPECT_EQ(All(SecretRule::kPemPrivateKey, "{\"private_key\": \"" + escaped + "\\n\"}"),
            V{escaped});
  const std::string encrypted =
      "-----BEGIN EC PRIVATE KEY-----\r\nProc-Type: 4,ENCRYPTED\r\nDEK-Info: AES-128-CBC,0A1B\r\n"
      "\r\nMHcC\r\n-----END EC PRIVATE KEY-----";
  EXPECT_EQ(All(SecretRule::kPemPrivateKey, encrypted), V{encrypted});
  const std::string comment =
      "-----BEGIN OPENSSH PRIVATE KEY-----\n# b3BlbnNzaC1rZXk\n# -----END OPENSSH PRIVATE KEY-----";
  EXPECT_EQ(All(SecretRule::kPemPrivateKey, "# " + comment + "\n"), V{comment});
  const std::string pgp =
      "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOY\n-----END PGP PRIVATE KEY BLOCK-----";
  EXPECT_EQ(All(SecretRule::kPemPrivateKey, pgp), V{pgp});
}

TEST(SecretScanners, PemNeedsAnEndReachedThroughKeyCharacters) {
  EXPECT_EQ(All(SecretRule::kPemPrivateKey, "-----BEGIN PRIVATE KEY-----\nMIIE\n"), V{});
  // A quote, brace or dot between the markers means they are not one block.
  EXPECT_EQ(All(SecretRule::kPemPrivateKey,
                "a: \"-----BEGIN PRIVATE KEY-----\"\nb: \"-----END PRIVATE KEY-----\"\n"),
            V{});
  // Many BEGIN markers without an END: found nothing, in linear time.
  EXPECT_EQ(All(SecretRule::kPemPrivateKey, Repeat("-----BEGIN PRIVATE KEY-----\n", 1 << 20)), V{});
  // The first END closes the block (lazy), a second block is found after it.
  const std::string one = "-----BEGIN PRIVATE KEY-----\nAA\n-----END PRIVATE KEY-----";
  EXPECT_EQ(All(SecretRule::kPemPrivateKey, one + "\n" + one), (V{one, one}));
}

TEST(SecretScanners, UrlBasicAuthReplacesUserAndPassword) {
  EXPECT_EQ(All(SecretRule::kUrlBasicAuth,
                "db: postgresql://mlflow:s3cr3t!@postgres:5432/mlflow redis://:pw@redis:6379"),
            (V{"mlflow:s3cr3t!@", ":pw@"}));
  // The authority ends at the last '@' before '/', so an unencoded '@' in a password goes too.
  EXPECT_EQ(All(SecretRule::kUrlBasicAuth, "https://bob:p@ss@host/x?mail=a@b"), V{"bob:p@ss@"});
  EXPECT_EQ(All(SecretRule::kUrlBasicAuth, "mongodb+srv://u:p@c0 jdbc:mysql://root:pw@db:3306"),
            (V{"u:p@", "root:pw@"}));
}

TEST(SecretScanners, UrlBasicAuthTakesWhatTheEmailClassLeftOfAPassword) {
  SecretMatch m;
  std::string text = "https://user:Sup3r!REDACTED_EMAIL:5432/db";
  ASSERT_TRUE(FindUrlBasicAuth(text, 0, &m));
  EXPECT_EQ(text.substr(m.begin, m.end - m.begin), "user:Sup3r!REDACTED_EMAIL");
  EXPECT_EQ(m.replacement, "REDACTED_SECRET@REDACTED_EMAIL");
  EXPECT_EQ(All(SecretRule::kUrlBasicAuth, "https://user:REDACTED_EMAIL/x"),
            V{"user:REDACTED_EMAIL"});
  // A user name alone, or an authority with an '@' of its own, is not this form.
  EXPECT_EQ(All(SecretRule::kUrlBasicAuth,
                "https://us!REDACTED_EMAIL https://a:b@REDACTED_EMAIL:1 "
                "x://REDACTED_SECRET@REDACTED_EMAIL"),
            V{"a:b@"});
}

TEST(SecretScanners, UrlBasicAuthKeepsVariablesAndUrlsWithoutPassword) {
  EXPECT_EQ(All(SecretRule::kUrlBasicAuth,
                "postgresql://mlflow:$(DB_PASSWORD)@db:5432 amqp://u:$PASS@mq "
                "https://${USER}:${PASS}@h https://user@h ssh://git@h:22/x "
                "http://h:80/a@b mongodb://%s:%s@%s/admin"),
            V{});
  EXPECT_EQ(All(SecretRule::kUrlBasicAuth, "x://u:$(NOT-A-VAR)@h x://u:$1@h 1://a:b@c"),
            (V{"u:$(NOT-A-VAR)@", "u:$1@", "a:b@"}));
}

TEST(SecretScanners, Jwt) {
  EXPECT_EQ(All(SecretRule::kJwt, "Authorization: Bearer " + kJwt + "\n"), V{kJwt});
  EXPECT_EQ(All(SecretRule::kJwt, "token=" + kJwt + ".extra"), V{kJwt});
  EXPECT_EQ(All(SecretRule::kJwt, "x" + kJwt), V{});                        // inside a word
  EXPECT_EQ(All(SecretRule::kJwt, "eyJhbGci.eyJ.sig"), V{});                // header too short
  EXPECT_EQ(All(SecretRule::kJwt, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIi."), V{});  // no signature
}

TEST(SecretScanners, AwsSecretAccessKeyOnlyInContext) {
  for (const std::string& prefix : std::vector<std::string>{
           "aws_secret_access_key = ", "AWS_SECRET_ACCESS_KEY=", "\"SecretAccessKey\": \"",
           "--aws-secret-access-key ", "fs.s3a.secret.key: '", "secret_key\t:\t", kAwsId + ":",
           kAwsId + ", ", "\"" + kAwsId + "\", \""})
    EXPECT_EQ(All(SecretRule::kAwsSecretAccessKey, prefix + kAwsSecret + "\"\n"), V{kAwsSecret})
        << prefix;
  for (const std::string& text :
       std::vector<std::string>{kAwsSecret, "commit " + kGitSha, "secret_key: " + kAwsSecret + "A",
                                "secret_key: " + kAwsSecret + "==", "secret_key: x" + kAwsSecret,
                                "secretKeyRef: " + kAwsSecret, "secret_key = = " + kAwsSecret,
                                "secret_key_id: " + kAwsSecret, "key: " + kAwsSecret})
    EXPECT_EQ(All(SecretRule::kAwsSecretAccessKey, text), V{}) << text;
  EXPECT_EQ(All(SecretRule::kAwsSecretAccessKey, "secret_key: " + kGitSha), V{kGitSha});
}

TEST(SecretScanners, AwsAccessKeyId) {
  EXPECT_EQ(All(SecretRule::kAwsAccessKeyId, "id: " + kAwsId + ", ASIAY34FZKBOKMUTVV7A-x"),
            (V{kAwsId, "ASIAY34FZKBOKMUTVV7A"}));
  EXPECT_EQ(All(SecretRule::kAwsAccessKeyId, "AGPAIOSFODNN7EXAMPLE AKIAIOSFODNN7EXAMPL"), V{});
}

TEST(SecretScanners, GithubTokens) {
  const std::string body = Repeat("aB3", 36);
  for (const char* kind : {"ghp_", "gho_", "ghu_", "ghs_", "ghr_"})
    EXPECT_EQ(All(SecretRule::kGithubToken, "t=" + std::string(kind) + body + "\n"),
              V{kind + body});
  const std::string pat = "github_pat_" + Repeat("11ABC_def", 82);
  EXPECT_EQ(All(SecretRule::kGithubToken, "- " + pat), V{pat});
  EXPECT_EQ(All(SecretRule::kGithubToken, "ghp_" + body.substr(1)), V{});  // 35 characters
  EXPECT_EQ(All(SecretRule::kGithubToken, "ghp_" + body + "_x"), V{});     // runs into '_'
  EXPECT_EQ(All(SecretRule::kGithubToken, "my_ghp_" + body), V{});
  EXPECT_EQ(All(SecretRule::kGithubToken, "ghx_" + body + " github_pat_short"), V{});
}

TEST(SecretScanners, HuggingfaceToken) {
  const std::string token = "hf_" + Repeat("qJmRtXwYbN", 34);
  EXPECT_EQ(All(SecretRule::kHuggingfaceToken, "HF_TOKEN=" + token), V{token});
  EXPECT_EQ(All(SecretRule::kHuggingfaceToken, token + "aa"), V{token + "aa"});
  EXPECT_EQ(All(SecretRule::kHuggingfaceToken, token.substr(0, 36) + " hf_hub_download x" + token),
            V{});
}

TEST(SecretScanners, SlackTokensAndWebhooks) {
  const std::string bot = "xoxb-1234567890123-1234567890123-" + Repeat("AbCd", 24);
  EXPECT_EQ(All(SecretRule::kSlackToken, "token: " + bot + "\n"), V{bot});
  for (const char* kind : {"xoxp-", "xoxa-", "xoxr-", "xoxs-"})
    EXPECT_EQ(All(SecretRule::kSlackToken, std::string(kind) + "2-1234567890"),
              V{std::string(kind) + "2-1234567890"});
  EXPECT_EQ(All(SecretRule::kSlackToken, "xoxb-123 xoxz-1234567890123 a-xoxb-1234567890123"), V{});
  const std::string path = "T00000000/B00000000/" + Repeat("XyZ1", 24);
  EXPECT_EQ(All(SecretRule::kSlackWebhook, "url: https://hooks.slack.com/services/" + path + "\n"),
            V{path});
  EXPECT_EQ(All(SecretRule::kSlackWebhook,
                "https://hooks.slack.com/services/${WEBHOOK} hooks.slack.com/services/T1/x/y"),
            V{});
}

TEST(SecretScanners, GoogleApiKey) {
  const std::string key = "AIza" + Repeat("SyD-aG_mWK", 35);
  EXPECT_EQ(All(SecretRule::kGoogleApiKey, "key=" + key + "&x"), V{key});
  EXPECT_EQ(All(SecretRule::kGoogleApiKey, key + "A"), V{});
  EXPECT_EQ(All(SecretRule::kGoogleApiKey, key.substr(0, 38)), V{});
  EXPECT_EQ(All(SecretRule::kGoogleApiKey, "-" + key), V{});
}

// Hostile inputs of a few megabytes: each scanner must finish them in linear time (a
// quadratic one would not finish within the test's timeout) with the expected matches.
TEST(SecretScanners, HostileInputsAreScannedInLinearTime) {
  constexpr size_t kBytes = 3 << 20;
  struct Case {
    SecretRule rule;
    std::string text;
    size_t matches;
  };
  const size_t jwt_segments = kBytes / 14 / 3 * 3;
  const Case cases[] = {
      {SecretRule::kPemPrivateKey, Repeat("-----BEGIN PRIVATE KEY-----\n", kBytes), 0},
      {SecretRule::kPemPrivateKey, Repeat("-----END PRIVATE KEY-----", kBytes), 0},
      {SecretRule::kUrlBasicAuth, Repeat("a://b:c", kBytes), 0},
      {SecretRule::kUrlBasicAuth, "x://" + Repeat("a:", kBytes) + "@h", 1},
      {SecretRule::kUrlBasicAuth, Repeat("a://b:REDACTED_EMAIL", kBytes / 20 * 20), kBytes / 20},
      {SecretRule::kJwt, Repeat("eyJaaaaaaaaaa.", jwt_segments * 14), jwt_segments / 3},
      {SecretRule::kAwsSecretAccessKey, Repeat("secret_key ", kBytes), 0},
      {SecretRule::kAwsSecretAccessKey, "secret_key" + std::string(kBytes, ' '), 0},
      {SecretRule::kAwsAccessKeyId, Repeat("AKIA", kBytes), 0},
      {SecretRule::kGithubToken, Repeat("ghp_", kBytes), 0},
      {SecretRule::kGithubToken, "ghp_" + std::string(kBytes, 'a'), 1},
      {SecretRule::kHuggingfaceToken, Repeat("hf_", kBytes), 0},
      {SecretRule::kSlackWebhook, Repeat("hooks.slack.com/services/T", kBytes), 0},
      {SecretRule::kSlackToken, Repeat("xoxb-", kBytes), 1},
      {SecretRule::kGoogleApiKey, Repeat("AIza", kBytes), 0},
  };
  for (const Case& c : cases)
    EXPECT_EQ(All(c.rule, c.text).size(), c.matches)
        << SecretRuleName(c.rule) << ": " << c.text.substr(0, 40);
}

}  // namespace
}  // namespace automend
