#include "quality/anomaly_rules.h"

#include <fmt/format.h>

namespace automend {
namespace {

constexpr std::string_view kPiiCheck = "pii_leak";

}  // namespace

int64_t SchemaSummary::Violations(std::string_view check) const {
  for (const auto& [name, n] : violation_counts)
    if (name == check) return n;
  return 0;
}

Status ReadSchemaSummary(const JsonValue& report, const std::string& name, SchemaSummary* out) {
  *out = SchemaSummary();
  auto bad = [&](std::string_view what) {
    return Status::Corruption(fmt::format("{}: {} (run validate first?)", name, what));
  };
  if (!report.is_object()) return bad("not a JSON object");
  const JsonValue* total = report.Find("total");
  if (!total || !total->is_int() || total->as_int() < 0)
    return bad("no non-negative integer 'total'");
  out->total = total->as_int();
  const JsonValue* rate = report.Find("pass_rate_pct");
  if (!rate || !rate->is_number()) return bad("no number 'pass_rate_pct'");
  out->pass_rate_pct = rate->as_double();
  const JsonValue* counts = report.Find("violation_counts");
  if (!counts || !counts->is_object()) return bad("no object 'violation_counts'");
  for (const auto& [check, n] : counts->object()) {
    if (!n.is_int() || n.as_int() < 0)
      return bad(fmt::format("violation_counts.{} is not a non-negative integer", check));
    out->violation_counts.emplace_back(check, n.as_int());
  }
  return Status::OK();
}

void Anomaly::WriteJson(JsonWriter* w) const {
  w->BeginObject().Field("rule", rule);
  if (!check.empty()) w->Field("check", check);
  w->Field("message", message);
  if (integral) {
    w->Field("value", static_cast<int64_t>(value))
        .Field("threshold", static_cast<int64_t>(threshold));
  } else {
    w->Field("value", value).Field("threshold", threshold);
  }
  w->EndObject();
}

std::vector<Anomaly> FindAnomalies(const Config& config, const SchemaSummary& s) {
  std::vector<Anomaly> found;
  if (s.total > 0 && s.pass_rate_pct < config.min_pass_rate_pct) {
    found.push_back({"pass_rate", "",
                     fmt::format("schema pass rate {:.2f}% is below {:g}%", s.pass_rate_pct,
                                 config.min_pass_rate_pct),
                     s.pass_rate_pct, config.min_pass_rate_pct, false});
  }
  if (int64_t leaks = s.Violations(kPiiCheck); leaks > 0) {
    found.push_back({"pii_leak", "",
                     fmt::format("{} record(s) still contain personal data or secrets", leaks),
                     static_cast<double>(leaks), 0, true});
  }
  for (const auto& [check, n] : s.violation_counts) {
    if (n <= config.max_violations_per_check) continue;
    found.push_back({"violations_per_check", check,
                     fmt::format("{} records fail the {} check (more than {})", n, check,
                                 config.max_violations_per_check),
                     static_cast<double>(n), static_cast<double>(config.max_violations_per_check),
                     true});
  }
  if (s.total < config.min_records) {
    found.push_back({"min_records", "",
                     fmt::format("only {} record(s), fewer than {}", s.total, config.min_records),
                     static_cast<double>(s.total), static_cast<double>(config.min_records), true});
  }
  return found;
}

bool HasPiiLeak(const SchemaSummary& s) { return s.Violations(kPiiCheck) > 0; }

}  // namespace automend
