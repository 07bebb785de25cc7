// End-to-end tests of the dashboard in headless Debian Chromium against a running `streams up`
// fed by `streams simulate`. run.sh starts both; run alone with STREAMS_URL and a key:
//   STREAMS_URL=http://127.0.0.1:8080 STREAMS_API_KEY=stk_... node --test e2e.test.mjs
// Settings (environment):
//   STREAMS_URL               the API and dashboard (default http://127.0.0.1:8080)
//   STREAMS_API_KEY           an admin key; else the file STREAMS_API_KEY_FILE, else <data dir>/api/admin.key
//                             ($STREAMS_DATA_DIR, else ~/.local/share/streams, /var/lib/streams for root)
//   STREAMS_E2E_LABELS        the simulator's labels file: the alert must be on a host with an injected incident
//   STREAMS_E2E_MIN_HOSTS     hosts the fleet view must show (default 5)
//   STREAMS_E2E_ALERT_TIMEOUT seconds to wait for the incident's alert (default 300)
//   CHROMIUM                  the browser (default /usr/bin/chromium)
//   STREAMS_CLICKHOUSE_URL    ClickHouse's HTTP interface, where the capacity test seeds a forecast (default http://127.0.0.1:8123)
// Screenshots go to artifacts/; the first page load time is printed and written to artifacts/timings.json.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = join(here, 'artifacts');
mkdirSync(artifacts, { recursive: true });

const BASE = (process.env.STREAMS_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
const KEY = readKey();
const MIN_HOSTS = Number(process.env.STREAMS_E2E_MIN_HOSTS ?? 5);
const ALERT_TIMEOUT = Number(process.env.STREAMS_E2E_ALERT_TIMEOUT ?? 300) * 1000;
const E2E_RULE = 'e2e-incident-cpu';
const CLICKHOUSE = (process.env.STREAMS_CLICKHOUSE_URL ?? 'http://127.0.0.1:8123').replace(/\/+$/, '');

function readKey() {
  if (process.env.STREAMS_API_KEY) return process.env.STREAMS_API_KEY.trim();
  const dataDir = process.env.STREAMS_DATA_DIR
    ?? (process.getuid?.() === 0 ? '/var/lib/streams' : join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'streams'));
  const file = process.env.STREAMS_API_KEY_FILE ?? join(dataDir, 'api', 'admin.key');
  if (!existsSync(file)) throw new Error(`No API key: set STREAMS_API_KEY, or STREAMS_API_KEY_FILE, or start streams so that it writes ${file}`);
  return readFileSync(file, 'utf8').trim();
}

async function apiCall(path, { method = 'GET', body } = {}) {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: { Authorization: `Bearer ${KEY}`, Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

async function until(what, timeoutMs, probe, intervalMs = 1000) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise(r => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
}

async function clickHouse(sql) {
  const res = await fetch(`${CLICKHOUSE}/`, { method: 'POST', body: sql });
  const text = await res.text();
  if (!res.ok) throw new Error(`ClickHouse: ${res.status} ${text.slice(0, 300)}`);
  return text;
}

const quote = v => `'${String(v).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * A forecast of one of the host's series as the forecaster writes it (the forecaster needs two
 * completed hours of history, more than a test run has): made now, from an origin an hour ago,
 * filling linearly from `last` to full 28 h from now, the band reaching full between 20 h and 40 h
 * from now; 168 hourly points.
 */
async function seedForecast(host, series, last) {
  const tags = Object.fromEntries((/\{(.*)\}$/.exec(series)?.[1] ?? '').split(',').filter(Boolean).map(kv => kv.split('=')));
  const map = `map(${Object.entries(tags).flatMap(([k, v]) => [quote(k), quote(v)]).join(', ')})`;
  const slope = (1 - last) / 29;
  const points = f => `arrayMap(h -> ${last} + ${f} * ${slope} * h, range(1, 169))`;
  await clickHouse(`INSERT INTO forecasts SELECT now64(3) AS g, ${quote(host)}, ${quote(series)}, ${quote(series.split('{')[0])}, ${map}, 'DAMPED_TREND', 0, 3600000, ` +
    `g - INTERVAL 1 HOUR AS o, ${last}, 0.95, 0.01, 1, 'RISING', o + INTERVAL 29 HOUR, o + INTERVAL 21 HOUR, o + INTERVAL 41 HOUR, ` +
    `arrayMap(h -> o + toIntervalHour(h), range(1, 169)), ${points(1)}, ${points(29 / 41)}, ${points(29 / 21)}`);
}

function incidentHosts() {
  const file = process.env.STREAMS_E2E_LABELS;
  if (!file || !existsSync(file)) return null;
  const hosts = new Set();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try { hosts.add(JSON.parse(line).host); } catch { /* a partly written last line */ }
  }
  return hosts;
}

let browser;
let context;
let page;
const problems = []; // console errors and warnings, page errors, failed requests of the dashboard
const timings = {};

async function shot(name) {
  const path = join(artifacts, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

function watch(p) {
  p.on('console', msg => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console.${msg.type()}: ${msg.text()} (${msg.location()?.url ?? ''})`);
  });
  p.on('pageerror', err => problems.push(`page error: ${err.message}`));
}

