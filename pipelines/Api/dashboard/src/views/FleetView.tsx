import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { HeatMap } from '../components/HeatMap';
import { ErrorNote, HealthBadge } from '../components/Badge';
import { api } from '../lib/api';
import { useLoader, useNow } from '../lib/hooks';
import { useLiveFrames } from '../lib/live';
import { navigate } from '../lib/router';
import { formatAgo, formatNumber } from '../lib/format';
import { HEALTH_COLOURS, type ColourMode } from '../lib/health';
import { fetchAllPages } from '../lib/paging';
import { virtualWindow } from '../lib/virtual';
import { applyAlertToHosts, applyAnomalyToHosts, filterHosts, fleetCounts, sortHosts, type HostSortKey } from '../lib/shape';
import type { Alert, Anomaly, HostSummary, Page } from '../lib/types';

/** The API's largest page for /api/hosts: the simulator's whole fleet in one request. */
const FLEET_PAGE = 10_000;
/** Past this the view shows the worst hosts first and says how many it left out. */
const FLEET_MAX = 50_000;
/** Fixed so the visible rows follow from the scroll offset alone; measured once to match the CSS. */
const ROW_HEIGHT = 37;
/** Rows always in the DOM (the table's old page): cheap, and find-in-page still reaches them. */
const MIN_ROWS = 50;

const loadFleet = (signal: AbortSignal) => fetchAllPages(
  page => api<Page<HostSummary>>('/api/hosts', { query: { sort: 'health', page, pageSize: FLEET_PAGE }, signal }),
  h => h.host,
  FLEET_MAX);

export function FleetView() {
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ key: HostSortKey; desc: boolean }>({ key: 'health', desc: true });
  const [mode, setMode] = useState<ColourMode>('health');
  const now = useNow(5000);
  const scroller = useRef<HTMLDivElement | null>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 0, head: ROW_HEIGHT, row: ROW_HEIGHT });

  // Debounce the search box into the query.
  useEffect(() => {
    const id = window.setTimeout(() => {
      setQuery(search.trim());
      if (scroller.current) scroller.current.scrollTop = 0;
    }, 250);
    return () => window.clearTimeout(id);
  }, [search]);

  // The whole fleet once, then searched and sorted here: a keystroke or a column click costs no request.
  const res = useLoader(loadFleet, 'fleet', 15000);

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

  // Track the scroller's size; the header and row heights come from the CSS, read once rendered.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => {
      const head = el.querySelector('thead')?.getBoundingClientRect().height ?? ROW_HEIGHT;
      const row = el.querySelector('tbody tr')?.getBoundingClientRect().height ?? ROW_HEIGHT;
      setScroll(s => (s.height === el.clientHeight && s.head === head && Math.abs(s.row - row) < 0.01 ? s : { ...s, height: el.clientHeight, head, row: row > 0 ? row : s.row }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [hosts.length > 0]);

  const win = virtualWindow({ count: sorted.length, rowHeight: scroll.row, scrollTop: scroll.top, viewport: scroll.height - scroll.head, overscan: 10, minRows: MIN_ROWS });
  const rows = sorted.slice(win.start, win.end);

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
          <span><strong>{query ? counts.total : res.data?.total ?? counts.total}</strong> hosts</span>
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
        <span className="muted small">{res.loading ? 'Refreshing…' : res.data ? `${res.data.items.length < res.data.total ? `loaded the worst ${res.data.items.length} of ${res.data.total}` : ''}` : ''}</span>
      </div>
      <ErrorNote error={res.error} />
      {res.data && hosts.length === 0 && <p className="empty">{query ? `No host matches “${query}”.` : 'No host has reported yet. Start the collector or `streams simulate`.'}</p>}
      {hosts.length > 0 && (
        <div className="fleet-grid">
          <div className="card">
            <h2 className="card-title">Heat map <span className="muted small">({mode === 'health' ? 'health' : 'anomalies in the last hour'})</span></h2>
            <HeatMap hosts={sorted} mode={mode} onSelect={host => navigate({ view: 'host', host })} />
          </div>
          <div
            className="card table-card fleet-rows"
            ref={scroller}
            tabIndex={0}
            aria-label="Hosts table, scrollable"
            onScroll={e => { const top = e.currentTarget.scrollTop; setScroll(s => (s.top === top ? s : { ...s, top })); }}
          >
            {/* As tall as every row, so the scrollbar is the fleet's; the table holds the visible window only. */}
            {/* Padding, not the table's margin: a margin would collapse through this box and grow the scroll height. */}
            <div style={{ height: scroll.head + win.total, paddingTop: win.offset, boxSizing: 'border-box' }}>
              <table className="table virtual" data-testid="fleet-table" aria-rowcount={sorted.length + 1}>
                <caption className="sr-only">Hosts, sortable</caption>
                <colgroup><col /><col className="w-health" /><col className="w-num" /><col className="w-num" /><col className="w-seen" /></colgroup>
                <thead>
                  <tr aria-rowindex={1}>{header('name', 'Host')}{header('health', 'Health')}{header('anomalies', 'Anomalies 1h', true)}{header('alerts', 'Active alerts', true)}<th scope="col">Last seen</th></tr>
                </thead>
                <tbody>
                  {rows.map((h, i) => (
                    <tr key={h.host} data-host={h.host} aria-rowindex={win.start + i + 2}>
                      <td><a href={`#/hosts/${encodeURIComponent(h.host)}`}>{h.host}</a></td>
                      <td><HealthBadge health={h.health} /></td>
                      <td className="num">{h.anomalies1h}</td>
                      <td className="num">{h.activeAlerts}</td>
                      <td className="muted">{formatAgo(h.lastSeen, now)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
