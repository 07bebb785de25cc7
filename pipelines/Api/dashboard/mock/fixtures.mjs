// Fixture data in the API's shapes, for unit tests and the development mock server (mock/server.mjs).
// Deterministic: no randomness, times relative to a fixed clock unless `now` is given.

const HOSTS = [
  ['web-1', 'ok', 0, 0], ['web-2', 'ok', 1, 0], ['web-10', 'warning', 6, 1], ['web-3', 'ok', 0, 0], ['db-1', 'critical', 22, 2],
  ['db-2', 'ok', 2, 0], ['cache-1', 'down', 0, 1], ['cache-2', 'unknown', 0, 0], ['batch-1', 'warning', 9, 1], ['batch-2', 'ok', 3, 0],
];

/** `extraHosts` app-NNNNN hosts after the named ones: 40 by default, 10,000 to try the fleet view at scale. */
export function makeHosts(now = Date.parse('2026-11-25T10:00:00Z'), extraHosts = 40) {
  const width = Math.max(3, String(extraHosts).length);
  const extra = Array.from({ length: extraHosts }, (_, i) => [`app-${String(i + 1).padStart(width, '0')}`, i % 13 === 0 ? 'warning' : i % 97 === 96 ? 'critical' : 'ok', (i * 7) % 5, i % 97 === 96 ? 1 : 0]);
  return [...HOSTS, ...extra].map(([host, health, anomalies1h, activeAlerts], i) => ({
    host,
    tags: { dc: i % 2 ? 'fra' : 'ams', role: String(host).split('-')[0] },
    lastSeen: new Date(now - (health === 'down' ? 600_000 : 5_000 + i * 100)).toISOString(),
    health,
    anomalies1h,
    activeAlerts,
    score1h: anomalies1h ? 1 + anomalies1h / 10 : 0.3,
  }));
}

const SERIES = ['cpu.util', 'load1', 'mem.used.percent', 'fs.used.percent{mount=/}', 'net.rx.bytes{iface=eth0}', 'disk.util{device=sda}', 'tcp.retransmits'];

export function makeAnomalies(now = Date.parse('2026-11-25T10:00:00Z')) {
  return [0, 1, 2, 3].map(i => ({
    id: `an-${i + 1}`,
    host: i < 3 ? 'db-1' : 'web-10',
    series: i % 2 ? 'mem.used.percent' : 'cpu.util',
    windowStart: new Date(now - (40 - i * 8) * 60_000).toISOString(),
    windowEnd: new Date(now - (40 - i * 8) * 60_000 + 10_000).toISOString(),
    score: 2.5 + i,
    threshold: 1.8,
    severity: ['warning', 'major', 'critical', 'major'][i],
    model: 'pca',
    modelVersion: 3,
    contributions: [
      { series: 'cpu.util', share: 0.55, value: 0.97, expected: 0.35 },
      { series: 'load1', share: 0.3, value: 7.9, expected: 1.2 },
      { series: 'mem.used.percent', share: 0.15, value: 0.71, expected: 0.6 },
    ],
    consecutiveWindows: i + 1,
    detectedAt: new Date(now - (40 - i * 8) * 60_000 + 12_000).toISOString(),
  }));
}

export function makeAlerts(now = Date.parse('2026-11-25T10:00:00Z')) {
  const a = (fingerprint, ruleId, state, severity, host, ago, summary) => ({
    fingerprint, ruleId, state, severity, labels: { host, alertname: ruleId }, annotations: { summary, description: '' }, value: 0.97,
    startsAt: new Date(now - ago * 60_000).toISOString(), endsAt: state === 'resolved' ? new Date(now - 60_000).toISOString() : null,
    updatedAt: new Date(now - ago * 30_000).toISOString(), acknowledgedBy: state === 'acknowledged' ? 'admin' : null, silenceId: null,
    escalationLevel: 0, flapping: false,
  });
  return [
    a('fp-db1-cpu', 'cpu-saturated', 'firing', 'major', 'db-1', 12, 'CPU on db-1 above 95% for 5 minutes (0.97)'),
    a('fp-db1-anom', 'anomaly-sustained', 'firing', 'critical', 'db-1', 30, 'db-1 behaves unlike its normal self (score 4.5)'),
    a('fp-cache1-down', 'host-down', 'acknowledged', 'critical', 'cache-1', 10, 'cache-1 has sent no metrics for a minute'),
    a('fp-web10-log', 'log-errors', 'pending', 'warning', 'web-10', 2, '31 error lines in one window from nginx on web-10'),
    a('fp-batch1-fs', 'filesystem-filling', 'resolved', 'critical', 'batch-1', 90, '/ on batch-1 is 93% full'),
  ];
}

