import { useEffect, useState } from 'react';

export type Route =
  | { view: 'fleet' }
  | { view: 'host'; host: string }
  | { view: 'alerts' }
  | { view: 'capacity' }
  | { view: 'rules'; id: string | null }
  | { view: 'preferences'; id: string | null }
  | { view: 'models' }
  | { view: 'notfound'; path: string };

/** "#/hosts/web-1" → {view: "host", host: "web-1"}. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  const [head, ...rest] = path.split('/');
  const arg = rest.length ? decodeURIComponent(rest.join('/')) : null;
  switch (head) {
    case '': case 'fleet': return { view: 'fleet' };
    case 'hosts': return arg ? { view: 'host', host: arg } : { view: 'fleet' };
    case 'alerts': return { view: 'alerts' };
    case 'capacity': return { view: 'capacity' };
    case 'rules': return { view: 'rules', id: arg };
    case 'preferences': return { view: 'preferences', id: arg };
    case 'models': return { view: 'models' };
    default: return { view: 'notfound', path };
  }
}

export function href(route: Route): string {
  switch (route.view) {
    case 'fleet': return '#/';
    case 'host': return `#/hosts/${encodeURIComponent(route.host)}`;
    case 'alerts': return '#/alerts';
    case 'capacity': return '#/capacity';
    case 'rules': return route.id ? `#/rules/${encodeURIComponent(route.id)}` : '#/rules';
    case 'preferences': return route.id ? `#/preferences/${encodeURIComponent(route.id)}` : '#/preferences';
    case 'models': return '#/models';
    default: return '#/';
  }
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
