#include "gates/escaped_gates.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <random>

#include "core/hash.h"
#include "core/text/utf8.h"
#include "sources/jsonl_source.h"
#include "records/row_processor.h"

namespace automend {
namespace {

// A JSONL row whose content literal has the body `body`, escapes as written.
std::string Line(std::string_view body, std::string_view path = "k8s/gpu.yaml",
                 std::string_view licenses = R"(["MIT"])", bool hexsha = true) {
  std::string line = "{";
  if (hexsha) line += R"("hexsha": "0123abcd", )";
  line += R"("max_stars_repo_path": ")" + std::string(path) + R"(", "max_stars_repo_licenses": )";
  line += std::string(licenses) + R"(, "content": ")" + std::string(body) + "\"}";
  return line;
}

// Reads a line as preprocess does (content left escaped where the source may) and as the
// other stages do (decoded); the first borrows from `line`.
struct BothReadings {
  Row escaped;
  Row decoded;
};

BothReadings Read(const std::string& line) {
  BothReadings r;
  RowError error;
  EXPECT_TRUE(DecodeStackRow(line, "rows.jsonl:1", &r.escaped, &error, true)) << error.detail;
  EXPECT_TRUE(DecodeStackRow(line, "rows.jsonl:1", &r.decoded, &error, false)) << error.detail;
  EXPECT_FALSE(r.decoded.content_escaped());
  EXPECT_EQ(r.escaped.content_size(), r.decoded.content().size()) << line;
  EXPECT_EQ(r.escaped.hexsha, r.decoded.hexsha);
  return r;
}
BothReadings Read(std::string&& line) = delete;  // the escaped row would outlive the line

class EscapedGatesTest : public ::testing::Test {
 protected:
  explicit EscapedGatesTest(Config config = Config()) : config_(std::move(config)) {}

  // What EscapedGates decides on the escaped reading (kPass: undecided; the row must then
  // be escaped at all), after checking the whole preprocessing of that reading against
  // the decoded one: same outcome, same detail, same record.
  GateReason Early(const std::string& line) {
    BothReadings r = Read(line);
    GateReason early = r.escaped.content_escaped() ? escaped_.Reject(r.escaped) : GateReason::kPass;
    std::string lazy_records, records;
    RowOutcome lazy = processor_.ProcessLazily(&r.escaped, &lazy_records);
    RowOutcome full = processor_.Process(r.decoded, &records);
    EXPECT_EQ(lazy.reason, full.reason) << line;
    EXPECT_EQ(lazy.detail, full.detail) << line;
    EXPECT_EQ(lazy_records, records) << line;
    if (early != GateReason::kPass) {
      EXPECT_EQ(early, full.reason) << line;
    }
    last_full_ = full.reason;
    return early;
  }
  // What GateChain decides on the decoded reading of the line last given to Early().
  GateReason Full() const { return last_full_; }

  static bool StaysEscaped(const std::string& line) { return Read(line).escaped.content_escaped(); }