export function makeRules() {
  return [
    { id: 'cpu-saturated', name: 'CpuSaturated', version: 1, enabled: true, kind: 'threshold', severity: 'major', scope: { hosts: [], tags: {} }, for: '5m', inhibitsHost: false, groupBy: ['host'],
      annotations: { summary: 'CPU on {{host}} above 95% for 5 minutes ({{value}})', description: 'Clears below 85%.' },
      threshold: { metric: 'cpu.util', statistic: 'mean', comparator: '>', value: 0.95, clear: 0.85 } },
    { id: 'host-down', name: 'HostDown', version: 1, enabled: true, kind: 'noData', severity: 'critical', scope: { hosts: [], tags: {} }, for: '0s', escalateAfter: '15m', inhibitsHost: true, groupBy: ['host'],
      annotations: { summary: '{{host}} has sent no metrics for a minute', description: '' }, noData: { after: '1m' } },
    { id: 'anomaly-sustained', name: 'HostAnomalous', version: 2, enabled: true, kind: 'anomaly', severity: 'major', scope: { hosts: [], tags: {} }, for: '0s', inhibitsHost: false, groupBy: ['host'],
      annotations: { summary: '{{host}} behaves unlike its normal self (score {{value}})', description: '' },
      anomaly: { minSeverity: 'major', minScoreRatio: 1, minConsecutiveWindows: 2, models: [], perSeries: false, resolveAfter: '2m' } },
    { id: 'log-errors', name: 'LogErrorBurst', version: 1, enabled: true, kind: 'log', severity: 'warning', scope: { hosts: [], tags: {} }, for: '0s', inhibitsHost: false, groupBy: ['host'],
      annotations: { summary: '{{value}} error lines in one window from {{app}} on {{host}}', description: '' },
      log: { minSeverity: 'ERROR', minCount: 20, app: null, newTemplate: false, resolveAfter: '5m' } },
  ];
}

export function makePreferences() {
  return [
    { id: 'ops-oncall', name: 'Ops on call', team: 'ops', channels: [{ type: 'email', address: 'ops@example.org' }, { type: 'slack', url: 'https://hooks.slack.test/T000/B000' }],
      minSeverity: 'major', matchers: [], quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin', allowCritical: true }, escalationLevel: 0,
      groupBy: ['host'], groupWait: '30s', groupInterval: '5m', repeatInterval: '4h', enabled: true },
    { id: 'dba', name: 'DBA team', team: 'dba', channels: [{ type: 'dashboard', name: 'dba' }], minSeverity: 'warning', matchers: ['host=~"db-.*"'], quietHours: null,
      escalationLevel: 1, groupBy: ['host'], groupWait: '30s', groupInterval: '5m', repeatInterval: '1h', enabled: true },
  ];
}

export function makeModels(now = Date.parse('2026-11-25T10:00:00Z')) {
  return makeHosts(now).slice(0, 6).map((h, i) => ({
    name: i % 2 ? 'pca' : 'kmeans', host: h.host, version: i + 1, trainedAt: new Date(now - (i + 1) * 3_600_000).toISOString(),
    figures: { windows: 360, threshold: 1.8 + i / 10, falsePositiveRate: 0.01 },
  }));
}

