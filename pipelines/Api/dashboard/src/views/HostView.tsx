import { useEffect, useMemo, useState } from 'react';
import { SeriesChart } from '../components/SeriesChart';
import { ErrorNote, HealthBadge, SeverityBadge, StateBadge } from '../components/Badge';
import { AckButton, SilenceButton } from './AlertsView';
import { useApi } from '../lib/hooks';
import { useLiveFrames } from '../lib/live';
import { formatAgo, formatMetric, formatPercent, formatTime, stepFor } from '../lib/format';
import { anomaliesForSeries, chartRows, contributionBars, defaultSeries, formatTags } from '../lib/shape';
import { exhaustionText, msLeft, resourceLabel, sortCapacity, urgency } from '../lib/capacity';
import type { Anomaly, CapacityItem, HostDetail, HostForecast, MetricSeries, Page } from '../lib/types';

const RANGES: { label: string; seconds: number }[] = [
  { label: '15 min', seconds: 900 },
  { label: '1 h', seconds: 3600 },
  { label: '6 h', seconds: 21600 },
  { label: '24 h', seconds: 86400 },
];

export function HostView({ host }: { host: string }) {
  const detail = useApi<HostDetail>(`/api/hosts/${encodeURIComponent(host)}`, undefined, 30000);
  // Forecasts are made hourly: a refresh every 5 minutes is plenty.
  const capacity = useApi<Page<CapacityItem>>('/api/capacity', { host, pageSize: 500 }, 300000);
  const [range, setRange] = useState(3600);
  const [anchor, setAnchor] = useState(() => Date.now());
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<Anomaly | null>(null);
  const [live, setLive] = useState<Anomaly[]>([]);

  useEffect(() => {
    const id = window.setInterval(() => { if (!document.hidden) setAnchor(Date.now()); }, 30000);
    return () => window.clearInterval(id);
  }, []);

  useLiveFrames(['anomaly', 'alert'], f => {
    if (f.type === 'anomaly' && (f.data as Anomaly).host === host) setLive(l => [f.data as Anomaly, ...l].slice(0, 200));
    if (f.type === 'alert') detail.reload();
  });

  const d = detail.data;
  const anomalies = useMemo(() => {
    const seen = new Set<string>();
    return [...live, ...(d?.recentAnomalies ?? [])].filter(a => (seen.has(a.id) ? false : (seen.add(a.id), true)))
      .sort((a, b) => Date.parse(b.windowStart) - Date.parse(a.windowStart));
  }, [live, d]);
  const allSeries = useMemo(() => [...(d?.series ?? [])].sort(), [d]);
  const forecasts = useMemo(() => sortCapacity(capacity.data?.items ?? [], 'expected'), [capacity.data]);
  const forecastMetric = useMemo(() => new Map(forecasts.map(f => [f.series, f.metric])), [forecasts]);
  // A resource forecast to run out is worth a chart: the two soonest join the default selection.
  const series = chosen ?? [...new Set([...forecasts.filter(f => f.exhaustionExpected).slice(0, 2).map(f => f.series), ...defaultSeries(allSeries, anomalies)])];
  const from = anchor - range * 1000;
  const to = anchor;
  const step = stepFor(range);

  const toggle = (s: string) => setChosen(series.includes(s) ? series.filter(x => x !== s) : [...series, s]);
  const visibleSeries = allSeries.filter(s => s.toLowerCase().includes(filter.toLowerCase()));

  return (
    <section aria-labelledby="host-title" className="host">
      <div className="view-head">
        <div>
          <a href="#/" className="muted small">← Fleet</a>
          <h1 id="host-title">{host} {d && <HealthBadge health={d.health} />}</h1>
          {d && <p className="muted small">last seen {formatAgo(d.lastSeen)} · {formatTags(d.tags) || 'no tags'}</p>}
        </div>
        <div role="radiogroup" aria-label="Time range" className="segmented">
          {RANGES.map(r => (
            <button key={r.seconds} type="button" role="radio" aria-checked={range === r.seconds} className={range === r.seconds ? 'on' : ''}
              onClick={() => { setRange(r.seconds); setAnchor(Date.now()); }}>{r.label}</button>
          ))}
        </div>
      </div>
      <ErrorNote error={detail.error} />
      {d && d.activeAlerts.length > 0 && (
        <div className="card">
          <h2 className="card-title">Active alerts</h2>
          <ul className="feed compact">
            {d.activeAlerts.map(a => (
              <li key={a.fingerprint}>
                <SeverityBadge severity={a.severity} /> <StateBadge state={a.state} /> <strong>{a.annotations?.summary ?? a.ruleId}</strong>
                <span className="muted small"> since {formatTime(a.startsAt)}</span>
                <span className="actions">{a.state !== 'acknowledged' && <AckButton alert={a} onDone={detail.reload} />}{!a.silenceId && <SilenceButton host={host} onDone={detail.reload} />}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {forecasts.length > 0 && <CapacityCard items={forecasts} shown={series} onToggle={toggle} />}
      <div className="host-grid">
        <aside className="card series-picker" aria-label="Series">
          <h2 className="card-title">Series <span className="muted small">{series.length} of {allSeries.length}</span></h2>
          <input type="search" placeholder="Filter series…" aria-label="Filter series" value={filter} onChange={e => setFilter(e.target.value)} />
          <ul>
            {visibleSeries.map(s => (
              <li key={s}>
                <label><input type="checkbox" checked={series.includes(s)} onChange={() => toggle(s)} /> {s}</label>
              </li>
            ))}
          </ul>
        </aside>
        <div className="charts">
          {series.length === 0 && <p className="empty">Pick a series on the left.</p>}
          {series.map(s => (
            <SeriesPanel key={s} host={host} series={s} from={from} to={to} step={step} anomalies={anomaliesForSeries(anomalies, s)}
              selected={selected?.id ?? null} onSelect={setSelected} forecastMetric={forecastMetric.get(s) ?? null} />
          ))}
        </div>
        <aside className="card anomalies-panel" aria-label="Anomalies">
          <h2 className="card-title">Anomalies <span className="muted small">{anomalies.length}</span></h2>
          {selected ? <Contributions anomaly={selected} onClose={() => setSelected(null)} /> : <p className="muted small">Select an anomaly to see its contributing metrics.</p>}
          <ul className="anomaly-list">
            {anomalies.slice(0, 50).map(a => (
              <li key={a.id}>
                <button type="button" className={`link${selected?.id === a.id ? ' on' : ''}`} onClick={() => setSelected(a)}>
                  <SeverityBadge severity={a.severity} /> {formatTime(a.windowStart)} <span className="muted">score {a.score.toFixed(2)}</span>
                </button>
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </section>
  );
}

function SeriesPanel({ host, series, from, to, step, anomalies, selected, onSelect, forecastMetric }: {
  host: string; series: string; from: number; to: number; step: string; anomalies: Anomaly[]; selected: string | null; onSelect: (a: Anomaly) => void; forecastMetric: string | null;
}) {
  const res = useApi<MetricSeries>(`/api/hosts/${encodeURIComponent(host)}/metrics`, { series, from: new Date(from).toISOString(), to: new Date(to).toISOString(), step });
  const rows = useMemo(() => chartRows(res.data?.points ?? [], res.data?.band ?? []), [res.data]);
  // The route answers every series of the metric (each mount): this chart takes its own.
  const forecast = useApi<HostForecast>(forecastMetric ? `/api/hosts/${encodeURIComponent(host)}/forecast` : null, { metric: forecastMetric ?? '' }, 300000);
  const own = forecast.data?.series.find(f => f.capacity.series === series) ?? null;
  if (res.error) return <div className="card"><h3 className="card-title">{series}</h3><ErrorNote error={res.error} /></div>;
  return <SeriesChart series={series} rows={rows} anomalies={anomalies} from={from} to={to} selectedAnomaly={selected} onSelectAnomaly={onSelect} forecast={own} />;
}

function CapacityCard({ items, shown, onToggle }: { items: CapacityItem[]; shown: string[]; onToggle: (series: string) => void }) {
  const now = Date.now();
  return (
    <div className="card" data-testid="host-capacity">
      <h2 className="card-title">Capacity <span className="muted small">latest forecasts · <a href="#/capacity">the fleet’s</a></span></h2>
      <ul className="feed compact capacity-list">
        {items.map(i => (
          <li key={i.series} data-series={i.series}>
            <span><strong>{resourceLabel(i)}</strong> <span className={`urgency-${urgency(msLeft(i.exhaustionExpected, now))}`}>{exhaustionText(i, now)}</span></span>
            <label className="toggle small"><input type="checkbox" checked={shown.includes(i.series)} onChange={() => onToggle(i.series)} /> chart</label>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Contributions({ anomaly, onClose }: { anomaly: Anomaly; onClose: () => void }) {
  const bars = contributionBars(anomaly);
  return (
    <div className="contributions" data-testid="contributions">
      <div className="row-between">
        <strong>{formatTime(anomaly.windowStart)}</strong>
        <button type="button" className="ghost small" onClick={onClose} aria-label="Close contributions">✕</button>
      </div>
      <p className="muted small">score {anomaly.score.toFixed(2)} / threshold {anomaly.threshold.toFixed(2)} · {anomaly.model} v{String(anomaly.modelVersion)} · {anomaly.consecutiveWindows} windows</p>
      <ul className="bars" aria-label="Contributing metrics">
        {bars.map(c => (
          <li key={c.series}>
            <div className="bar-label"><span>{c.series}</span><span>{formatPercent(c.share)}</span></div>
            <div className="bar" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(c.share * 100)} aria-label={`${c.series} share`}>
              <span style={{ width: `${Math.max(1, c.share * 100)}%` }} />
            </div>
            <div className="muted small">value {formatMetric(c.series, c.value)} · expected {formatMetric(c.series, c.expected)}</div>
          </li>
        ))}
        {bars.length === 0 && <li className="muted small">No contributions recorded.</li>}
      </ul>
    </div>
  );
}
