// Fuzzes the YAML gate and the redactor together, through RowProcessor as preprocess runs
// them. For any bytes as a row's content: never a crash (ASan/UBSan watch), and when a
// record comes out, its manifest parses again (YamlStream, the gate's parser), passes the
// Kubernetes check, and no text class or secret rule fires on it (the validate stage's
// leak check); a manifest with no redaction is the content itself.
//
// One exception, from the spec itself: its e-mail expression, applied once as the spec
// says, can leave an address behind in a chain such as "a@b.cc@d.ee" (the first match ends
// at "cc", and the next may not start inside it), giving "REDACTED_EMAIL@d.ee". An e-mail
// match whose local part holds the e-mail token is that case and is allowed; any other
// match is a leak (docs/fuzzing.md).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "config/config.h"
#include "core/json/json_reader.h"
#include "gates/k8s_check.h"
#include "records/row_processor.h"
#include "redact/text_scanners.h"
#include "yaml/yaml_document.h"

namespace {

using namespace automend;

const RowProcessor& Processor() {
  static const RowProcessor* processor = [] {
    Config config;
    config.min_bytes = 0;              // small inputs reach the YAML gate
    config.keywords = {"apiversion"};  // what the k8s gate needs anyway
    return new RowProcessor(config);
  }();
  return *processor;
}

[[noreturn]] void Fail(const char* what, std::string_view content) {
  std::fprintf(stderr, "invariant broken: %s\n--- content (%zu bytes)\n%.*s\n---\n", what,
               content.size(), static_cast<int>(content.size()), content.data());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Row row;
  row.path = "fuzz.yaml";
  row.hexsha = "0";
  row.licenses = {"MIT"};
  row.owned_content.assign(reinterpret_cast<const char*>(data), size);
  std::string records;
  RowOutcome outcome = Processor().Process(row, &records);
  if (outcome.reason != GateReason::kPass) {
    if (!records.empty()) Fail("a rejected row wrote a record", row.content());
    return 0;
  }
  JsonValue record, call;
  if (records.empty() || records.back() != '\n' || !ParseJson(records, &record).ok())
    Fail("record line is not one JSON value", row.content());
  const JsonValue* messages = record.Find("messages");
  if (!messages || !messages->is_array() || messages->array().size() != 2)
    Fail("record without two messages", row.content());
  const JsonValue* content = messages->array()[1].Find("content");
  if (!content || !content->is_string() || !ParseJson(content->as_string(), &call).ok())
    Fail("assistant content is not JSON", row.content());
  const JsonValue* params = call.Find("params");
  const JsonValue* manifest = params ? params->Find("manifest_content") : nullptr;
  if (!manifest || !manifest->is_string()) Fail("no manifest_content", row.content());
  const std::string& text = manifest->as_string();

  int64_t redactions = 0;
  for (int64_t n : outcome.redactions) redactions += n;
  if (redactions == 0 && text != row.content()) Fail("unredacted manifest differs", row.content());
  thread_local YamlStream yaml;
  std::vector<K8sObject> objects;
  std::string why;
  if (!yaml.Parse(text) || !yaml.nonstandard_tag().empty() ||
      !CheckKubernetesDocuments(yaml, &objects, &why))
    Fail("manifest does not pass gates 5-6 again", row.content());
  RedactionCounts leaks = Processor().redactor().CountTextMatches(text);
  for (int c = 0; c < kRedactionClassCount; ++c)
    if (leaks[c] != 0 && c != static_cast<int>(RedactionClass::kEmail))
      Fail("a text class or secret rule fires on the manifest", row.content());
  TextMatch m;
  for (size_t from = 0; FindEmail(text, from, &m); from = m.end) {
    std::string_view address(text.data() + m.begin, m.end - m.begin);
    if (address.substr(0, address.find('@')).find(kEmailToken) == std::string_view::npos)
      Fail("an e-mail address is left in the manifest", row.content());
  }
  return 0;
}
