#include "stages/anomaly_check.h"

#include <cmath>
#include <memory>

#include "core/io/atomic_file.h"
#include "core/json/json_reader.h"
#include "core/json/json_writer.h"
#include "core/logging.h"
#include "net/curl_http_client.h"
#include "stages/stage_paths.h"

namespace automend {
namespace {

constexpr char kWebhookVariable[] = "SLACK_WEBHOOK_URL";

SlackMessage MessageFor(const AnomalyOutcome& o, const std::string& schema_report) {
  SlackMessage m;
  m.title = fmt::format("AutoMend anomaly check FAILED: {} anomal{} in {} ({} records)",
                        o.anomalies.size(), o.anomalies.size() == 1 ? "y" : "ies", schema_report,
                        o.summary.total);
  for (const auto& a : o.anomalies) m.lines.push_back(a.rule + ": " + a.message);
  return m;
}

}  // namespace

std::string AnomalyOutcome::ToJson(const std::string& schema_report, bool alert_done) const {
  std::string out;
  JsonWriter w(&out, 2);
  w.BeginObject();
  w.Field("status", anomalies.empty() ? "PASS" : "FAIL");
  w.Field("anomalies_found", static_cast<int64_t>(anomalies.size()));
  w.Key("anomalies").BeginArray();
  for (const auto& a : anomalies) a.WriteJson(&w);
  w.EndArray();
  w.Field("pii_leak", pii_leak);
  w.Field("schema_report", schema_report);
  w.Field("total", summary.total).Field("pass_rate_pct", summary.pass_rate_pct);
  w.Key("alert").BeginObject().Field("channel", alert_channel);
  if (alert_channel == "slack") {
    if (alert_done) {
      w.Field("delivered", slack.delivered).Field("http_status", slack.status);
      w.Field("detail", slack.detail);
    } else {
      w.Field("delivered", false).Field("detail", "sending");
    }
  }
  w.EndObject();
  w.EndObject();
  out.push_back('\n');
  return out;
}

Status RunAnomalyCheck(const Config& config, const AnomalyCheckOptions& options,
                       const Environment& env, HttpClient* http, AnomalyOutcome* outcome) {
  *outcome = AnomalyOutcome();
  const std::string input = options.input.empty() ? SchemaReportPath(config) : options.input;
  const std::string report = options.report.empty() ? AnomalyReportPath(config) : options.report;
  AM_LOG_INFO("anomaly-check: {}", input);

  std::string text;
  AUTOMEND_RETURN_IF_ERROR(ReadFileToString(input, &text));
  JsonValue parsed;
  if (Status s = ParseJson(text, &parsed); !s.ok())
    return Status::Corruption(input + ": not JSON: " + s.message());
  AUTOMEND_RETURN_IF_ERROR(ReadSchemaSummary(parsed, input, &outcome->summary));
  outcome->anomalies = FindAnomalies(config, outcome->summary);
  outcome->pii_leak = HasPiiLeak(outcome->summary);

  const std::optional<std::string> webhook = env.Get(kWebhookVariable);
  const bool use_slack = webhook && !webhook->empty();
  outcome->alert_channel = outcome->anomalies.empty() ? "none" : use_slack ? "slack" : "log";
  AUTOMEND_RETURN_IF_ERROR(WriteFileAtomically(report, outcome->ToJson(input, false)));

  if (outcome->alert_channel == "log") {
    for (const auto& a : outcome->anomalies) AM_LOG_CRITICAL("anomaly {}: {}", a.rule, a.message);
  } else if (outcome->alert_channel == "slack") {
    for (const auto& a : outcome->anomalies) AM_LOG_WARN("anomaly {}: {}", a.rule, a.message);
    std::unique_ptr<HttpClient> own;
    if (!http) {
      own = NewCurlHttpClient();
      http = own.get();
    }
    const auto timeout = std::chrono::milliseconds(
        static_cast<int64_t>(std::llround(config.slack_timeout_seconds * 1000)));
    SlackNotifier notifier(http, *webhook, timeout);
    outcome->slack = notifier.Send(MessageFor(*outcome, input));
    AUTOMEND_RETURN_IF_ERROR(WriteFileAtomically(report, outcome->ToJson(input, true)));
  }
  AM_LOG_INFO("anomaly-check: {} with {} anomal{}; wrote {}",
              outcome->anomalies.empty() ? "PASS" : "FAIL", outcome->anomalies.size(),
              outcome->anomalies.size() == 1 ? "y" : "ies", report);

  if (config.fail_on_pii_leak && outcome->pii_leak)
    return Status::DataCheckFailed("PII leak in the records (anomaly.fail_on_pii_leak); see " +
                                   report);
  if (config.fail_on_anomaly && !outcome->anomalies.empty())
    return Status::DataCheckFailed(fmt::format(
        "{} anomal{} found (anomaly.fail_on_anomaly); see {}", outcome->anomalies.size(),
        outcome->anomalies.size() == 1 ? "y" : "ies", report));
  return Status::OK();
}

Status RunAnomalyCheck(const Config& config, const AnomalyCheckOptions& options,
                       AnomalyOutcome* outcome) {
  return RunAnomalyCheck(config, options, SystemEnvironment(), nullptr, outcome);
}

}  // namespace automend
