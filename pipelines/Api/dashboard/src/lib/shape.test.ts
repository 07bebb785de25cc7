import { describe, expect, it } from 'vitest';
import {
  anomaliesForSeries, applyAlertToHosts, applyAnomalyToHosts, channelField, chartRows, contributionBars, defaultSeries, figureEntries, filterHosts,
  fleetCounts, formatTags, hostMatcher, matchesStateFilter, newPreference, newRule, normaliseField, parseList, parseTags, previewTimeline,
  problemFieldErrors, sortFeed, sortHosts, upsertAlert, validatePreference, validateRule, withKind, yExtent,
} from './shape';
import { fixtures } from '../../mock/fixtures.mjs';
import type { Alert, Anomaly, HostSummary } from './types';

const hosts = fixtures.hosts as HostSummary[];
const anomalies = fixtures.anomalies as Anomaly[];
const alerts = fixtures.alerts as Alert[];

describe('fleet shaping', () => {
  it('sorts by name with numbers in order', () => {
    const names = sortHosts(hosts, 'name', false).map(h => h.host);
    expect(names.indexOf('web-2')).toBeLessThan(names.indexOf('web-10'));
    expect(sortHosts(hosts, 'name', true).map(h => h.host)).toEqual([...names].reverse());
  });
  it('sorts by health worst first, names breaking ties', () => {
    const sorted = sortHosts(hosts, 'health', true);
    expect(sorted[0].health).toBe('critical');
    expect(sorted.at(-1)!.health).toBe('ok');
    const oks = sorted.filter(h => h.health === 'ok').map(h => h.host);
    expect(oks).toEqual([...oks].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
  });
  it('sorts by anomalies and alerts both ways', () => {
    const desc = sortHosts(hosts, 'anomalies', true).map(h => h.anomalies1h);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    const asc = sortHosts(hosts, 'alerts', false).map(h => h.activeAlerts);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
  });
  it('does not mutate its input', () => {
    const before = hosts.map(h => h.host);
    sortHosts(hosts, 'health', true);
    expect(hosts.map(h => h.host)).toEqual(before);
  });
  it('filters by name and tags', () => {
    expect(filterHosts(hosts, 'WEB-1').map(h => h.host)).toEqual(['web-1', 'web-10']);
    expect(filterHosts(hosts, 'dc=fra').length).toBeGreaterThan(0);
    expect(filterHosts(hosts, '  ')).toBe(hosts);
  });
  it('counts the fleet', () => {
    const c = fleetCounts(hosts);
    expect(c.total).toBe(hosts.length);
    expect(c.ok + c.warning + c.critical + c.down + c.unknown).toBe(hosts.length);
    expect(c.activeAlerts).toBe(hosts.reduce((s, h) => s + h.activeAlerts, 0));
  });
  it('applies live alerts and anomalies to host summaries', () => {
    const firing = { ...alerts[0], state: 'firing', severity: 'critical', labels: { host: 'web-2' } };
    const after = applyAlertToHosts(hosts, firing).find(h => h.host === 'web-2')!;
    expect(after.health).toBe('critical');
    expect(after.activeAlerts).toBeGreaterThanOrEqual(1);
    expect(applyAlertToHosts(hosts, { ...firing, labels: {} })).toBe(hosts);
    const a = { ...anomalies[0], host: 'web-2', score: 99 };
    const bumped = applyAnomalyToHosts(hosts, a).find(h => h.host === 'web-2')!;
    expect(bumped.anomalies1h).toBe(hosts.find(h => h.host === 'web-2')!.anomalies1h + 1);
    expect(bumped.score1h).toBe(99);
  });
  it('does not turn a down host into a warning one', () => {
    const down = hosts.find(h => h.health === 'down')!;
    const a = { ...alerts[0], state: 'firing', severity: 'warning', labels: { host: down.host } };
    expect(applyAlertToHosts(hosts, a).find(h => h.host === down.host)!.health).toBe('down');
  });
});

describe('chart shaping', () => {
  const m = fixtures.metrics('web-1', 'cpu.util', Date.parse('2026-11-25T10:00:00Z'), 30);
  it('joins points and band by time, sorted', () => {
    const rows = chartRows([...m.points].reverse(), m.band);
    expect(rows).toHaveLength(30);
    expect(rows.map(r => r.t)).toEqual([...rows.map(r => r.t)].sort((a, b) => a - b));
    expect(rows[0].low).not.toBeNull();
    expect(rows[0].mean).toBe(m.points[0].mean);
  });
  it('keeps band-only times and drops bad times', () => {
    const rows = chartRows([{ t: 'bad', mean: 1, min: 1, max: 1, p95: 1 }], [{ t: '2026-11-25T10:00:00Z', low: 0, high: 2 }]);
    expect(rows).toEqual([{ t: Date.parse('2026-11-25T10:00:00Z'), mean: null, min: null, max: null, low: 0, high: 2 }]);
  });
  it('pads the y extent and handles flat and empty data', () => {
    expect(yExtent([])).toEqual([0, 1]);
    const flat = yExtent([{ t: 0, mean: 5, min: 5, max: 5, low: null, high: null }]);
    expect(flat[0]).toBeLessThan(5);
    expect(flat[1]).toBeGreaterThan(5);
    const [lo, hi] = yExtent(chartRows(m.points, m.band));
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeGreaterThan(0);
  });
  it('finds the anomalies of a series, by series or contribution', () => {
    const cpu = anomaliesForSeries(anomalies, 'cpu.util');
    expect(cpu.length).toBeGreaterThan(0);
    expect(cpu.every(a => a.series === 'cpu.util' || a.contributions.some(c => c.series === 'cpu.util'))).toBe(true);
    expect(anomaliesForSeries(anomalies, 'nothing.here')).toEqual([]);
  });
  it('charts the blamed series first', () => {
    const all = ['cpu.util', 'disk.util', 'load1', 'mem.used.percent', 'net.rx.bytes', 'tcp.retransmits'];
    const pick = defaultSeries(all, [{ ...anomalies[0], contributions: [{ series: 'tcp.retransmits', share: 0.7, value: 1, expected: 0 }] }]);
    expect(pick[0]).toBe('tcp.retransmits');
    expect(pick).toHaveLength(4);
    expect(new Set(pick).size).toBe(4);
    expect(defaultSeries([], [])).toEqual([]);
  });
  it('normalises contribution shares and sorts them', () => {
    const bars = contributionBars({ ...anomalies[0], contributions: [{ series: 'a', share: 1, value: 0, expected: 0 }, { series: 'b', share: 3, value: 0, expected: 0 }] });
    expect(bars.map(b => b.series)).toEqual(['b', 'a']);
    expect(bars[0].share).toBeCloseTo(0.75);
    expect(contributionBars(null)).toEqual([]);
  });
});

describe('alert feed', () => {
  it('upserts by fingerprint, newest first, capped', () => {
    const a = alerts[0];
    const newer = { ...a, state: 'acknowledged', updatedAt: '2030-01-01T00:00:00Z' };
    const feed = upsertAlert(alerts, newer);
    expect(feed.filter(x => x.fingerprint === a.fingerprint)).toHaveLength(1);
    expect(feed[0]).toEqual(newer);
    expect(upsertAlert(alerts, newer, 2)).toHaveLength(2);
  });
  it('filters by state, active meaning not resolved', () => {
    expect(matchesStateFilter({ ...alerts[0], state: 'firing' }, 'active')).toBe(true);
    expect(matchesStateFilter({ ...alerts[0], state: 'resolved' }, 'active')).toBe(false);
    expect(matchesStateFilter({ ...alerts[0], state: 'resolved' }, 'resolved')).toBe(true);
    expect(matchesStateFilter({ ...alerts[0], state: 'pending' }, 'all')).toBe(true);
  });
  it('sorts the feed newest first', () => {
    const sorted = sortFeed(alerts);
    for (let i = 1; i < sorted.length; i++) expect(Date.parse(sorted[i - 1].updatedAt)).toBeGreaterThanOrEqual(Date.parse(sorted[i].updatedAt));
  });
  it('quotes host matchers', () => {
    expect(hostMatcher('web-1')).toBe('host="web-1"');
    expect(hostMatcher('we"ird\\')).toBe('host="we\\"ird\\\\"');
  });
});

describe('rules', () => {
  it('keeps only the condition block of the kind', () => {
    const r = withKind(newRule('threshold'), 'log');
    expect(r.log).toBeDefined();
    expect('threshold' in r).toBe(false);
    const back = withKind(r, 'threshold');
    expect(back.threshold?.metric).toBe('cpu.util');
    expect('log' in back).toBe(false);
  });
  it('validates ids, names, durations and kind fields', () => {
    const ok = { ...newRule('threshold'), id: 'cpu-hot', name: 'CPU hot' };
    expect(validateRule(ok)).toEqual({});
    const bad = validateRule({ ...ok, id: 'no spaces', name: ' ', for: 'soon', threshold: { ...ok.threshold!, metric: '', value: Number.NaN } });
    expect(Object.keys(bad).sort()).toEqual(['for', 'id', 'name', 'threshold.metric', 'threshold.value']);
    expect(validateRule({ ...withKind(ok, 'noData'), noData: { after: 'x' } })).toHaveProperty('nodata.after');
    expect(validateRule({ ...withKind(ok, 'log'), log: { ...withKind(ok, 'log').log!, minCount: 0 } })).toHaveProperty('log.mincount');
    const forecast = withKind(ok, 'forecast');
    expect(validateRule(forecast)).toEqual({});
    const badForecast = validateRule({ ...forecast, forecast: { ...forecast.forecast!, metric: '', horizon: '30m', clear: '10m', limit: Number.NaN } });
    expect(Object.keys(badForecast).sort()).toEqual(['forecast.clear', 'forecast.horizon', 'forecast.limit', 'forecast.metric']);
    expect(validateRule({ ...forecast, forecast: { ...forecast.forecast!, horizon: '24h', clear: '12h' } })).toHaveProperty('forecast.clear');
  });
  it('maps a 400 problem onto fields', () => {
    const e = problemFieldErrors(fixtures.ruleProblem);
    expect(e['threshold.value']).toBe('Must be a number. Required.');
    expect(e.name).toBe('A name is required.');
    expect(e['scope.hosts.0']).toBe('Empty host.');
    expect(problemFieldErrors(null)).toEqual({});
    expect(normaliseField('$.Threshold.Value')).toBe('threshold.value');
    expect(normaliseField('channels[2]/url')).toBe('channels.2.url');
  });
  it('lays preview episodes on a 24 h timeline', () => {
    const to = Date.parse('2026-11-25T12:00:00Z');
    const from = to - 86400000;
    const t = previewTimeline({
      fired: 2, evaluatedWindows: 100, hosts: [{ host: 'web-1', episodes: [
        { start: '2026-11-25T00:00:00Z', end: '2026-11-25T06:00:00Z' }, { start: '2026-11-24T06:00:00Z', end: '2026-11-24T12:00:01Z' }, { start: '2026-11-25T11:59:59Z', end: null },
      ] }],
    }, from, to);
    const [a, b, c] = t[0].segments;
    expect(a.left).toBeCloseTo(50);
    expect(a.width).toBeCloseTo(25);
    expect(b.left).toBe(0);
    expect(b.width).toBeLessThan(0.5);
    expect(c.width).toBe(0.4);
  });
  it('parses tags and lists', () => {
    expect(parseTags('dc=fra, role = web ,bad, =x')).toEqual({ dc: 'fra', role: 'web' });
    expect(formatTags({ dc: 'fra', role: 'web' })).toBe('dc=fra, role=web');
    expect(parseList(' a, ,b ')).toEqual(['a', 'b']);
  });
});

describe('preferences and models', () => {
  it('knows where each channel keeps its destination', () => {
    expect(channelField('email')).toBe('address');
    expect(channelField('slack')).toBe('url');
    expect(channelField('alertmanager_webhook')).toBe('url');
    expect(channelField('dashboard')).toBe('name');
  });
  it('validates a preference', () => {
    const p = { ...newPreference(), name: 'ops', channels: [{ type: 'email', address: 'ops@example.org' }] };
    expect(validatePreference(p)).toEqual({});
    const e = validatePreference({ ...p, name: '', groupWait: 'x', channels: [{ type: 'slack', url: 'ftp://x' }, { type: 'email', address: 'nope' }] });
    expect(Object.keys(e).sort()).toEqual(['channels.0.url', 'channels.1.address', 'groupwait', 'name']);
    expect(validatePreference({ ...p, channels: [] })).toHaveProperty('channels');
  });
  it('flattens model figures for display', () => {
    expect(figureEntries({ f1: 0.912345, windows: 360, pca: { components: 5 }, list: [1, 2], none: null })).toEqual([
      ['f1', '0.912'], ['windows', '360'], ['pca.components', '5'], ['list', '[2]'], ['none', '–'],
    ]);
  });
});
