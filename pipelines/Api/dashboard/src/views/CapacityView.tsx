import { useMemo, useState } from 'react';
import { ErrorNote } from '../components/Badge';
import { useApi, useNow } from '../lib/hooks';
import { formatPercent, formatMetric, formatTime } from '../lib/format';
import { barTicks, exhaustionBar, exhaustionText, groupLabel, headroom, msLeft, resourceLabel, sortCapacity, urgency, formatLeft, type CapacitySortKey } from '../lib/capacity';
import type { CapacityItem, HeadroomReport, Page } from '../lib/types';

/** Rows the ranking shows; the API ranks the whole fleet, so these are the soonest to run out. */
const SHOWN = 500;
const BAR_WIDTH = 180;
const GROUP_KEYS = ['role', 'dc', 'mount'];
const METRICS: { value: string; label: string }[] = [
  { value: '', label: 'All resources' },
  { value: 'fs.used.percent', label: 'Disks' },
  { value: 'fs.inodes.used.percent', label: 'Inodes' },
  { value: 'mem.used.percent', label: 'Memory' },
  { value: 'swap.used', label: 'Swap' },
  { value: 'cpu.util', label: 'CPU' },
];
const WITHIN: { value: string; label: string }[] = [{ value: '', label: 'Any time' }, { value: '24h', label: 'Within 24 h' }, { value: '7d', label: 'Within 7 d' }];

