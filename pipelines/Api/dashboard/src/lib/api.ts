// The fetch wrapper: the API key as a bearer token, JSON in and out, RFC 7807 problems as errors,
// and a 401 that asks for the key again.
import type { Problem } from './types';

const KEY = 'streams.apiKey';

interface KeyStore { getItem(k: string): string | null; setItem(k: string, v: string): void; removeItem(k: string): void }

const memory = new Map<string, string>();
const fallback: KeyStore = {
  getItem: k => memory.get(k) ?? null,
  setItem: (k, v) => void memory.set(k, v),
  removeItem: k => void memory.delete(k),
};

function store(): KeyStore {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : fallback;
  } catch {
    return fallback;
  }
}

export function getApiKey(): string | null {
  return store().getItem(KEY);
}

export function setApiKey(key: string): void {
  store().setItem(KEY, key.trim());
  emit();
}

export function clearApiKey(): void {
  store().removeItem(KEY);
  emit();
}

type Listener = () => void;
const listeners = new Set<Listener>();

/** Called whenever the key changes or the API rejects it. */
export function onAuthChange(l: Listener): () => void {
  listeners.add(l);
  return () => void listeners.delete(l);
}

function emit() {
  for (const l of [...listeners]) l();
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  constructor(status: number, problem: Problem | null, message?: string) {
    super(message ?? problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** "/api/hosts" + {search: "web", page: 1, x: ""} → "/api/hosts?search=web&page=1" (empty values dropped). */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === null || v === undefined || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export interface RequestOptions { method?: string; body?: unknown; query?: Query; signal?: AbortSignal; /** a key to try instead of the stored one */ key?: string }

let fetcher: typeof fetch = (...args) => fetch(...args);

/** Tests swap the transport. */
export function setFetch(f: typeof fetch): void {
  fetcher = f;
}

export async function api<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
  const key = options.key ?? getApiKey();
  if (!key) {
    throw new ApiError(401, { title: 'Sign in with an API key' });
  }
  const headers: Record<string, string> = { Authorization: `Bearer ${key}`, Accept: 'application/json' };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const res = await fetcher(withQuery(path, options.query), { method: options.method ?? 'GET', headers, body, signal: options.signal });
  if (res.status === 401) {
    if (options.key === undefined) {
      store().removeItem(KEY);
      emit();
    }
    throw new ApiError(401, { title: 'The API key was rejected; sign in again' });
  }
  const text = await res.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!res.ok) {
    const problem = json && typeof json === 'object' ? (json as Problem) : { title: text || res.statusText, status: res.status };
    throw new ApiError(res.status, problem);
  }
  return json as T;
}

/** The WebSocket URL of the live feed, the key as access_token. */
export function liveUrl(feeds: string[], host: string | null | undefined, loc: { protocol: string; host: string }): string {
  const proto = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return withQuery(`${proto}//${loc.host}/api/live`, { feeds: feeds.join(','), host: host ?? undefined, access_token: getApiKey() ?? undefined });
}