function assertNoConsoleProblems(step) {
  const found = problems.splice(0);
  assert.deepEqual(found, [], `console errors or warnings during "${step}"`);
}

describe('dashboard end to end', { timeout: ALERT_TIMEOUT + 600_000 }, () => {
  before(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    });
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, colorScheme: 'dark' });
    // A rule that turns the simulator's CPU incidents into an alert within a window or two
    // (the default rules wait minutes, and anomalies need each host's model trained first).
    await apiCall(`/api/rules/${E2E_RULE}`, {
      method: 'PUT',
      body: {
        id: E2E_RULE, name: 'E2E incident CPU', enabled: true, kind: 'threshold', severity: 'critical', scope: { hosts: [], tags: {} }, for: '0s',
        inhibitsHost: false, groupBy: ['host'], annotations: { summary: 'CPU on {{host}} at {{value}} (e2e)', description: 'Written by tests/browser.' },
        threshold: { metric: 'cpu.util', statistic: 'max', comparator: '>', value: 0.9 },
      },
    });
  });

  after(async () => {
    writeFileSync(join(artifacts, 'timings.json'), JSON.stringify(timings, null, 2));
    await apiCall(`/api/rules/${E2E_RULE}`, { method: 'DELETE' }).catch(() => {});
    await browser?.close();
  });

  test('the sign-in box asks for the API key, rejects a wrong one and accepts the right one', async () => {
    page = await context.newPage();
    watch(page);
    await page.goto(`${BASE}/`);
    const box = page.getByLabel('API key');
    await box.waitFor();
    await shot('01-sign-in');
    await box.fill('stk_wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The API rejected this key.').waitFor();
    // The rejected request logs "401" in the console by design; only that is allowed here.
    const rest = problems.splice(0).filter(p => !/status of 401/.test(p));
    assert.deepEqual(rest, []);
    await box.fill(KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Fleet' }).waitFor();
    await page.close();
  });

  test('first page load: navigation to the fleet view rendered with data', async () => {
    page = await context.newPage();
    watch(page);
    // The key is in localStorage from the sign-in; a fresh page loads cold.
    await page.goto(`${BASE}/`, { waitUntil: 'commit' });
    await page.locator('[data-testid=heatmap] rect.cell').first().waitFor({ timeout: 120_000 });
    const t = await page.evaluate(() => {
      const mark = performance.getEntriesByName('streams:fleet-rendered')[0];
      const nav = performance.getEntriesByType('navigation')[0];
      return { fleetRendered: Math.round(mark ? mark.startTime : performance.now()), domContentLoaded: Math.round(nav?.domContentLoadedEventEnd ?? 0), load: Math.round(nav?.loadEventEnd ?? 0), transferred: Math.round(nav?.transferSize ?? 0) };
    });
    timings.firstPageLoad = t;
    console.log(`first page load: ${t.fleetRendered} ms to the fleet view rendered with data (DOMContentLoaded ${t.domContentLoaded} ms, load ${t.load} ms)`);
    assert.ok(t.fleetRendered < 10_000, `first page load ${t.fleetRendered} ms`);
    assertNoConsoleProblems('first page load');
  });

  test('the fleet view fills with live data from the simulator', async () => {
    const cells = page.locator('[data-testid=heatmap] rect.cell');
    await until(`${MIN_HOSTS} hosts in the heat map`, 180_000, async () => (await cells.count()) >= MIN_HOSTS);
    const count = await cells.count();
    const rows = await page.locator('[data-testid=fleet-table] tbody tr').count();
    assert.ok(rows >= Math.min(count, 50), `table rows ${rows} for ${count} hosts`);
    // Sortable: by name, then descending.
    await page.getByRole('button', { name: /^Host/ }).click();
    const header = page.locator('th', { has: page.getByRole('button', { name: /^Host/ }) });
    assert.equal(await header.getAttribute('aria-sort'), 'ascending');
    const names = await page.locator('[data-testid=fleet-table] tbody tr td:first-child').allInnerTexts();
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    await page.getByRole('button', { name: /^Health/ }).click();
    // Tooltip on hover.
    await cells.first().hover();
    await page.getByRole('tooltip').waitFor();
    await shot('02-fleet');
    // Search narrows the fleet.
    const first = names[0];
    await page.getByLabel('Search hosts').fill(first);
    await until('the search to narrow the table', 10_000, async () => (await page.locator('[data-testid=fleet-table] tbody tr').count()) <= rows);
    await page.getByLabel('Search hosts').fill('');
    timings.fleetHosts = count;
    assertNoConsoleProblems('fleet view');
  });

  test('a host drill-down shows metric charts with the normal band', async () => {
    const host = await page.locator('[data-testid=fleet-table] tbody tr td:first-child').first().innerText();
    await page.locator(`[data-testid=heatmap] rect.cell[data-host="${host}"]`).click();
    await page.getByRole('heading', { name: host }).waitFor();
    await until('a chart with data', 60_000, async () => (await page.locator('figure.chart path.mean[d^="M"]').count()) > 0);
    await page.locator('figure.chart svg rect.overlay').first().hover();
    await shot('03-host');
    assertNoConsoleProblems('host drill-down');
  });

  test('the capacity view ranks a resource by time to exhaustion, and its host chart draws the forecast ahead', async () => {
    const { items } = await apiCall('/api/hosts?pageSize=50');
    const host = items.map(h => h.host).sort()[0];
    const detail = await apiCall(`/api/hosts/${encodeURIComponent(host)}`);
    const series = detail.series.find(s => s.startsWith('fs.used.percent')) ?? 'fs.used.percent{mount=/}';
    const to = new Date();
    const recent = await apiCall(`/api/hosts/${encodeURIComponent(host)}/metrics?series=${encodeURIComponent(series)}&from=${new Date(to - 600_000).toISOString()}&to=${to.toISOString()}&step=30s`);
    const last = [...recent.points].reverse().find(p => p.mean != null)?.mean ?? 0.5;
    await seedForecast(host, series, Math.min(0.95, last));

    await page.goto(`${BASE}/#/capacity`);
    await page.getByRole('heading', { name: 'Capacity' }).waitFor();
    const row = page.locator(`[data-testid=capacity-table] tbody tr[data-host="${host}"][data-series="${series}"]`);
    await row.waitFor({ timeout: 60_000 });
    // Ranked first: nothing else in a fresh fleet has a forecast.
    assert.equal(await page.locator('[data-testid=capacity-table] tbody tr').first().getAttribute('data-host'), host);
    assert.match(await row.locator('td.exhaustion').innerText(), /^fills in 1 d [34] h \(between (20|21) h( \d+ min)? and 1 d (15|16) h( \d+ min)?\)$/);
    await page.locator('[data-testid=headroom-table] tbody tr').first().waitFor();
    // Expected in 28 h: not within a day, within a week.
    assert.match(await page.getByTestId('capacity-counts').innerText(), /\b0\s+run out within 24 h.*\b1\s+within 7 d/s);
    await shot('12-capacity');
    // Within 24 h keeps what the band lets run out that soon (20 h); another resource has none, and says so.
    await page.getByRole('radio', { name: 'Within 24 h' }).click();
    await page.getByLabel('Resource', { exact: true }).selectOption('mem.used.percent');
    await page.getByTestId('capacity-empty').waitFor({ timeout: 30_000 });
    assert.equal(await row.count(), 0);
    await page.getByLabel('Resource', { exact: true }).selectOption('');
    await row.waitFor({ timeout: 30_000 });
    await page.getByRole('radio', { name: 'Any time' }).click();

    await row.getByRole('link', { name: host }).click();
    await page.getByRole('heading', { name: host }).waitFor();
    const chart = page.locator(`figure.chart[data-series="${series}"]`);
    await chart.locator('[data-testid=forecast] path.forecast-expected[d^="M"]').waitFor({ timeout: 60_000 });
    await chart.locator('[data-testid=exhaustion-mark]').waitFor();
    assert.match(await chart.locator('figcaption').innerText(), /full in 1 d [34] h/);
    await chart.scrollIntoViewIfNeeded();
    await shot('13-host-forecast');
    assertNoConsoleProblems('capacity view and forecast band');
  });

  let alertFingerprint;
  test('an injected incident shows up as an alert in the live feed', { timeout: ALERT_TIMEOUT + 60_000 }, async () => {
    await page.goto(`${BASE}/#/alerts`);
    await page.getByRole('heading', { name: 'Alerts' }).waitFor();
    const started = Date.now();
    const item = await until('a firing alert on a host with an injected incident', ALERT_TIMEOUT, async () => {
      const incidents = incidentHosts();
      for (const li of await page.locator('[data-testid=alert-feed] > li[data-state=firing]').all()) {
        const host = await li.getAttribute('data-host');
        if (host && (!incidents || incidents.has(host))) return li;
      }
      return null;
    }, 2000);
    alertFingerprint = await item.getAttribute('data-fingerprint');
    timings.alertSeconds = Math.round((Date.now() - started) / 1000);
    console.log(`alert ${alertFingerprint} on ${await item.getAttribute('data-host')} after ${timings.alertSeconds} s on the alerts view`);
    await shot('04-alert');
    assertNoConsoleProblems('alert feed');
  });

  test('the alert is acknowledged', async () => {
    assert.ok(alertFingerprint, 'needs the alert of the previous test');
    const item = page.locator(`[data-testid=alert-feed] > li[data-fingerprint="${alertFingerprint}"]`);
    await item.getByRole('button', { name: /^Acknowledge/ }).click();
    await item.getByPlaceholder(/Comment/).fill('e2e: looking into it');
    await shot('05-ack-form');
    await item.getByRole('button', { name: 'Confirm' }).click();
    await item.getByText('Acknowledged').or(page.locator(`[data-testid=alert-feed] > li[data-fingerprint="${alertFingerprint}"][data-state=acknowledged]`)).first().waitFor();
    await until('the API to report the alert acknowledged', 60_000, async () => {
      const a = await apiCall(`/api/alerts?state=acknowledged&pageSize=500`);
      return a.items.some(x => x.fingerprint === alertFingerprint);
    }, 2000);
    await page.getByLabel('Filter by state').selectOption('acknowledged');
    await page.locator(`[data-testid=alert-feed] > li[data-fingerprint="${alertFingerprint}"]`).waitFor({ timeout: 30_000 });
    await shot('06-acknowledged');
    assertNoConsoleProblems('acknowledge');
  });

  test('a rule is edited: field errors, preview, save', async () => {
    const before = await apiCall('/api/rules/cpu-saturated');
    await page.goto(`${BASE}/#/rules/cpu-saturated`);
    const form = page.getByTestId('rule-editor');
    await form.waitFor();
    // A bad duration is caught per field.
    await form.getByLabel('For (pending before firing)').fill('soon');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.locator('[data-field=for] .field-error').waitFor();
    await form.getByLabel('For (pending before firing)').fill('3m');
    const newValue = before.threshold.value === 0.93 ? 0.94 : 0.93;
    await form.getByLabel('Value', { exact: true }).fill(String(newValue));
    await form.getByRole('button', { name: 'Preview (24 h)' }).click();
    await form.getByTestId('rule-preview').waitFor({ timeout: 60_000 });
    await form.getByTestId('rule-preview').scrollIntoViewIfNeeded();
    await shot('07-rule-preview');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText(/^Saved/).waitFor({ timeout: 30_000 });
    const after = await until('the API to serve the edited rule', 60_000, async () => {
      const r = await apiCall('/api/rules/cpu-saturated');
      return r.threshold.value === newValue ? r : null;
    }, 2000);
    assert.ok(['3m', '00:03:00', '180s'].includes(String(after.for)), `for = ${after.for}`);
    await shot('08-rule-saved');
    // Put the rule back as it was.
    await apiCall('/api/rules/cpu-saturated', { method: 'PUT', body: { ...before, version: undefined } }).catch(() => {});
    assertNoConsoleProblems('rule editor');
  });

  test('notification preferences, models and light mode render cleanly', async () => {
    await page.goto(`${BASE}/#/preferences`);
    await page.getByRole('heading', { name: 'Notification preferences' }).waitFor();
    await page.getByRole('button', { name: 'New preference' }).click();
    await page.getByRole('form', { name: /Preference/ }).waitFor();
    await shot('09-preferences');
    await page.goto(`${BASE}/#/models`);
    await page.getByRole('heading', { name: 'Models' }).waitFor();
    await page.waitForLoadState('networkidle').catch(() => {});
    await shot('10-models');
    await page.goto(`${BASE}/#/`);
    await page.getByRole('button', { name: /Switch to light mode/ }).click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
    await page.locator('[data-testid=heatmap] rect.cell').first().waitFor();
    await shot('11-fleet-light');
    await page.getByRole('button', { name: /Switch to dark mode/ }).click();
    assertNoConsoleProblems('preferences, models, theme');
  });
});
