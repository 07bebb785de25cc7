import { useMemo, useState } from 'react';
import { ErrorNote } from '../components/Badge';
import { useApi } from '../lib/hooks';
import { formatAgo, formatDuration, formatTime } from '../lib/format';
import { figureEntries } from '../lib/shape';
import type { ModelCoverage, ModelInfo, Page } from '../lib/types';

// The order a host moves through: nothing yet, its change detector, the fleet prior, its own model; or announced.
const COVERAGE = ['learning', 'change-only', 'fleet-prior', 'provisional', 'own-model', 'announced'];

export function ModelsView() {
  const res = useApi<ModelInfo[] | Page<ModelInfo>>('/api/models', undefined, 60000);
  const cov = useApi<ModelCoverage[]>('/api/models/coverage', undefined, 60000);
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
      <ErrorNote error={cov.error} />
      {cov.data && cov.data.length > 0 && (
        <div className="card table-card">
          <p data-testid="coverage-summary">
            {COVERAGE.map(c => [c, cov.data!.filter(h => h.coveredBy === c).length] as const).filter(([, n]) => n > 0).map(([c, n]) => <span key={c} className="figure"><span className="muted">{c}</span> {n}</span>)}
          </p>
          <table className="table" data-testid="coverage-table">
            <thead><tr><th scope="col">Host</th><th scope="col">Covered by</th><th scope="col">Model age</th><th scope="col">Next retrain</th></tr></thead>
            <tbody>
              {[...cov.data].sort((a, b) => COVERAGE.indexOf(a.coveredBy) - COVERAGE.indexOf(b.coveredBy) || a.host.localeCompare(b.host)).slice(0, 500).map(h => (
                <tr key={h.host}>
                  <td><a href={`#/hosts/${encodeURIComponent(h.host)}`}>{h.host}</a></td>
                  <td>{h.coveredBy}</td>
                  <td title={formatTime(h.trainedAt)}>{h.ageSeconds == null ? '–' : formatDuration(h.ageSeconds)}</td>
                  <td>{h.nextRetrainAt ? formatTime(h.nextRetrainAt) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {res.data && models.length === 0 && <p className="empty">No model yet: hosts learn for their warm-up windows first, or run <code>streams train</code>.</p>}
      {models.length > 0 && (
        <div className="card table-card">
          <table className="table" data-testid="models-table">
            <thead><tr><th scope="col">Host</th><th scope="col">Model</th><th scope="col">Origin</th><th scope="col">Version</th><th scope="col">Trained</th><th scope="col">Figures</th></tr></thead>
            <tbody>
              {models.slice(0, 500).map(m => (
                <tr key={`${m.host}/${m.name}/${m.version}`}>
                  <td>{m.host ? <a href={`#/hosts/${encodeURIComponent(m.host)}`}>{m.host}</a> : '–'}</td>
                  <td>{m.name}</td>
                  <td>{m.origin ?? 'announced'}</td>
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
