#include "records/row_processor.h"

#include "records/record.h"

namespace automend {

RowProcessor::RowProcessor(const Config& config)
    : gates_(config), escaped_gates_(gates_), redactor_(config), prompts_(config) {}

RowOutcome RowProcessor::ProcessLazily(Row* row, std::string* records) const {
  if (row->content_escaped()) {
    RowOutcome out;
    out.reason = escaped_gates_.Reject(*row);
    if (out.reason != GateReason::kPass) return out;
    row->DecodeContent();
  }
  return Process(*row, records);
}

RowOutcome RowProcessor::Process(const Row& row, std::string* records, std::string* manifest) const {
  thread_local YamlStream yaml;
  RowOutcome out;
  GateOutcome gate = gates_.Check(row, &yaml);
  if (gate.reason != GateReason::kPass) {
    out.reason = gate.reason;
    out.detail = std::move(gate.detail);
    return out;
  }
  RedactionResult redacted;
  redactor_.Redact(row.content(), yaml, &redacted);
  std::vector<K8sObject>& objects = gate.objects;
  // Unchanged text passed already; changed text must pass gates 5 and 6 again.
  if (redacted.total() > 0) {
    std::string why;
    if (!gates_.PassesYaml(redacted.text, &yaml, &why) ||
        !CheckKubernetesDocuments(yaml, &objects, &why)) {
      out.reason = GateReason::kRevalidate;
      out.detail = std::move(why);
      return out;
    }
  }
  out.redactions = redacted.counts;
  out.secrets = redacted.secrets;
  Prompt prompt = prompts_.Build(row.path);
  out.iac_type = std::string(IacType(objects));
  out.prompt_type = prompt.type;
  RecordFields f;
  f.prompt = prompt.text;
  f.manifest = redacted.text;
  f.hexsha = row.hexsha;
  f.repo = row.repo;
  f.path = row.path;
  f.licenses = &row.licenses;
  f.iac_type = out.iac_type;
  f.prompt_type = out.prompt_type;
  f.size_bytes = static_cast<int64_t>(row.content().size());
  f.redactions = redacted.total();
  AppendRecordLine(f, records);
  if (manifest) *manifest = std::move(redacted.text);
  return out;
}

}  // namespace automend
