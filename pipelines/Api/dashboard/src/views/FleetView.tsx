import { useEffect, useMemo, useRef, useState } from 'react';
import { HeatMap } from '../components/HeatMap';
import { ErrorNote, HealthBadge } from '../components/Badge';
import { useApi, useNow } from '../lib/hooks';
import { useLiveFrames } from '../lib/live';
import { navigate } from '../lib/router';
import { formatAgo, formatNumber } from '../lib/format';
import { HEALTH_COLOURS, type ColourMode } from '../lib/health';
import { applyAlertToHosts, applyAnomalyToHosts, filterHosts, fleetCounts, sortHosts, type HostSortKey } from '../lib/shape';
import type { Alert, Anomaly, HostSummary, Page } from '../lib/types';

const FLEET_PAGE = 500;
const TABLE_PAGE = 50;

export function FleetView() {
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ key: HostSortKey; desc: boolean }>({ key: 'health', desc: true });
  const [mode, setMode] = useState<ColourMode>('health');
  const [tablePage, setTablePage] = useState(0);
  const now = useNow(5000);

  // Debounce the search box into the query.
  useEffect(() => {
    const id = window.setTimeout(() => { setQuery(search.trim()); setTablePage(0); }, 250);
    return () => window.clearTimeout(id);
  }, [search]);

  const serverSort = sort.key === 'alerts' ? 'health' : sort.key;
  const res = useApi<Page<HostSummary>>('/api/hosts', { search: query, sort: serverSort, page: 1, pageSize: FLEET_PAGE }, 15000);

  useLiveFrames(['alert', 'anomaly'], f => {
    res.setData(d => {
      if (!d) return d;
      const items = f.type === 'alert' ? applyAlertToHosts(d.items, f.data as Alert) : applyAnomalyToHosts(d.items, f.data as Anomaly);
      return { ...d, items };
    });
  });

  const hosts = useMemo(() => filterHosts(res.data?.items ?? [], query), [res.data, query]);
  const sorted = useMemo(() => sortHosts(hosts, sort.key, sort.desc), [hosts, sort]);
  const counts = useMemo(() => fleetCounts(hosts), [hosts]);

  // First render with data: a mark the browser tests read as "first page load".
  const marked = useRef(false);
  useEffect(() => {
    if (!marked.current && hosts.length > 0) {
      marked.current = true;
      requestAnimationFrame(() => performance.mark('streams:fleet-rendered'));
    }
  }, [hosts.length]);

  const pages = Math.max(1, Math.ceil(sorted.length / TABLE_PAGE));
  const page = Math.min(tablePage, pages - 1);
  const rows = sorted.slice(page * TABLE_PAGE, (page + 1) * TABLE_PAGE);

  const header = (key: HostSortKey, label: string, numeric = false) => {
    const active = sort.key === key;
    return (
      <th scope="col" className={numeric ? 'num' : ''} aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
        <button type="button" className="sort" onClick={() => setSort(s => ({ key, desc: s.key === key ? !s.desc : key !== 'name' }))}>
          {label}{active ? (sort.desc ? ' ▼' : ' ▲') : ''}
        </button>
      </th>
    );
  };

  return (
    <section aria-labelledby="fleet-title" className="fleet">
      <div className="view-head">
        <h1 id="fleet-title">Fleet</h1>
        <div className="counts" aria-label="Fleet summary" data-testid="fleet-counts">
          <span><strong>{res.data?.total ?? counts.total}</strong> hosts</span>
          {(['critical', 'down', 'warning', 'ok'] as const).map(h => (
            <span key={h}><i className="swatch" style={{ background: HEALTH_COLOURS[h] }} aria-hidden="true" />{counts[h]} {h}</span>
          ))}
          <span>{formatNumber(counts.anomalies1h)} anomalies (1 h)</span>
          <span>{counts.activeAlerts} active alerts</span>
        </div>
      </div>
      <div className="toolbar">
        <label className="search">
          <span className="sr-only">Search hosts</span>
          <input type="search" placeholder="Search hosts or tags…" value={search} onChange={e => setSearch(e.target.value)} aria-label="Search hosts" />
        </label>
        <div role="radiogroup" aria-label="Colour cells by" className="segmented">
          <button type="button" role="radio" aria-checked={mode === 'health'} className={mode === 'health' ? 'on' : ''} onClick={() => setMode('health')}>Health</button>
          <button type="button" role="radio" aria-checked={mode === 'anomalies'} className={mode === 'anomalies' ? 'on' : ''} onClick={() => setMode('anomalies')}>Anomaly rate</button>
        </div>
        <span className="muted small">{res.loading ? 'Refreshing…' : res.data ? `${hosts.length < (res.data.total ?? 0) ? `showing ${hosts.length} of ${res.data.total}` : ''}` : ''}</span>
      </div>
      <ErrorNote error={res.error} />
      {res.data && hosts.length === 0 && <p className="empty">{query ? `No host matches “${query}”.` : 'No host has reported yet. Start the collector or `streams simulate`.'}</p>}
      {hosts.length > 0 && (
        <div className="fleet-grid">
          <div className="card">
            <h2 className="card-title">Heat map <span className="muted small">({mode === 'health' ? 'health' : 'anomalies in the last hour'})</span></h2>
            <HeatMap hosts={sorted} mode={mode} onSelect={host => navigate({ view: 'host', host })} />
          </div>
          <div className="card table-card">
            <table className="table" data-testid="fleet-table">
              <caption className="sr-only">Hosts, sortable</caption>
              <thead>
                <tr>{header('name', 'Host')}{header('health', 'Health')}{header('anomalies', 'Anomalies 1h', true)}{header('alerts', 'Active alerts', true)}<th scope="col">Last seen</th></tr>
              </thead>
              <tbody>
                {rows.map(h => (
                  <tr key={h.host} data-host={h.host}>
                    <td><a href={`#/hosts/${encodeURIComponent(h.host)}`}>{h.host}</a></td>
                    <td><HealthBadge health={h.health} /></td>
                    <td className="num">{h.anomalies1h}</td>
                    <td className="num">{h.activeAlerts}</td>
                    <td className="muted">{formatAgo(h.lastSeen, now)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {pages > 1 && (
              <div className="pager">
                <button type="button" disabled={page === 0} onClick={() => setTablePage(page - 1)}>Previous</button>
                <span>{page + 1} / {pages}</span>
                <button type="button" disabled={page >= pages - 1} onClick={() => setTablePage(page + 1)}>Next</button>
              </div>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
