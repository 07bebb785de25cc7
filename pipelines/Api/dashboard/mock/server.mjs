// A development stand-in for the Streams API: serves the built dashboard (../Streams.Api/wwwroot)
// and the API's routes with fixture data, plus /api/live as a WebSocket that sends an alert frame
// every few seconds. Key: stk_mock. Usage: node mock/server.mjs [port]  (default 5180).
// Not used by the end-to-end tests, which run against a real `streams up`.
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeAlerts, makeAnomalies, makeForecasts, makeHosts, makeModels, makePreferences, makeRules, metrics } from './fixtures.mjs';

const port = Number(process.argv[2] ?? process.env.PORT ?? 5180);
// MOCK_HOSTS=10000 serves a simulator-sized fleet.
const extraHosts = Number(process.env.MOCK_HOSTS ?? 40);
const root = fileURLToPath(new URL('../../Streams.Api/wwwroot/', import.meta.url));
const KEY = 'stk_mock';
const now = () => Date.now();
const state = { alerts: makeAlerts(now()), rules: makeRules(), preferences: makePreferences(), silences: [] };
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };

const page = (items, q) => {
  const p = Number(q.get('page') ?? 1);
  const size = Math.min(Number(q.get('pageSize') ?? 50), 10_000);
  return { items: items.slice((p - 1) * size, p * size), page: p, pageSize: size, total: items.length };
};
const problem = (res, status, title, errors) => send(res, status, { type: 'about:blank', title, status, errors }, 'application/problem+json');
function send(res, status, body, type = 'application/json') {
  res.writeHead(status, { 'Content-Type': type });
  res.end(body === undefined ? '' : JSON.stringify(body));
}
async function readBody(req) {
  let s = '';
  for await (const chunk of req) s += chunk;
  return s ? JSON.parse(s) : null;
}

