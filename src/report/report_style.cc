#include "report/report_style.h"

namespace automend {

// System fonts only. Colours: green ran/pass, blue skipped, red failed, grey not reached;
// the redaction classes keep one hue each in the bar chart and in the highlighted records.
std::string_view RunReportCss() {
  return R"css(
:root {
  --fg: #1f2328; --muted: #656d76; --line: #d8dee4; --bg: #f3f5f8; --card: #ffffff;
  --ok: #1a7f37; --ok-bg: #dafbe1; --skip: #0969da; --skip-bg: #ddf4ff;
  --fail: #cf222e; --fail-bg: #ffebe9; --nr: #8c959f; --nr-bg: #f6f8fa;
  --accent: #2563eb; --warn: #bc4c00; --warn-bg: #fff1e5;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
code { font-size: 12.5px; background: #eef1f4; padding: 1px 5px; border-radius: 4px; }
header.top { background: #111827; color: #f9fafb; padding: 22px 0 20px; }
.wrap { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
header.top h1 { margin: 0; font-size: 22px; font-weight: 650; letter-spacing: .2px; display: flex;
  align-items: center; gap: 14px; flex-wrap: wrap; }
header.top .meta { margin-top: 8px; color: #cbd5e1; font-size: 13px; display: flex; gap: 20px; flex-wrap: wrap; }
header.top .meta b { color: #f9fafb; font-weight: 600; }
header.top code { background: #1f2937; color: #e5e7eb; }
.badge { display: inline-block; padding: 3px 11px; border-radius: 999px; font-size: 13px;
  font-weight: 650; letter-spacing: .3px; vertical-align: middle; }
.badge.ok { background: var(--ok-bg); color: var(--ok); }
.badge.fail { background: var(--fail-bg); color: var(--fail); }
.badge.warn { background: var(--warn-bg); color: var(--warn); }
.badge.none { background: #e5e7eb; color: #374151; }
nav.toc { margin-top: 14px; display: flex; gap: 6px; flex-wrap: wrap; }
nav.toc a { color: #cbd5e1; text-decoration: none; font-size: 12.5px; padding: 3px 10px;
  border: 1px solid #374151; border-radius: 999px; }
nav.toc a:hover { color: #fff; border-color: #6b7280; }
main { padding: 20px 0 40px; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; margin-bottom: 18px; }
.kpi { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px;
  text-decoration: none; color: inherit; display: block; border-top: 4px solid var(--accent); }
.kpi:hover { box-shadow: 0 2px 8px rgba(0,0,0,.07); }
.kpi .k { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .5px; }
.kpi .v { font-size: 24px; font-weight: 650; margin-top: 2px; font-variant-numeric: tabular-nums; }
.kpi .s { color: var(--muted); font-size: 12px; }
.kpi.ok { border-top-color: var(--ok); } .kpi.ok .v { color: var(--ok); }
.kpi.fail { border-top-color: var(--fail); } .kpi.fail .v { color: var(--fail); }
.kpi.none { border-top-color: var(--nr); } .kpi.none .v { color: var(--nr); }
section.card { background: var(--card); border: 1px solid var(--line); border-radius: 12px;
  padding: 18px 22px 20px; margin-bottom: 18px; }
section.card h2 { margin: 0 0 2px; font-size: 17px; font-weight: 650; }
section.card h3 { margin: 16px 0 6px; font-size: 14px; font-weight: 650; }
.source { margin: 0 0 12px; color: var(--muted); font-size: 12.5px; }
.stale { display: inline-block; margin-left: 6px; padding: 0 8px; border-radius: 999px;
  background: var(--warn-bg); color: var(--warn); font-weight: 600; }
.missing { margin: 8px 0; padding: 12px 14px; background: var(--nr-bg); border: 1px dashed var(--nr);
  border-radius: 8px; color: var(--muted); }
.missing b { color: var(--fg); }
.grid-2 { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 18px; }
.grid-2 > section.card { margin-bottom: 0; }
.grid-2.cards { margin-bottom: 18px; }
.split { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 22px; align-items: start; }
@media (max-width: 960px) { .grid-2, .split { grid-template-columns: 1fr; } }
.legend-row { display: flex; gap: 16px; flex-wrap: wrap; color: var(--muted); font-size: 12.5px; margin: 4px 0 10px; }
.legend-row span::before { content: ""; display: inline-block; width: 11px; height: 11px;
  border-radius: 3px; margin-right: 6px; vertical-align: -1px; border: 2px solid; }
.legend-row .ran::before { background: var(--ok-bg); border-color: var(--ok); }
.legend-row .skipped::before { background: var(--skip-bg); border-color: var(--skip); }
.legend-row .failed::before { background: var(--fail-bg); border-color: var(--fail); }
.legend-row .not-reached::before { background: var(--nr-bg); border-color: var(--nr); border-style: dashed; }
.scroll-x { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid #eaeef2; vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .4px;
  border-bottom: 1px solid var(--line); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.latest td { background: #f8fafc; font-weight: 600; }
.pill { display: inline-block; padding: 0 8px; border-radius: 999px; font-size: 12px; font-weight: 600; }
.pill.ran, .pill.succeeded, .pill.pass { background: var(--ok-bg); color: var(--ok); }
.pill.skipped { background: var(--skip-bg); color: var(--skip); }
.pill.failed, .pill.fail { background: var(--fail-bg); color: var(--fail); }
.pill.not-reached, .pill.incomplete { background: var(--nr-bg); color: var(--muted); }
.big { font-size: 38px; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; }
.big small { font-size: 14px; font-weight: 500; color: var(--muted); margin-left: 6px; }
.status-banner { display: flex; align-items: center; gap: 14px; padding: 14px 16px; border-radius: 10px; margin: 6px 0 12px; }
.status-banner .word { font-size: 30px; font-weight: 800; letter-spacing: 1px; }
.status-banner.pass { background: var(--ok-bg); color: var(--ok); border: 1px solid #aceebb; }
.status-banner.fail { background: var(--fail-bg); color: var(--fail); border: 1px solid #ffcecb; }
.status-banner .what { color: var(--fg); font-size: 13px; }
.note { color: var(--muted); font-size: 12.5px; margin: 6px 0; }
.bias-grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 8px 26px; }
@media (max-width: 960px) { .bias-grid { grid-template-columns: 1fr; } }
.bias-grid h3 { margin-top: 8px; }
.mitigation { display: flex; gap: 26px; flex-wrap: wrap; margin: 6px 0 8px; }
.mitigation div { font-size: 13px; color: var(--muted); }
.mitigation b { display: block; font-size: 20px; color: var(--fg); font-variant-numeric: tabular-nums; }
details.sample { border: 1px solid var(--line); border-radius: 10px; margin: 10px 0; overflow: hidden; }
details.sample summary { cursor: pointer; padding: 9px 14px; background: #f8fafc; font-size: 13px;
  display: flex; gap: 12px; flex-wrap: wrap; align-items: baseline; }
details.sample summary .path { font-weight: 600; }
details.sample .prompt { padding: 10px 14px 0; font-size: 13px; }
details.sample .prompt b { color: var(--muted); font-weight: 600; margin-right: 6px; }
pre.manifest { margin: 10px 14px 14px; padding: 10px 12px; background: #0f172a; color: #e2e8f0;
  border-radius: 8px; font-size: 12px; line-height: 1.45; max-height: 340px; overflow: auto; white-space: pre; }
pre.manifest .ln { display: inline-block; width: 3em; margin-right: 14px; text-align: right; color: #64748b;
  user-select: none; }
pre.manifest .gap { display: inline-block; color: #94a3b8; font-style: italic; padding-left: 1.2em; }
details.whole { margin: -4px 14px 12px; font-size: 12.5px; }
details.whole summary { cursor: pointer; color: var(--accent); }
details.whole pre.manifest { margin: 8px 0 0; }
mark.redacted { border-radius: 3px; padding: 0 2px; font-weight: 600; color: #111827; }
mark.r-creds { background: #fcd34d; } mark.r-ipv4 { background: #93c5fd; }
mark.r-email { background: #86efac; } mark.r-apikey { background: #f9a8d4; } mark.r-secret { background: #c4b5fd; }
.token-legend { display: flex; gap: 10px; flex-wrap: wrap; margin: 6px 0; font-size: 12.5px; color: var(--muted); }
footer { color: var(--muted); font-size: 12px; padding: 8px 0 30px; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 4px 0 8px; font-size: 12px; }
svg.chart text { fill: var(--fg); }
svg.chart text.label { fill: #374151; }
svg.chart text.value, svg.chart text.tick, svg.chart text.muted { fill: var(--muted); font-size: 11px; }
svg.chart text.legend { fill: var(--muted); }
svg.chart .axis { stroke: #9ca3af; stroke-width: 1; }
svg.chart .grid { stroke: #eef1f4; stroke-width: 1; }
svg.chart .marker { stroke: #ef4444; stroke-width: 1; stroke-dasharray: 4 3; }
svg.chart text.marker-label { fill: #ef4444; font-size: 10.5px; }
svg.chart .bar.s0, svg.chart .legend-swatch.s0 { fill: #3b82f6; }
svg.chart .bar.s1, svg.chart .legend-swatch.s1 { fill: #f59e0b; }
svg.chart.paired .bar.s0, svg.chart.paired .legend-swatch.s0 { fill: #cbd5e1; }
svg.chart.paired .bar.s1, svg.chart.paired .legend-swatch.s1 { fill: #2563eb; }
svg.chart .bar.flag-over, svg.chart.paired .bar.flag-over { fill: #f97316; }
svg.chart .bar.flag-under, svg.chart.paired .bar.flag-under { fill: #a855f7; }
svg.chart .bar.bad { fill: var(--fail); } svg.chart .bar.good { fill: #22c55e; }
svg.chart .bar.r-creds { fill: #f59e0b; } svg.chart .bar.r-ipv4 { fill: #3b82f6; }
svg.chart .bar.r-email { fill: #22c55e; } svg.chart .bar.r-apikey { fill: #ec4899; }
svg.chart .bar.r-secret { fill: #8b5cf6; }
svg.chart .funnel-bar { fill: #3b82f6; } svg.chart .funnel-bar.start { fill: #1e3a8a; }
svg.chart .funnel-neck { fill: #dbeafe; }
svg.chart text.funnel-count { font-weight: 650; font-variant-numeric: tabular-nums; }
svg.chart text.funnel-count.inside { fill: #ffffff; }
svg.chart text.rejected { fill: var(--fail); font-weight: 600; }
svg.chart .gantt-bar.ran { fill: #2da44e; } svg.chart .gantt-bar.failed { fill: var(--fail); }
svg.chart .gantt-mark.skipped { fill: var(--skip); }
svg.chart .edge { stroke: #9ca3af; stroke-width: 2; } svg.chart .edge-head { fill: #9ca3af; }
svg.chart .node-box { stroke-width: 2; }
svg.chart .stage-node.ran .node-box { fill: #f6fef8; stroke: var(--ok); }
svg.chart .stage-node.ran .node-head { fill: var(--ok); }
svg.chart .stage-node.skipped .node-box { fill: #f5fbff; stroke: var(--skip); }
svg.chart .stage-node.skipped .node-head { fill: var(--skip); }
svg.chart .stage-node.failed .node-box { fill: #fff8f7; stroke: var(--fail); }
svg.chart .stage-node.failed .node-head { fill: var(--fail); }
svg.chart .stage-node.not-reached .node-box { fill: var(--nr-bg); stroke: var(--nr); stroke-dasharray: 6 4; }
svg.chart .stage-node.not-reached .node-head { fill: #d0d7de; }
svg.chart text.node-name { fill: #ffffff; font-weight: 700; font-size: 13px; }
svg.chart text.node-state { font-size: 12px; font-weight: 700; }
svg.chart .stage-node.ran text.node-state { fill: var(--ok); }
svg.chart .stage-node.skipped text.node-state { fill: var(--skip); }
svg.chart .stage-node.failed text.node-state { fill: var(--fail); }
svg.chart .stage-node.not-reached text.node-state { fill: var(--muted); }
svg.chart .stage-node.not-reached text.node-name { fill: #57606a; }
svg.chart text.node-key { fill: var(--muted); font-size: 11px; }
svg.chart text.node-value { font-size: 12px; font-weight: 600; font-variant-numeric: tabular-nums; }
svg.chart text.node-reason { fill: var(--muted); font-size: 10.5px; }
@media print { body { background: #fff; } section.card, .kpi { break-inside: avoid; } }
)css";
}

}  // namespace automend
