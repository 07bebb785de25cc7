import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, clearApiKey, getApiKey, liveUrl, onAuthChange, setApiKey, setFetch, withQuery } from './api';
import { href, parseRoute } from './router';
import { fixtures } from '../../mock/fixtures.mjs';

function respond(status: number, body: unknown, contentType = 'application/json') {
  return vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => new Response(body == null ? null : typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'Content-Type': contentType } }));
}

describe('api wrapper', () => {
  beforeEach(() => clearApiKey());

  it('sends the key as a bearer token and parses JSON', async () => {
    setApiKey(' stk_test ');
    const f = respond(200, { items: fixtures.hosts.slice(0, 2), page: 1, pageSize: 2, total: 50 });
    setFetch(f as unknown as typeof fetch);
    const page = await api<{ total: number }>('/api/hosts', { query: { search: '', sort: 'health', page: 1 } });
    expect(page.total).toBe(50);
    const [url, init] = f.mock.calls[0];
    expect(url).toBe('/api/hosts?sort=health&page=1');
    expect((init!.headers as Record<string, string>).Authorization).toBe('Bearer stk_test');
  });

  it('sends JSON bodies', async () => {
    setApiKey('stk_test');
    const f = respond(202, null);
    setFetch(f as unknown as typeof fetch);
    await expect(api('/api/alerts/fp-1/ack', { method: 'POST', body: { comment: 'on it' } })).resolves.toBeNull();
    const init = f.mock.calls[0][1]!;
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"comment":"on it"}');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('turns a problem+json 400 into an ApiError with the field errors', async () => {
    setApiKey('stk_test');
    setFetch(respond(400, fixtures.ruleProblem, 'application/problem+json') as unknown as typeof fetch);
    const err = await api('/api/rules/x', { method: 'PUT', body: {} }).catch((e: ApiError) => e) as ApiError & { problem: { errors: Record<string, string[]> } };
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(400);
    expect(err.problem.errors.Name).toEqual(['A name is required.']);
    expect(err.message).toBe('One or more validation errors occurred.');
  });

  it('keeps a non-JSON error body as the message', async () => {
    setApiKey('stk_test');
    setFetch(respond(502, 'Bad gateway', 'text/plain') as unknown as typeof fetch);
    await expect(api('/api/hosts')).rejects.toThrow('Bad gateway');
  });

  it('forgets the key on 401 and tells listeners, so the sign-in box returns', async () => {
    setApiKey('stk_old');
    const seen = vi.fn();
    const off = onAuthChange(seen);
    setFetch(respond(401, { title: 'Unauthorized' }) as unknown as typeof fetch);
    await expect(api('/api/hosts')).rejects.toMatchObject({ status: 401 });
    expect(getApiKey()).toBeNull();
    expect(seen).toHaveBeenCalled();
    off();
  });

  it('does not touch the stored key when trying another one', async () => {
    setApiKey('stk_good');
    setFetch(respond(401, {}) as unknown as typeof fetch);
    await expect(api('/api/hosts', { key: 'stk_bad' })).rejects.toMatchObject({ status: 401 });
    expect(getApiKey()).toBe('stk_good');
  });

  it('fails fast without a key', async () => {
    const f = respond(200, {});
    setFetch(f as unknown as typeof fetch);
    await expect(api('/api/hosts')).rejects.toMatchObject({ status: 401 });
    expect(f).not.toHaveBeenCalled();
  });

  it('builds query strings and the live URL with the key as access_token', () => {
    expect(withQuery('/x', { a: 1, b: '', c: null, d: 'x y' })).toBe('/x?a=1&d=x+y');
    expect(withQuery('/x?z=1', { a: true })).toBe('/x?z=1&a=true');
    setApiKey('stk_k');
    expect(liveUrl(['alerts', 'anomalies'], null, { protocol: 'https:', host: 'h:1' })).toBe('wss://h:1/api/live?feeds=alerts%2Canomalies&access_token=stk_k');
    expect(liveUrl(['windows'], 'web-1', { protocol: 'http:', host: 'h' })).toBe('ws://h/api/live?feeds=windows&host=web-1&access_token=stk_k');
  });
});

describe('hash router', () => {
  it.each([
    ['', { view: 'fleet' }], ['#/', { view: 'fleet' }], ['#/hosts/web%2F1', { view: 'host', host: 'web/1' }], ['#/alerts', { view: 'alerts' }],
    ['#/rules', { view: 'rules', id: null }], ['#/rules/cpu-saturated', { view: 'rules', id: 'cpu-saturated' }], ['#/preferences/ops', { view: 'preferences', id: 'ops' }],
    ['#/models/', { view: 'models' }], ['#/capacity', { view: 'capacity' }], ['#/nope', { view: 'notfound', path: 'nope' }],
  ])('%s', (hash, route) => expect(parseRoute(hash)).toEqual(route));
  it('round-trips href and parseRoute', () => {
    for (const r of [{ view: 'host', host: 'a b/c' }, { view: 'rules', id: 'x' }, { view: 'models' }, { view: 'capacity' }] as const) expect(parseRoute(href(r))).toEqual(r);
  });
});
