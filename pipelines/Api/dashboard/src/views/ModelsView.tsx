import { useMemo, useState } from 'react';
import { ErrorNote } from '../components/Badge';
import { useApi } from '../lib/hooks';
import { formatAgo, formatTime } from '../lib/format';
import { figureEntries } from '../lib/shape';
import type { ModelInfo, Page } from '../lib/types';

export function ModelsView() {
  const res = useApi<ModelInfo[] | Page<ModelInfo>>('/api/models', undefined, 60000);
  const [search, setSearch] = useState('');
  const models = useMemo(() => {
    const d = res.data;
    const all = Array.isArray(d) ? d : d?.items ?? [];
    const q = search.trim().toLowerCase();
    return all.filter(m => !q || `${m.name} ${m.host}`.toLowerCase().includes(q)).sort((a, b) => (a.host ?? '').localeCompare(b.host ?? '') || a.name.localeCompare(b.name));
  }, [res.data, search]);

  return (
    <section aria-labelledby="models-title">
      <div className="view-head">
        <h1 id="models-title">Models</h1>
        <input type="search" placeholder="Filter by host or model…" aria-label="Filter models" value={search} onChange={e => setSearch(e.target.value)} />
      </div>
      <ErrorNote error={res.error} />
      {res.data && models.length === 0 && <p className="empty">No model yet: hosts learn for their warm-up windows first, or run <code>streams train</code>.</p>}
      {models.length > 0 && (
        <div className="card table-card">
          <table className="table" data-testid="models-table">
            <thead><tr><th scope="col">Host</th><th scope="col">Model</th><th scope="col">Version</th><th scope="col">Trained</th><th scope="col">Figures</th></tr></thead>
            <tbody>
              {models.slice(0, 500).map(m => (
                <tr key={`${m.host}/${m.name}/${m.version}`}>
                  <td>{m.host ? <a href={`#/hosts/${encodeURIComponent(m.host)}`}>{m.host}</a> : '–'}</td>
                  <td>{m.name}</td>
                  <td>{String(m.version)}</td>
                  <td title={formatTime(m.trainedAt)}>{formatAgo(m.trainedAt)}</td>
                  <td className="figures">{figureEntries(m.figures).map(([k, v]) => <span key={k} className="figure"><span className="muted">{k}</span> {v}</span>)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
