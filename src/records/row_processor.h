// RowProcessor: what preprocess does to one row after dedup: the encoding check and six
// gates, redaction, re-validation, the prompt, and the record line. Built once from the
// Config; Process() is const and thread-safe (each call uses its own thread's scratch).
#pragma once

#include <string>

#include "config/config.h"
#include "gates/escaped_gates.h"
#include "gates/gate_chain.h"
#include "records/prompt.h"
#include "redact/redactor.h"
#include "sources/row.h"

namespace automend {

struct RowOutcome {
  GateReason reason = GateReason::kPass;
  std::string detail;
  RedactionCounts redactions{};
  SecretCounts secrets{};  // the secret class per rule
  std::string iac_type;
  std::string prompt_type;
};

class RowProcessor {
 public:
  explicit RowProcessor(const Config& config);
  RowProcessor(const RowProcessor&) = delete;  // escaped_gates_ refers to gates_
  RowProcessor& operator=(const RowProcessor&) = delete;

  // On a pass appends the record line to `records`, and when `manifest` is given stores
  // the redacted content there (diagnose compares it with what the record decodes to).
  RowOutcome Process(const Row& row, std::string* records, std::string* manifest = nullptr) const;

  // Process() for a row whose content may still be escaped (SourceOptions::escaped_content):
  // a row EscapedGates rejects is never decoded; any other is decoded first.
  RowOutcome ProcessLazily(Row* row, std::string* records) const;

  const GateChain& gates() const { return gates_; }
  const Redactor& redactor() const { return redactor_; }

 private:
  GateChain gates_;
  EscapedGates escaped_gates_;  // refers to gates_
  Redactor redactor_;
  PromptBuilder prompts_;
};

}  // namespace automend