async function routeApi(req, res, url) {
  const auth = req.headers.authorization ?? '';
  if (auth !== `Bearer ${KEY}`) return problem(res, 401, 'Unauthorized');
  const q = url.searchParams;
  const parts = url.pathname.split('/').slice(2).map(decodeURIComponent); // after /api
  const [head, id, sub] = parts;
  const m = req.method;
  if (head === 'hosts' && !id) {
    let hosts = makeHosts(now(), extraHosts);
    const s = (q.get('search') ?? '').toLowerCase();
    if (s) hosts = hosts.filter(h => h.host.includes(s));
    return send(res, 200, page(hosts, q));
  }
  if (head === 'hosts' && id && !sub) {
    const h = makeHosts(now(), extraHosts).find(x => x.host === id);
    if (!h) return problem(res, 404, `No host ${id}`);
    return send(res, 200, { ...h, series: ['cpu.util', 'load1', 'mem.used.percent', 'fs.used.percent{mount=/}', 'net.rx.bytes{iface=eth0}', 'disk.util{device=sda}'],
      activeAlerts: state.alerts.filter(a => a.labels.host === id && a.state !== 'resolved'), recentAnomalies: makeAnomalies(now()).filter(a => a.host === id) });
  }
  if (head === 'hosts' && sub === 'metrics') {
    const from = Date.parse(q.get('from')), to = Date.parse(q.get('to'));
    const n = Math.min(360, Math.max(2, Math.round((to - from) / 30000)));
    return send(res, 200, metrics(id, q.get('series'), to, n, (to - from) / n));
  }
  if (head === 'hosts' && sub === 'forecast') {
    const series = makeForecasts(makeHosts(now(), extraHosts), now()).filter(f => f.capacity.host === id && f.capacity.metric === q.get('metric'));
    return series.length ? send(res, 200, { host: id, metric: q.get('metric'), series }) : problem(res, 404, `No forecast of ${q.get('metric')} for ${id}`);
  }
  if (head === 'capacity') {
    const t = now();
    const key = q.get('sort') === 'earliest' ? 'exhaustionEarliest' : 'exhaustionExpected';
    const within = { '24h': 24 * 3600000, '7d': 7 * 24 * 3600000 }[q.get('within') ?? ''];
    const items = makeForecasts(makeHosts(t, extraHosts), t).map(f => f.capacity)
      .filter(c => (!q.get('metric') || c.metric === q.get('metric')) && (!q.get('host') || c.host === q.get('host')))
      .filter(c => !within || (c.exhaustionEarliest && Date.parse(c.exhaustionEarliest) <= t + within))
      .sort((a, b) => (a[key] ? Date.parse(a[key]) : Infinity) - (b[key] ? Date.parse(b[key]) : Infinity) || a.host.localeCompare(b.host));
    if (id === 'headroom') {
      const by = q.get('by') ?? 'role';
      const groups = new Map();
      for (const c of items) {
        const k = `${c.tags[by] ?? ''}|${c.metric}`;
        const g = groups.get(k) ?? { value: c.tags[by] ?? null, metric: c.metric, list: [] };
        g.list.push(c);
        groups.set(k, g);
      }
      const median = xs => (xs.length ? xs.sort((a, b) => a - b)[(xs.length - 1) >> 1] : null);
      return send(res, 200, { by, at: new Date(t).toISOString(), groups: [...groups.values()].map(g => {
        const left = median(g.list.map(c => (c.exhaustionExpected ? Date.parse(c.exhaustionExpected) : Infinity)));
        return { value: g.value, metric: g.metric, series: g.list.length, hosts: new Set(g.list.map(c => c.host)).size,
          exhaustWithin24h: g.list.filter(c => c.exhaustionExpected && Date.parse(c.exhaustionExpected) <= t + 86400000).length,
          exhaustWithin7d: g.list.filter(c => c.exhaustionExpected).length,
          medianHeadroom: median(g.list.map(c => 1 - c.lastValue)), medianExhaustion: Number.isFinite(left) ? new Date(left).toISOString() : null };
      }).sort((a, b) => b.exhaustWithin24h - a.exhaustWithin24h || b.exhaustWithin7d - a.exhaustWithin7d || a.medianHeadroom - b.medianHeadroom) });
    }
    return send(res, 200, page(items, q));
  }
  if (head === 'anomalies') return send(res, 200, page(makeAnomalies(now()), q));
  if (head === 'alerts' && !id) {
    const st = q.get('state') ?? 'active';
    const items = state.alerts.filter(a => st === 'active' ? a.state !== 'resolved' : a.state === st);
    return send(res, 200, page(items, q));
  }
  if (head === 'alerts' && sub === 'ack' && m === 'POST') {
    const a = state.alerts.find(x => x.fingerprint === id);
    if (!a) return problem(res, 404, 'No such alert');
    Object.assign(a, { state: 'acknowledged', acknowledgedBy: 'mock', updatedAt: new Date().toISOString() });
    broadcast({ type: 'alert', data: a });
    return send(res, 202, undefined);
  }
  if (head === 'silences' && m === 'GET') return send(res, 200, page(state.silences, q));
  if (head === 'silences' && m === 'POST') {
    const body = await readBody(req);
    const s = { id: `s-${state.silences.length + 1}`, matchers: body.matchers, comment: body.comment, startsAt: new Date().toISOString(), endsAt: new Date(now() + 7200000).toISOString() };
    state.silences.push(s);
    return send(res, 201, s);
  }
  if (head === 'silences' && m === 'DELETE') { state.silences = state.silences.filter(s => s.id !== id); return send(res, 204, undefined); }
  if (head === 'rules' && id === 'preview' && m === 'POST') {
    const to = now();
    return send(res, 200, { fired: 3, evaluatedWindows: 8640, hosts: [
      { host: 'db-1', episodes: [{ start: new Date(to - 5 * 3600000).toISOString(), end: new Date(to - 4 * 3600000).toISOString() }, { start: new Date(to - 600000).toISOString(), end: null }] },
      { host: 'web-10', episodes: [{ start: new Date(to - 20 * 3600000).toISOString(), end: new Date(to - 19.5 * 3600000).toISOString() }] },
    ] });
  }
  if (head === 'rules' && !id) return send(res, 200, page(state.rules, q));
  if (head === 'rules' && m === 'GET') { const r = state.rules.find(x => x.id === id); return r ? send(res, 200, r) : problem(res, 404, 'No such rule'); }
  if (head === 'rules' && m === 'PUT') {
    const body = await readBody(req);
    const errors = {};
    if (!body.name) errors.name = ['A name is required.'];
    if (body.kind === 'threshold' && !(typeof body.threshold?.value === 'number')) errors['threshold.value'] = ['A number is required.'];
    if (body.for === 'forever') errors.for = ['Not a duration.'];
    if (Object.keys(errors).length) return problem(res, 400, 'One or more validation errors occurred.', errors);
    const old = state.rules.find(x => x.id === id);
    const saved = { ...body, id, version: (old?.version ?? 0) + 1 };
    state.rules = [...state.rules.filter(x => x.id !== id), saved];
    return send(res, 200, saved);
  }
  if (head === 'rules' && m === 'DELETE') { state.rules = state.rules.filter(x => x.id !== id); return send(res, 204, undefined); }
  if (head === 'preferences' && !id) return send(res, 200, page(state.preferences, q));
  if (head === 'preferences' && m === 'GET') { const p = state.preferences.find(x => x.id === id); return p ? send(res, 200, p) : problem(res, 404, 'No such preference'); }
  if (head === 'preferences' && m === 'PUT') { const body = await readBody(req); state.preferences = [...state.preferences.filter(x => x.id !== id), { ...body, id }]; return send(res, 200, { ...body, id }); }
  if (head === 'preferences' && m === 'DELETE') { state.preferences = state.preferences.filter(x => x.id !== id); return send(res, 204, undefined); }
  if (head === 'models') return send(res, 200, makeModels(now()));
  if (head === 'pipeline' && id === 'lag') {
    // MOCK_BEHIND=1 shows the overloaded state.
    const seconds = process.env.MOCK_BEHIND ? 95 : 3;
    return send(res, 200, { measured: true, lags: [{ group: 'streams-processor', topic: 'metrics.raw', records: process.env.MOCK_BEHIND ? 273816 : 120, maxPartitionRecords: 40, seconds }] });
  }
  return problem(res, 404, `No API route ${url.pathname}`);
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://mock');
  try {
    if (url.pathname.startsWith('/api/')) return await routeApi(req, res, url);
    const path = normalize(join(root, url.pathname === '/' ? 'index.html' : url.pathname));
    const file = path.startsWith(root) ? await readFile(path).catch(() => null) : null;
    if (file) { res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' }); return res.end(file); }
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(await readFile(join(root, 'index.html')));
  } catch (e) {
    problem(res, 500, String(e));
  }
});

