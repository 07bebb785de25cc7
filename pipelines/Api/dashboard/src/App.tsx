import { useEffect, useMemo, useState } from 'react';
import { clearApiKey, getApiKey, onAuthChange } from './lib/api';
import { useApi, useLive } from './lib/hooks';
import { pipelineState } from './lib/lag';
import type { PipelineLag } from './lib/types';
import { createBus, LiveContext } from './lib/live';
import { href, useRoute, type Route } from './lib/router';
import { SignIn } from './components/SignIn';
import { FleetView } from './views/FleetView';
import { HostView } from './views/HostView';
import { AlertsView } from './views/AlertsView';
import { CapacityView } from './views/CapacityView';
import { RulesView } from './views/RulesView';
import { PreferencesView } from './views/PreferencesView';
import { ModelsView } from './views/ModelsView';

type Theme = 'dark' | 'light';

function useTheme(): [Theme, () => void] {
  const [theme, setTheme] = useState<Theme>(() => (document.documentElement.getAttribute('data-theme') === 'light' ? 'light' : 'dark'));
  useEffect(() => {
    document.documentElement.setAttribute('data-theme', theme);
  }, [theme]);
  const toggle = () => setTheme(t => {
    const next = t === 'dark' ? 'light' : 'dark';
    try { localStorage.setItem('streams.theme', next); } catch { /* private mode */ }
    return next;
  });
  return [theme, toggle];
}

const NAV: { label: string; route: Route; views: Route['view'][] }[] = [
  { label: 'Fleet', route: { view: 'fleet' }, views: ['fleet', 'host'] },
  { label: 'Alerts', route: { view: 'alerts' }, views: ['alerts'] },
  { label: 'Capacity', route: { view: 'capacity' }, views: ['capacity'] },
  { label: 'Rules', route: { view: 'rules', id: null }, views: ['rules'] },
  { label: 'Notifications', route: { view: 'preferences', id: null }, views: ['preferences'] },
  { label: 'Models', route: { view: 'models' }, views: ['models'] },
];

export function App() {
  const [key, setKey] = useState(getApiKey());
  const [reason, setReason] = useState<string | null>(null);
  useEffect(() => onAuthChange(() => {
    const k = getApiKey();
    setKey(prev => {
      if (prev && !k) setReason('Your API key was rejected or removed; sign in again.');
      return k;
    });
  }), []);
  if (!key) return <SignIn reason={reason} />;
  return <Shell />;
}

/** Whether the pipeline keeps up: "real time", or "behind by N records / X s" naming the worst stage (details in the tooltip). */
function PipelineBadge() {
  const lag = useApi<PipelineLag>('/api/pipeline/lag', undefined, 10_000);
  const state = pipelineState(lag.data);
  return <span className={`live-dot pipe-${state.kind}`} role="status" aria-label={`Pipeline: ${state.text}`} title={state.detail}>{state.text}</span>;
}

function Shell() {
  const route = useRoute();
  const [theme, toggleTheme] = useTheme();
  const bus = useMemo(() => createBus(), []);
  const status = useLive(['alerts', 'anomalies', 'notifications'], f => bus.publish(f));
  const live = useMemo(() => ({ ...bus, status }), [bus, status]);

  useEffect(() => {
    const names: Record<string, string> = { fleet: 'Fleet', host: 'Host', alerts: 'Alerts', capacity: 'Capacity', rules: 'Rules', preferences: 'Notifications', models: 'Models' };
    document.title = `${route.view === 'host' ? route.host : names[route.view] ?? 'Not found'} · Streams`;
  }, [route]);

  return (
    <LiveContext.Provider value={live}>
      <header className="topbar">
        <a className="brand" href="#/" aria-label="Streams home">
          <svg width="20" height="20" viewBox="0 0 16 16" aria-hidden="true"><path d="M2 10h3l2-5 2 8 2-4h3" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" /></svg>
          Streams
        </a>
        <nav aria-label="Main">
          {NAV.map(n => (
            <a key={n.label} href={href(n.route)} className={n.views.includes(route.view) ? 'active' : ''} aria-current={n.views.includes(route.view) ? 'page' : undefined}>{n.label}</a>
          ))}
        </nav>
        <div className="topbar-right">
          <PipelineBadge />
          <span className={`live-dot live-${status}`} role="status" aria-label={`Live updates: ${status}`} title={`Live updates: ${status}`}>{status}</span>
          <button type="button" className="ghost" onClick={toggleTheme} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} mode`}>{theme === 'dark' ? '☀ Light' : '☾ Dark'}</button>
          <button type="button" className="ghost" onClick={() => clearApiKey()}>Sign out</button>
        </div>
      </header>
      <main id="main">
        {route.view === 'fleet' && <FleetView />}
        {route.view === 'host' && <HostView key={route.host} host={route.host} />}
        {route.view === 'alerts' && <AlertsView />}
        {route.view === 'capacity' && <CapacityView />}
        {route.view === 'rules' && <RulesView selected={route.id} />}
        {route.view === 'preferences' && <PreferencesView selected={route.id} />}
        {route.view === 'models' && <ModelsView />}
        {route.view === 'notfound' && <section><h1>Not found</h1><p>No view at “{route.path}”. <a href="#/">Back to the fleet</a>.</p></section>}
      </main>
    </LiveContext.Provider>
  );
}
