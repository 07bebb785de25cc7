import { useState, type FormEvent } from 'react';
import { api, ApiError, setApiKey } from '../lib/api';

/** Asks for the API key, checks it against the API, stores it. */
export function SignIn({ reason }: { reason: string | null }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const k = key.trim();
    if (!k) { setError('Enter an API key.'); return; }
    setBusy(true);
    setError(null);
    try {
      await api('/api/hosts', { query: { page: 1, pageSize: 1 }, key: k });
      setApiKey(k);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? 'The API rejected this key.' : `Could not reach the API: ${(err as Error).message}`);
      setBusy(false);
    }
  }

  return (
    <div className="signin-backdrop">
      <form className="signin card" onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">Streams</h1>
        <p className="muted">{reason ?? 'Sign in with an API key (stk_…).'}</p>
        <label htmlFor="api-key">API key</label>
        <input id="api-key" name="api-key" type="password" autoComplete="current-password" value={key}
          onChange={e => setKey(e.target.value)} placeholder="stk_…" autoFocus />
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Checking…' : 'Sign in'}</button>
        <p className="muted small">The key is kept in this browser's local storage. An admin key is written to <code>.streams-data/api/admin.key</code> by <code>streams up</code>.</p>
      </form>
    </div>
  );
}
