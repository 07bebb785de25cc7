import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, liveUrl, type Query } from './api';
import type { LiveFrame } from './types';

export interface Resource<T> { data: T | null; error: ApiError | Error | null; loading: boolean; reload: () => void; setData: (f: (d: T | null) => T | null) => void }

/** GETs a path (null: nothing yet), again when the path or query change, and every `refreshMs`. */
export function useApi<T>(path: string | null, query?: Query, refreshMs = 0): Resource<T> {
  const [data, setDataState] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [loading, setLoading] = useState(path != null);
  const [tick, setTick] = useState(0);
  const queryKey = JSON.stringify(query ?? {});

  useEffect(() => {
    if (path == null) return;
    const ctl = new AbortController();
    setLoading(true);
    api<T>(path, { query: JSON.parse(queryKey) as Query, signal: ctl.signal })
      .then(d => { setDataState(d); setError(null); })
      .catch(e => { if (!ctl.signal.aborted) setError(e as Error); })
      .finally(() => { if (!ctl.signal.aborted) setLoading(false); });
    return () => ctl.abort();
  }, [path, queryKey, tick]);

  useEffect(() => {
    if (!refreshMs || path == null) return;
    const id = window.setInterval(() => { if (!document.hidden) setTick(t => t + 1); }, refreshMs);
    return () => window.clearInterval(id);
  }, [refreshMs, path]);

  const reload = useCallback(() => setTick(t => t + 1), []);
  const setData = useCallback((f: (d: T | null) => T | null) => setDataState(f), []);
  return { data, error, loading, reload, setData };
}

export type LiveStatus = 'connecting' | 'live' | 'offline';

/**
 * Subscribes to /api/live for some feeds; reconnects with backoff. The handler may change
 * between renders without reconnecting.
 */
export function useLive(feeds: string[], onFrame: (f: LiveFrame) => void, host?: string | null): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const handler = useRef(onFrame);
  handler.current = onFrame;
  const feedKey = feeds.join(',');

  useEffect(() => {
    let ws: WebSocket | null = null;
    let stopped = false;
    let attempt = 0;
    let timer = 0;

    const connect = () => {
      if (stopped) return;
      setStatus('connecting');
      const socket = new WebSocket(liveUrl(feedKey.split(','), host, window.location));
      ws = socket;
      socket.onopen = () => { attempt = 0; setStatus('live'); };
      socket.onmessage = ev => {
        try {
          const frame = JSON.parse(String(ev.data)) as LiveFrame;
          if (frame && typeof frame.type === 'string') handler.current(frame);
        } catch {
          // a frame that is not JSON is ignored
        }
      };
      socket.onclose = () => {
        if (stopped) return;
        setStatus('offline');
        attempt++;
        timer = window.setTimeout(connect, Math.min(30000, 1000 * 2 ** Math.min(attempt, 5)));
      };
      socket.onerror = () => { /* onclose follows and reconnects */ };
    };
    connect();

    return () => {
      stopped = true;
      window.clearTimeout(timer);
      if (ws) {
        const s = ws;
        s.onmessage = null;
        s.onclose = null;
        // Closing a socket that is still connecting makes the browser log a warning: close it once open.
        if (s.readyState === WebSocket.CONNECTING) s.onopen = () => s.close(1000);
        else { s.onopen = null; s.close(1000); }
      }
    };
  }, [feedKey, host]);

  return status;
}

/** A clock that ticks every `ms`, so relative times ("5 s ago") stay fresh. */
export function useNow(ms = 5000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(id);
  }, [ms]);
  return now;
}

/** useApi for a fetch of its own (several requests, say): `load` runs again when `key` changes and every `refreshMs`. */
export function useLoader<T>(load: (signal: AbortSignal) => Promise<T>, key: string, refreshMs = 0): Resource<T> {
  const [data, setDataState] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    loader.current(ctl.signal)
      .then(d => { if (!ctl.signal.aborted) { setDataState(d); setError(null); } })
      .catch(e => { if (!ctl.signal.aborted) setError(e as Error); })
      .finally(() => { if (!ctl.signal.aborted) setLoading(false); });
    return () => ctl.abort();
  }, [key, tick]);

  useEffect(() => {
    if (!refreshMs) return;
    const id = window.setInterval(() => { if (!document.hidden) setTick(t => t + 1); }, refreshMs);
    return () => window.clearInterval(id);
  }, [refreshMs]);

  const reload = useCallback(() => setTick(t => t + 1), []);
  const setData = useCallback((f: (d: T | null) => T | null) => setDataState(f), []);
  return { data, error, loading, reload, setData };
}
