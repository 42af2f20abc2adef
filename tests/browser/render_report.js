// Opens a run report in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) and prints, as JSON on stdout, what a test needs to judge the page:
// every network request the page made, console errors and uncaught exceptions, and the
// data the page shows (section ids, texts, and the data- attributes of charts and tables).
// Saves a full-page screenshot, and with --sections one screenshot per section.
//
// usage: node render_report.js PAGE.html SCREENSHOT.png [--sections DIR]
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--no-first-run', '--disable-component-update', '--disable-sync', '--disable-quic',
];

async function main() {
  const [page_path, screenshot, flag, sections_dir] = process.argv.slice(2);
  const url = 'file://' + path.resolve(page_path);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'automend-chromium-'));
  const result = { url, requests: [], console: [], page_errors: [], failed_requests: [] };
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  try {
    const page = context.pages()[0] || await context.newPage();
    // Every request is recorded and none reaches the network: the page's own file is the
    // only one allowed through.
    await page.route('**/*', (route) => {
      const u = route.request().url();
      return u === url ? route.continue() : route.abort();
    });
    page.on('request', (r) => result.requests.push(r.url()));
    page.on('requestfailed', (r) => result.failed_requests.push(r.url()));
    page.on('console', (m) => result.console.push({ type: m.type(), text: m.text() }));
    page.on('pageerror', (e) => result.page_errors.push(String(e)));
    await page.goto(url, { waitUntil: 'load' });
    result.dom = await page.evaluate(() => {
      const data = (el) => Object.assign({}, el.dataset);
      const all = (sel) => [...document.querySelectorAll(sel)];
      return {
        title: document.title,
        scripts: all('script').length,
        external: all('[src], link[href]').map((e) => e.getAttribute('src') || e.getAttribute('href')),
        sections: all('section.card').map((s) => ({ id: s.id, text: s.innerText })),
        header: document.querySelector('header').innerText,
        outcome: data(document.querySelector('[data-outcome]')),
        kpis: all('[data-kpi]').map((e) => ({ key: e.dataset.kpi, text: e.innerText })),
        missing: all('[data-missing]').map((e) => e.dataset.missing),
        stages: all('.stage-node').map(data),
        gantt: all('.gantt-row').map(data),
        runs: all('tr[data-run-id]').map(data),
        funnel: all('.funnel-step').map(data),
        reasons: all('tr[data-reason]').map(data),
        pass_rate: all('[data-pass-rate]').map(data),
        violations: all('#schema .bar-row').map((g) => ({
          label: g.dataset.label, value: g.querySelector('rect.bar').dataset.value })),
        pii_leaks: all('[data-pii-leaks]').map(data),
        anomaly_status: all('.status-banner').map(data),
        anomalies: all('tr.anomaly').map((tr) => ({ rule: tr.dataset.rule, text: tr.innerText })),
        bias: all('.dimension').map((d) => ({
          dimension: d.dataset.dimension,
          rows: [...d.querySelectorAll('.bar-row')].map((g) => ({
            label: g.dataset.label,
            values: [...g.querySelectorAll('rect.bar')].map((r) => ({
              value: r.dataset.value, series: r.classList.contains('s1') ? 'after' : 'before' })),
          })),
        })),
        mitigation: all('.mitigation').map(data),
        redactions: all('#redactions .bar-row').map((g) => ({
          label: g.dataset.label, value: g.querySelector('rect.bar').dataset.value })),
        samples: all('details.sample').map((d) => ({
          line: d.dataset.line,
          text: d.innerText,
          marks: [...d.querySelectorAll('mark')].map((m) => ({ cls: m.className, text: m.textContent })),
        })),
        // Every element actually painted inside a chart: a chart that failed to render has none.
        svg_shapes: all('svg.chart rect, svg.chart polygon, svg.chart path').length,
      };
    });
    await page.screenshot({ path: screenshot, fullPage: true });
    if (flag === '--sections' && sections_dir) {
      fs.mkdirSync(sections_dir, { recursive: true });
      for (const s of await page.$$('section.card, .kpis, header')) {
        const id = (await s.getAttribute('id')) || (await s.evaluate((e) => e.className || e.tagName));
        await s.screenshot({ path: path.join(sections_dir, id.replace(/\W+/g, '_') + '.png') });
      }
    }
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(result));
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack || e) + '\n');
  process.exit(1);
});