/** A smooth series with a bump, and a band around its normal level. */
export function metrics(host, series, toMs, count, stepMs = 30_000) {
  const points = [];
  const band = [];
  const base = series.startsWith('cpu') ? 0.35 : series.startsWith('mem') ? 0.6 : series.startsWith('fs') ? fsLevel(host) : 10;
  const amp = base * 0.15;
  for (let i = 0; i < count; i++) {
    const t = new Date(toMs - (count - 1 - i) * stepMs).toISOString();
    const bump = host === 'db-1' && i > count * 0.6 && i < count * 0.8 ? base * 1.6 : 0;
    const mean = base + amp * Math.sin(i / 6) + bump;
    points.push({ t, mean, min: mean - amp * 0.4, max: mean + amp * 0.4, p95: mean + amp * 0.3 });
    band.push({ t, low: base - amp * 1.5, high: base + amp * 1.5 });
  }
  return { host, series, step: `${stepMs / 1000}s`, points, band };
}

const HOUR = 3_600_000;

/** Disk usage per host: db-1 fills in about two days, web-10 within a day, the rest in weeks or never. */
function fsLevel(host) {
  return host === 'db-1' ? 0.9 : host === 'web-10' ? 0.95 : 0.4 + (host.length % 5) / 20;
}

/** Per-hour growth of each host's disk, matching fsLevel: full (1) in 2 d 4 h on db-1, 16 h on web-10. */
function fsGrowth(host) {
  return host === 'db-1' ? 0.1 / 52 : host === 'web-10' ? 0.05 / 16 : host.startsWith('batch') ? 0.0015 : 0;
}

/**
 * The latest forecast of each host's disk / and memory, as GET /api/hosts/{host}/forecast answers
 * (capacity items with 168 hourly points); a linear fill whose band widens with the horizon.
 */
export function makeForecasts(hosts, now = Date.parse('2026-11-25T10:00:00Z')) {
  const origin = Math.floor(now / HOUR) * HOUR - HOUR;
  const at = h => (h == null ? null : new Date(origin + h * HOUR).toISOString());
  const cross = (last, slope, limit) => (slope > 0 ? (limit - last) / slope : null);
  return hosts.flatMap(({ host, tags }) => [
    ['fs.used.percent{mount=/}', 'fs.used.percent', { ...tags, mount: '/' }, fsLevel(host), fsGrowth(host)],
    ['mem.used.percent', 'mem.used.percent', { ...tags }, 0.6, host === 'cache-1' ? 0.004 : 0],
  ].map(([series, metric, seriesTags, last, slope]) => {
    const spread = 0.0025;
    const expected = cross(last, slope, 1);
    const earliest = cross(last, slope + spread, 1);
    const latest = slope > spread ? cross(last, slope - spread, 1) : null;
    const within = h => (h != null && h <= 168 ? h : null);
    const capacity = {
      host, series, metric, tags: seriesTags, model: slope > 0 ? 'DAMPED_TREND' : 'HOLT_WINTERS', seasonSteps: slope > 0 ? 0 : 24,
      generatedAt: new Date(origin + HOUR + 120_000).toISOString(), origin: at(0), lastValue: last, limit: 1, direction: 'RISING', coverage: 0.95,
      exhaustionExpected: at(within(expected)), exhaustionEarliest: at(within(earliest)), exhaustionLatest: at(within(latest)), summary: '',
    };
    const points = Array.from({ length: 168 }, (_, i) => {
      const h = i + 1;
      const mid = last + slope * h + (slope > 0 ? 0 : 0.05 * Math.sin((h / 24) * 2 * Math.PI));
      const half = 0.01 * Math.sqrt(h) + spread * h;
      return { t: at(h), expected: mid, lower: mid - half, upper: mid + half };
    });
    return { capacity, step: '1h', residualSigma: 0.01, points };
  }));
}

export const fixtures = {
  hosts: makeHosts(),
  anomalies: makeAnomalies(),
  alerts: makeAlerts(),
  rules: makeRules(),
  preferences: makePreferences(),
  models: makeModels(),
  series: SERIES,
  metrics,
  ruleProblem: {
    type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1', title: 'One or more validation errors occurred.', status: 400,
    errors: { Name: ['A name is required.'], '$.threshold.value': ['Must be a number.', 'Required.'], 'scope.hosts[0]': ['Empty host.'] },
  },
};