// /api/live: the WebSocket handshake and unmasked text frames (server to client only).
const sockets = new Set();
server.on('upgrade', (req, socket) => {
  const url = new URL(req.url, 'http://mock');
  if (url.pathname !== '/api/live' || url.searchParams.get('access_token') !== KEY) { socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n'); return; }
  const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  sockets.add(socket);
  socket.on('data', buf => { if ((buf[0] & 0x0f) === 0x8) { socket.end(Buffer.from([0x88, 0])); sockets.delete(socket); } });
  socket.on('close', () => sockets.delete(socket));
  socket.on('error', () => sockets.delete(socket));
});
function broadcast(frame) {
  const data = Buffer.from(JSON.stringify(frame));
  const head = data.length < 126 ? Buffer.from([0x81, data.length]) : data.length < 65536 ? Buffer.from([0x81, 126, data.length >> 8, data.length & 255]) : null;
  if (!head) return;
  for (const s of sockets) s.write(Buffer.concat([head, data]));
}
let n = 0;
setInterval(() => {
  n++;
  const a = { ...state.alerts[3], fingerprint: `fp-live-${n % 3}`, state: 'firing', labels: { host: 'web-10' }, annotations: { summary: `Live alert #${n} on web-10` }, updatedAt: new Date().toISOString(), startsAt: new Date().toISOString() };
  const known = state.alerts.find(x => x.fingerprint === a.fingerprint);
  if (known?.state === 'acknowledged') return;
  state.alerts = [a, ...state.alerts.filter(x => x.fingerprint !== a.fingerprint)];
  broadcast({ type: 'alert', data: a });
}, 5000).unref();

server.listen(port, '127.0.0.1', () => console.log(`mock API on http://127.0.0.1:${port} (key ${KEY})`));