  Config config_;
  GateChain gates_{config_};
  EscapedGates escaped_{gates_};
  RowProcessor processor_{config_};
  GateReason last_full_ = GateReason::kPass;
};

// A manifest that passes every gate, as a JSON string body; `keyword` is spliced in.
std::string Manifest(std::string_view keyword) {
  return "apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: server\\n  labels:\\n    gpu: \\\"" +
         std::string(keyword) + "\\\"\\n# " + std::string(200, 'x') + "\\n";
}

TEST_F(EscapedGatesTest, CheapRejectionsWithoutDecoding) {
  EXPECT_EQ(Early(Line(Manifest("none"), "a.json")), GateReason::kExt);
  EXPECT_EQ(Early(Line("kind: Pod\\n# kserve\\n")), GateReason::kSize);
  EXPECT_EQ(Early(Line(Manifest("kserve"), "a.yaml", R"(["GPL-3.0"])")), GateReason::kLicense);
  EXPECT_EQ(Early(Line(Manifest("none"))), GateReason::kKeyword);
  EXPECT_EQ(Early(Line(Manifest("KServe"))), GateReason::kPass);  // decoded, then passes
  EXPECT_EQ(Full(), GateReason::kPass);
}

TEST_F(EscapedGatesTest, NeedlessUnicodeEscapeIsDecodedBySource) {
  // "\u006bserve" is "kserve": on the escaped text the keyword would be missed.
  std::string line = Line(Manifest("\\u006bserve"));
  EXPECT_FALSE(StaysEscaped(line));
  EXPECT_EQ(Early(line), GateReason::kPass);
  EXPECT_EQ(Full(), GateReason::kPass);
}

TEST_F(EscapedGatesTest, UnicodeEscapesOfNonAsciiCharactersAreDecidedEscaped) {
  // Two bytes decoded from six written, four from twelve.
  std::string line = Line(std::string(196, 'a') + "\\u00e9\\u00e9");  // 200 decoded
  EXPECT_TRUE(StaysEscaped(line));
  EXPECT_EQ(Early(line), GateReason::kKeyword);
  line = Line(std::string(195, 'a') + "\\ud83d\\ude00");  // 199 decoded, 207 written
  EXPECT_TRUE(StaysEscaped(line));
  EXPECT_EQ(Early(line), GateReason::kSize);
  line = Line(Manifest("kserve \\u00e9\\u0009"));
  EXPECT_TRUE(StaysEscaped(line));
  EXPECT_EQ(Early(line), GateReason::kPass);
  EXPECT_EQ(Full(), GateReason::kPass);
  // A raw byte cut off before an escape is invalid both ways; the encoding check is left
  // to GateChain for its detail.
  line = Line(Manifest("kserve \xC3\\u00a9"));
  EXPECT_TRUE(StaysEscaped(line));
  EXPECT_EQ(Early(line), GateReason::kPass);
  EXPECT_EQ(Full(), GateReason::kEncoding);
}

TEST_F(EscapedGatesTest, LoneSurrogateIsDecodedBySource) {
  // "\xC3" and "\udca9" (surrogateescape for the byte 0xA9) decode to a valid "é".
  std::string line = Line(Manifest("kserve \xC3\\udca9"));
  EXPECT_FALSE(StaysEscaped(line));
  EXPECT_EQ(Early(line), GateReason::kPass);
  EXPECT_EQ(Full(), GateReason::kPass);
}

TEST_F(EscapedGatesTest, SlashEscapeIsDecodedBySourceForSlashKeywords) {
  std::string line = Line(Manifest("nvidia.com\\/gpu"));
  EXPECT_FALSE(StaysEscaped(line));
  EXPECT_EQ(Early(line), GateReason::kPass);
  EXPECT_EQ(Full(), GateReason::kPass);  // "nvidia.com/gpu" once decoded
}

TEST_F(EscapedGatesTest, RawMatchWithoutDecodedMatchIsDecidedByDecoding) {
  // "\nvidia.com/gpu" is a newline and "vidia.com/gpu": the escaped text matches, the
  // decoded one does not.
  std::string line = Line(Manifest("none") + "\\nvidia.com/gpu");
  EXPECT_TRUE(StaysEscaped(line));
  EXPECT_EQ(Early(line), GateReason::kPass);
  EXPECT_EQ(Full(), GateReason::kKeyword);
  // "\\nvidia.com/gpu" is a backslash and "nvidia.com/gpu": both match.
  line = Line(Manifest("\\\\nvidia.com/gpu"));
  EXPECT_EQ(Early(line), GateReason::kPass);
  EXPECT_EQ(Full(), GateReason::kPass);
}

TEST_F(EscapedGatesTest, BackslashPairsCountAsOneByteEach) {
  // "\\\\" is two backslashes; "\\\\\n" two backslashes and a newline.
  std::string line = Line(std::string(196, 'a') + "\\\\\\\\");  // 198 decoded bytes
  EXPECT_EQ(Early(line), GateReason::kSize);
  line = Line(std::string(197, 'a') + "\\\\\\\\\\n");  // 200
  EXPECT_EQ(Early(line), GateReason::kKeyword);
  line = Line(std::string(200, 'a') + "\\\\\\nvidia.com/gpu");  // backslash, newline, vidia
  EXPECT_EQ(Early(line), GateReason::kPass);
  EXPECT_EQ(Full(), GateReason::kKeyword);
}

TEST_F(EscapedGatesTest, SizeBoundsCountDecodedBytes) {
  // 100 escapes: 300 bytes written, 200 decoded.
  std::string at_min;
  for (int i = 0; i < 100; ++i) at_min += "a\\n";
  ASSERT_EQ(at_min.size(), 300u);
  EXPECT_EQ(Early(Line(at_min)), GateReason::kKeyword);  // in range: the next gate decides
  EXPECT_EQ(Early(Line(at_min.substr(1))), GateReason::kSize);  // 199 decoded, 299 written
  std::string at_max = std::string(204800 - 1000, 'a');
  for (int i = 0; i < 1000; ++i) at_max += "\\t";  // 204800 decoded, 205800 written
  EXPECT_EQ(Early(Line(at_max)), GateReason::kKeyword);
  EXPECT_EQ(Early(Line(at_max + "\\\"")), GateReason::kSize);  // 204801
  EXPECT_EQ(Early(Line(at_max.substr(1) + "\\\"")), GateReason::kKeyword);  // 204800
}

TEST_F(EscapedGatesTest, InvalidUtf8IsLeftToGateChainForItsDetail) {
  std::string body = "# \\n\\n\xFF" + Manifest("none");
  EXPECT_TRUE(StaysEscaped(Line(body, "a.txt")));
  EXPECT_EQ(Early(Line(body, "a.txt")), GateReason::kPass);  // encoding comes before ext
  EXPECT_EQ(Full(), GateReason::kEncoding);
  const std::string line = Line(body);  // outlives `r`, whose escaped row borrows from it
  BothReadings r = Read(line);
  std::string records;
  EXPECT_EQ(processor_.ProcessLazily(&r.escaped, &records).detail,
            "invalid UTF-8 at byte 4");  // of the decoded text, not of the escaped one
  // A truncated sequence at the end, and a valid one.
  EXPECT_EQ(Early(Line(Manifest("none") + "\xC3")), GateReason::kPass);
  EXPECT_EQ(Full(), GateReason::kEncoding);
  EXPECT_EQ(Early(Line(Manifest("none") + "\xC3\xA9")), GateReason::kKeyword);
}

TEST_F(EscapedGatesTest, MissingHexshaIsComputedFromDecodedContent) {
  std::string line = Line(Manifest("none"), "a.yaml", R"(["MIT"])", /*hexsha=*/false);
  BothReadings r = Read(line);
  EXPECT_FALSE(r.escaped.content_escaped());
  EXPECT_EQ(r.escaped.hexsha, GitBlobSha1(r.decoded.content()));
  EXPECT_EQ(Early(line), GateReason::kPass);
  EXPECT_EQ(Full(), GateReason::kKeyword);
}

TEST_F(EscapedGatesTest, OtherStagesGetDecodedRows) {
  Row row;
  RowError error;
  std::string line = Line(Manifest("none"));
  ASSERT_TRUE(DecodeStackRow(line, "rows.jsonl:1", &row, &error));
  EXPECT_FALSE(row.content_escaped());
  EXPECT_EQ(row.content().substr(0, 15), "apiVersion: v1\n");
}

Config WithKeywords(std::vector<std::string> keywords) {
  Config c;
  c.keywords = std::move(keywords);
  return c;
}

class EscapedGatesQuoteKeywordTest : public EscapedGatesTest {
 protected:
  EscapedGatesQuoteKeywordTest() : EscapedGatesTest(WithKeywords({"kserve", "say \"hi\""})) {}
};

TEST_F(EscapedGatesQuoteKeywordTest, KeywordsWithEscapedCharactersAreNeverDecidedEscaped) {
  EXPECT_FALSE(escaped_.keywords_decidable());
  std::string line = Line(Manifest("none") + "# say \\\"hi\\\"");
  EXPECT_EQ(Early(line), GateReason::kPass);
  EXPECT_EQ(Full(), GateReason::kPass);
  EXPECT_EQ(Early(Line(Manifest("none"), "a.json")), GateReason::kExt);  // others still decided
}

// Differential: random contents built from the pieces that make escapes matter, written
// with random (valid) choices of escaping, under tight size bounds, must give the same
// outcome and record read lazily as decoded.
class EscapedGatesRandomTest : public EscapedGatesTest {
 protected:
  static Config Tight() {
    Config c;
    c.min_bytes = 30;
    c.max_bytes = 90;
    return c;
  }
  EscapedGatesRandomTest() : EscapedGatesTest(Tight()) {}
};

TEST_F(EscapedGatesRandomTest, SameOutcomeAsDecodedRows) {
  const std::vector<std::string> pieces = {
      "a", "n", "vidia.com/gpu", "nvidia.com/gpu", "\n", "\"", "\\", "/", "kserve", "KSERVE",
      "\xC3\xA9", "\xFF", "\t", "apiVersion: v1\nkind: Pod\n", " ", "u006b", "x: 1\n",
      "\xC3", "\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\x1B"};
  std::mt19937 rng(20261125);
  auto chance = [&](int percent) { return static_cast<int>(rng() % 100) < percent; };
  int early = 0, early_unicode = 0;
  for (int round = 0; round < 40000; ++round) {
    std::string body;
    size_t n = rng() % 14;
    for (size_t i = 0; i < n; ++i) {
      const std::string& piece = pieces[rng() % pieces.size()];
      const Utf8Check check = CheckUtf8(piece);
      size_t at = 0;
      const uint32_t cp = check.valid && !check.ascii ? DecodeUtf8(piece, &at) : 0;
      if (cp >= 0x80 && at == piece.size() && chance(40)) {  // one character, as \u escapes
        if (cp < 0x10000) {
          body += fmt::format("\\u{:04x}", cp);
        } else {
          body += fmt::format("\\u{:04X}\\u{:04x}", 0xD800 + ((cp - 0x10000) >> 10),
                              0xDC00 + ((cp - 0x10000) & 0x3FF));
        }
        continue;
      }
      for (char c : piece) {
        auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
          body += chance(80) ? std::string{'\\', c} : fmt::format("\\u{:04x}", u);
        } else if (c == '\n' || c == '\t') {
          body += chance(80) ? (c == '\n' ? "\\n" : "\\t") : fmt::format("\\u{:04X}", u);
        } else if (u < 0x20) {
          body += fmt::format("\\u{:04x}", u);
        } else if (c == '/') {
          body += chance(80) ? "/" : "\\/";
        } else if (u >= 0x80) {
          body += chance(70) ? std::string{c} : fmt::format("\\udc{:02x}", u);  // surrogateescape
        } else {
          body += chance(98) ? std::string{c} : fmt::format("\\u{:04x}", u);
        }
      }
    }
    std::string line = Line(body, chance(80) ? "x.yaml" : "x.txt",
                            chance(80) ? R"(["MIT"])" : R"(["GPL-3.0"])", chance(95));
    if (Early(line) != GateReason::kPass) {
      ++early;
      early_unicode += Read(line).escaped.escaped_content.unicode_escape;
    }
    if (HasFailure()) break;
  }
  EXPECT_GT(early, 8000);  // the escaped path was exercised, also with \u escapes
  EXPECT_GT(early_unicode, 1000);
}

}  // namespace
}  // namespace automend