export function CapacityView() {
  const [metric, setMetric] = useState('');
  const [within, setWithin] = useState('');
  const [rank, setRank] = useState<'expected' | 'earliest'>('expected');
  const [by, setBy] = useState('role');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<{ key: CapacitySortKey; desc: boolean } | null>(null);
  const now = useNow(30000);

  const capacity = useApi<Page<CapacityItem>>('/api/capacity', { sort: rank, within, metric, pageSize: SHOWN }, 60000);
  const report = useApi<HeadroomReport>('/api/capacity/headroom', { by, metric }, 60000);

  const items = useMemo(() => {
    const q = search.trim().toLowerCase();
    const all = capacity.data?.items ?? [];
    const found = q ? all.filter(i => `${i.host} ${i.series} ${resourceLabel(i)}`.toLowerCase().includes(q)) : all;
    // The API's order unless a column was clicked.
    return sort ? sortCapacity(found, sort.key, sort.desc) : found;
  }, [capacity.data, search, sort]);

  const totals = useMemo(() => (report.data?.groups ?? []).reduce(
    (t, g) => ({ series: t.series + g.series, day: t.day + g.exhaustWithin24h, week: t.week + g.exhaustWithin7d }), { series: 0, day: 0, week: 0 }), [report.data]);

  const filtered = Boolean(metric || within);
  const header = (key: CapacitySortKey, label: string, numeric = false) => {
    const active = sort?.key === key;
    return (
      <th scope="col" className={numeric ? 'num' : ''} aria-sort={active ? (sort!.desc ? 'descending' : 'ascending') : 'none'}>
        <button type="button" className="sort" onClick={() => setSort(s => ({ key, desc: s?.key === key ? !s.desc : false }))}>
          {label}{active ? (sort!.desc ? ' ▼' : ' ▲') : ''}
        </button>
      </th>
    );
  };

  return (
    <section aria-labelledby="capacity-title" className="capacity">
      <div className="view-head">
        <div>
          <h1 id="capacity-title">Capacity</h1>
          <p className="muted small">Each resource series’ latest forecast: when it reaches its limit, and the band of times its prediction interval allows.</p>
        </div>
        <div className="counts" aria-label="Capacity summary" data-testid="capacity-counts">
          <span><strong>{totals.series}</strong> series forecast</span>
          <span><i className="swatch urgency-critical" aria-hidden="true" /><strong>{totals.day}</strong> run out within 24 h</span>
          <span><i className="swatch urgency-warning" aria-hidden="true" /><strong>{totals.week}</strong> within 7 d</span>
        </div>
      </div>

      <div className="toolbar">
        <label className="search">
          <span className="sr-only">Search hosts and resources</span>
          <input type="search" placeholder="Search hosts or resources…" value={search} onChange={e => setSearch(e.target.value)} aria-label="Search hosts and resources" />
        </label>
        <label className="row-gap small"><span className="muted">Resource</span>
          <select value={metric} onChange={e => setMetric(e.target.value)} aria-label="Resource">{METRICS.map(m => <option key={m.value} value={m.value}>{m.label}</option>)}</select>
        </label>
        <div role="radiogroup" aria-label="Runs out" className="segmented">
          {WITHIN.map(w => <button key={w.value} type="button" role="radio" aria-checked={within === w.value} className={within === w.value ? 'on' : ''} onClick={() => setWithin(w.value)}>{w.label}</button>)}
        </div>
        <div role="radiogroup" aria-label="Rank by" className="segmented">
          <button type="button" role="radio" aria-checked={rank === 'expected'} className={rank === 'expected' ? 'on' : ''} onClick={() => { setRank('expected'); setSort(null); }}>Expected time</button>
          <button type="button" role="radio" aria-checked={rank === 'earliest'} className={rank === 'earliest' ? 'on' : ''} onClick={() => { setRank('earliest'); setSort(null); }}>Earliest (band)</button>
        </div>
      </div>

      <div className="card" data-testid="headroom">
        <div className="row-between">
          <h2 className="card-title">Fleet headroom by
            <select className="inline-select" value={by} onChange={e => setBy(e.target.value)} aria-label="Group headroom by tag">{GROUP_KEYS.map(k => <option key={k}>{k}</option>)}</select>
          </h2>
          <span className="muted small">runs out: expected time · headroom: share of the limit still free</span>
        </div>
        <ErrorNote error={report.error} />
        {report.data && report.data.groups.length === 0 && <p className="empty small">No forecast to group yet.</p>}
        {report.data && report.data.groups.length > 0 && (
          <div className="headroom-scroll">
          <table className="table" data-testid="headroom-table">
            <thead>
              <tr><th scope="col">{by}</th><th scope="col">Resource</th><th scope="col" className="num">Series</th><th scope="col" className="num">Hosts</th>
                <th scope="col" className="num">Run out ≤ 24 h</th><th scope="col" className="num">≤ 7 d</th><th scope="col">Median headroom</th><th scope="col">Median time left</th></tr>
            </thead>
            <tbody>
              {report.data.groups.map(g => {
                const left = msLeft(g.medianExhaustion, now);
                return (
                  <tr key={`${g.value ?? ''}|${g.metric}`} data-group={g.value ?? ''}>
                    <td className={g.value == null ? 'muted' : ''}>{groupLabel(g, by)}</td>
                    <td>{resourceLabel({ metric: g.metric, series: g.metric, tags: {} })}</td>
                    <td className="num">{g.series}</td>
                    <td className="num">{g.hosts}</td>
                    <td className={`num${g.exhaustWithin24h > 0 ? ' urgency-critical' : ''}`}>{g.exhaustWithin24h}</td>
                    <td className={`num${g.exhaustWithin7d > 0 ? ' urgency-warning' : ''}`}>{g.exhaustWithin7d}</td>
                    <td>
                      {g.medianHeadroom == null ? <span className="muted">–</span> : (
                        <span className="meter-cell">
                          <span className="meter" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(g.medianHeadroom * 100)} aria-label={`Median headroom ${formatPercent(g.medianHeadroom)}`}>
                            <span style={{ width: `${Math.max(1, g.medianHeadroom * 100)}%` }} className={`urgency-bg-${g.medianHeadroom < 0.1 ? 'critical' : g.medianHeadroom < 0.25 ? 'warning' : 'ok'}`} />
                          </span>
                          {formatPercent(g.medianHeadroom)}
                        </span>
                      )}
                    </td>
                    <td className={left == null ? 'muted' : `urgency-${urgency(left)}`}>{left == null ? 'beyond the horizon' : formatLeft(left)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          </div>
        )}
      </div>

      <div className="card table-card">
        <ErrorNote error={capacity.error} />
        {capacity.data && capacity.data.total === 0 && (
          <p className="empty" data-testid="capacity-empty">
            {filtered
              ? 'No resource runs out in this selection. Widen the resource or the time above.'
              : 'No forecast yet. The forecaster needs two completed hours of a series before its first forecast (four weeks to see a weekly season), and forecasts every hour; check that the forecaster role is running (streams status).'}
          </p>
        )}
        {items.length > 0 && (
          <table className="table capacity-table" data-testid="capacity-table">
            <caption className="sr-only">Hosts and resources ranked by time to exhaustion</caption>
            <thead>
              <tr>
                {header('host', 'Host')}{header('resource', 'Resource')}<th scope="col" className="num">Now</th>{header('headroom', 'Headroom', true)}
                {header(rank, 'Runs out')}
                <th scope="col"><span className="sr-only">Band of times</span><BarAxis /></th>
                <th scope="col">Model</th>
              </tr>
            </thead>
            <tbody>
              {items.map(i => {
                const left = msLeft(i.exhaustionExpected, now);
                const room = headroom(i);
                return (
                  <tr key={`${i.host}|${i.series}`} data-host={i.host} data-series={i.series}>
                    <td><a href={`#/hosts/${encodeURIComponent(i.host)}`}>{i.host}</a></td>
                    <td title={i.series}>{resourceLabel(i)}</td>
                    <td className="num">{formatMetric(i.series, i.lastValue)}</td>
                    <td className="num">{room == null ? '–' : formatPercent(room)}</td>
                    <td className={`exhaustion urgency-${urgency(left)}`}>{exhaustionText(i, now)}</td>
                    <td><ExhaustionBarCell item={i} now={now} /></td>
                    <td className="muted small" title={`made ${formatTime(i.generatedAt)}`}>{i.model.toLowerCase().replace('_', '-')}{i.seasonSteps > 0 ? ` · season ${i.seasonSteps} h` : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {capacity.data && capacity.data.total > capacity.data.items.length && (
          <p className="muted small pager">The {capacity.data.items.length} soonest of {capacity.data.total}; narrow with the filters above.</p>
        )}
      </div>
    </section>
  );
}

function ExhaustionBarCell({ item, now }: { item: CapacityItem; now: number }) {
  const bar = exhaustionBar(item, now, BAR_WIDTH);
  const level = urgency(msLeft(item.exhaustionExpected, now) ?? msLeft(item.exhaustionEarliest, now));
  return (
    <svg className="cap-bar" width={BAR_WIDTH} height={14} role="img" aria-label={exhaustionText(item, now)}>
      <rect className="cap-track" width={BAR_WIDTH} height={14} rx={3} />
      {barTicks(BAR_WIDTH).slice(0, -1).map(t => <line key={t.label} className="cap-tick" x1={t.x} x2={t.x} y1={0} y2={14} />)}
      {bar.band && <rect className={`cap-band urgency-fill-${level}`} x={bar.band[0]} width={Math.max(2, bar.band[1] - bar.band[0])} y={3} height={8} rx={2} />}
      {bar.expected != null && <line className={`cap-expected urgency-stroke-${level}`} x1={bar.expected} x2={bar.expected} y1={0} y2={14} />}
    </svg>
  );
}

function BarAxis() {
  return (
    <svg className="cap-axis" width={BAR_WIDTH} height={14} aria-hidden="true">
      {barTicks(BAR_WIDTH).map(t => <text key={t.label} x={t.x} y={11} textAnchor={t.x >= BAR_WIDTH ? 'end' : 'middle'}>{t.label}</text>)}
    </svg>
  );
}
