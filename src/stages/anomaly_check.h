// The anomaly-check stage: reads logs/schema_report.json, applies the four rules
// (anomaly_rules.h) and writes logs/anomaly_report.json
// {"status": "PASS"|"FAIL", "anomalies_found": N, "anomalies": [...], "alert": {...}}.
// With SLACK_WEBHOOK_URL set and anomalies found, one Slack message summarises them;
// otherwise each anomaly is logged at CRITICAL. The report is written before the alert is
// sent (so a hanging webhook cannot lose it) and again with the alert's outcome; a failed
// alert never changes the result. The stage fails (DataCheckFailed, exit 1) when
// anomaly.fail_on_anomaly is set and anomalies were found, or anomaly.fail_on_pii_leak is
// set and a PII leak was found.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "core/environment.h"
#include "core/status.h"
#include "net/http_client.h"
#include "notify/slack_notifier.h"
#include "quality/anomaly_rules.h"

namespace automend {

struct AnomalyCheckOptions {
  std::string input;   // the schema report; empty: SchemaReportPath(config)
  std::string report;  // empty: AnomalyReportPath(config)
};

struct AnomalyOutcome {
  SchemaSummary summary;
  std::vector<Anomaly> anomalies;
  bool pii_leak = false;
  std::string alert_channel;  // "slack", "log" or "none" (nothing to report)
  SlackResult slack;          // when the channel is slack

  std::string ToJson(const std::string& schema_report, bool alert_done) const;
};

// `env` supplies SLACK_WEBHOOK_URL; `http` posts to it (nullptr: libcurl).
Status RunAnomalyCheck(const Config& config, const AnomalyCheckOptions& options,
                       const Environment& env, HttpClient* http, AnomalyOutcome* outcome);

// With the process environment and libcurl.
Status RunAnomalyCheck(const Config& config, const AnomalyCheckOptions& options,
                       AnomalyOutcome* outcome);

}  // namespace automend
