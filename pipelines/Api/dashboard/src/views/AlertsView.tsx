import { useMemo, useState, type FormEvent } from 'react';
import { ErrorNote, SeverityBadge, StateBadge } from '../components/Badge';
import { api } from '../lib/api';
import { useApi, useNow } from '../lib/hooks';
import { useLiveFrames } from '../lib/live';
import { formatAgo, formatNumber, formatTime } from '../lib/format';
import { hostMatcher, matchesStateFilter, sortFeed, upsertAlert } from '../lib/shape';
import type { Alert, Page, Silence } from '../lib/types';

const STATES = ['active', 'firing', 'pending', 'acknowledged', 'silenced', 'resolved'];

export function AlertsView() {
  const [state, setState] = useState('active');
  const res = useApi<Page<Alert>>('/api/alerts', { state, page: 1, pageSize: 200 }, 30000);
  const silences = useApi<Silence[] | Page<Silence>>('/api/silences', { pageSize: 500 }, 60000);
  const [liveCount, setLiveCount] = useState(0);
  const now = useNow(5000);

  useLiveFrames(['alert'], f => {
    const a = f.data as Alert;
    setLiveCount(c => c + 1);
    res.setData(d => {
      const items = d?.items ?? [];
      const next = matchesStateFilter(a, state) ? upsertAlert(items, a) : items.filter(x => x.fingerprint !== a.fingerprint);
      return { items: next, page: d?.page ?? 1, pageSize: d?.pageSize ?? 200, total: Math.max(d?.total ?? 0, next.length) };
    });
  });

  const feed = useMemo(() => sortFeed(res.data?.items ?? []), [res.data]);
  const silenceList = Array.isArray(silences.data) ? silences.data : silences.data?.items ?? [];

  return (
    <section aria-labelledby="alerts-title">
      <div className="view-head">
        <h1 id="alerts-title">Alerts</h1>
        <div className="toolbar">
          <label>State <select value={state} onChange={e => setState(e.target.value)} aria-label="Filter by state">
            {STATES.map(s => <option key={s} value={s}>{s}</option>)}
          </select></label>
          <span className="muted small" aria-live="polite">{res.data ? `${feed.length} shown · ${liveCount} live updates` : ''}</span>
        </div>
      </div>
      <ErrorNote error={res.error} />
      {res.data && feed.length === 0 && <p className="empty">No {state === 'active' ? 'active' : state} alerts.</p>}
      <ol className="feed" data-testid="alert-feed" aria-label="Alert feed, newest first">
        {feed.map(a => (
          <li key={a.fingerprint} className={`alert-item ${a.state}`} data-fingerprint={a.fingerprint} data-state={a.state} data-host={a.labels?.host ?? ''}>
            <div className="alert-main">
              <div className="alert-badges"><SeverityBadge severity={a.severity} /> <StateBadge state={a.state} />{a.flapping && <span className="badge sev-warning">flapping</span>}{a.escalationLevel > 0 && <span className="badge sev-major">escalated {a.escalationLevel}</span>}</div>
              <div className="alert-text">
                <strong>{a.annotations?.summary || a.ruleId}</strong>
                <div className="muted small">
                  {a.labels?.host && <a href={`#/hosts/${encodeURIComponent(a.labels.host)}`}>{a.labels.host}</a>} · rule {a.ruleId}
                  {a.value != null && <> · value {formatNumber(a.value)}</>} · since {formatTime(a.startsAt)} · updated {formatAgo(a.updatedAt, now)}
                  {a.acknowledgedBy && <> · acknowledged by {a.acknowledgedBy}</>}
                </div>
              </div>
            </div>
            <div className="actions">
              {a.state !== 'resolved' && a.state !== 'acknowledged' && <AckButton alert={a} onDone={res.reload} />}
              {a.state !== 'resolved' && a.labels?.host && !a.silenceId && <SilenceButton host={a.labels.host} onDone={() => { res.reload(); silences.reload(); }} />}
            </div>
          </li>
        ))}
      </ol>
      <div className="card">
        <h2 className="card-title">Silences</h2>
        <ErrorNote error={silences.error} />
        {silenceList.length === 0 ? <p className="muted small">No silences.</p> : (
          <table className="table">
            <thead><tr><th scope="col">Matchers</th><th scope="col">Ends</th><th scope="col">Comment</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {silenceList.map(s => (
                <tr key={s.id}>
                  <td><code>{s.matchers.join(', ')}</code></td>
                  <td>{formatTime(s.endsAt)}</td>
                  <td>{s.comment}</td>
                  <td><button type="button" className="ghost small" onClick={async () => { await api(`/api/silences/${encodeURIComponent(s.id)}`, { method: 'DELETE' }); silences.reload(); res.reload(); }}>Expire</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

/** Acknowledge with a comment, in a small inline form. */
export function AckButton({ alert, onDone }: { alert: Alert; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api(`/api/alerts/${encodeURIComponent(alert.fingerprint)}/ack`, { method: 'POST', body: { comment } });
      setDone(true);
      setOpen(false);
      onDone();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  }

  if (done) return <span className="muted small" role="status">Acknowledged</span>;
  if (!open) return <button type="button" onClick={() => setOpen(true)} aria-label={`Acknowledge ${alert.annotations?.summary ?? alert.ruleId}`}>Acknowledge</button>;
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Acknowledge alert">
      <label className="sr-only" htmlFor={`ack-${alert.fingerprint}`}>Comment</label>
      <input id={`ack-${alert.fingerprint}`} placeholder="Comment (what you are doing)" value={comment} onChange={e => setComment(e.target.value)} autoFocus />
      <button type="submit" className="primary" disabled={busy}>Confirm</button>
      <button type="button" className="ghost" onClick={() => setOpen(false)}>Cancel</button>
      <ErrorNote error={error} />
    </form>
  );
}

const DURATIONS = ['30m', '1h', '2h', '4h', '8h', '24h'];

/** Silence a host for a while. */
export function SilenceButton({ host, onDone }: { host: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [duration, setDuration] = useState('2h');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api('/api/silences', { method: 'POST', body: { matchers: [hostMatcher(host)], duration, comment } });
      setDone(true);
      setOpen(false);
      onDone();
    } catch (err) {
      setError(err as Error);
    }
  }

  if (done) return <span className="muted small" role="status">Silenced</span>;
  if (!open) return <button type="button" className="ghost" onClick={() => setOpen(true)} aria-label={`Silence ${host}`}>Silence</button>;
  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Silence ${host}`}>
      <code>{hostMatcher(host)}</code>
      <label>for <select value={duration} onChange={e => setDuration(e.target.value)} aria-label="Silence duration">{DURATIONS.map(d => <option key={d}>{d}</option>)}</select></label>
      <input placeholder="Comment" aria-label="Silence comment" value={comment} onChange={e => setComment(e.target.value)} />
      <button type="submit" className="primary">Silence</button>
      <button type="button" className="ghost" onClick={() => setOpen(false)}>Cancel</button>
      <ErrorNote error={error} />
    </form>
  );
}
