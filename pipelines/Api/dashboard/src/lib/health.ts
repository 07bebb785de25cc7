// The health colour scale shared by the heat map, badges and the table.
import { scaleSequential } from 'd3-scale';
import { interpolateYlOrRd } from 'd3-scale-chromatic';

export type Health = 'ok' | 'warning' | 'critical' | 'down' | 'unknown';

export const HEALTH_ORDER: Health[] = ['critical', 'down', 'warning', 'unknown', 'ok'];

/** Higher is worse: critical 4, down 3, warning 2, unknown 1, ok 0. */
export function healthRank(h: string | null | undefined): number {
  const i = HEALTH_ORDER.indexOf((h ?? 'unknown') as Health);
  return i < 0 ? 1 : HEALTH_ORDER.length - 1 - i;
}

export const HEALTH_COLOURS: Record<Health, string> = {
  ok: '#22a06b',
  warning: '#e2b203',
  critical: '#e5484d',
  down: '#6e56cf',
  unknown: '#6b7280',
};

export function healthColour(h: string | null | undefined): string {
  return HEALTH_COLOURS[(h as Health)] ?? HEALTH_COLOURS.unknown;
}

export function normaliseHealth(h: string | null | undefined): Health {
  const v = (h ?? '').toLowerCase();
  return (v in HEALTH_COLOURS ? v : 'unknown') as Health;
}

/** Colour for an anomaly rate (anomalous windows in the last hour): 0 is calm, `max` and above is hot. */
export function anomalyScale(max: number): (v: number) => string {
  const top = Math.max(5, max);
  const s = scaleSequential(interpolateYlOrRd).domain([0, Math.log1p(top)]).clamp(true);
  return (v: number) => (v > 0 ? s(Math.log1p(v) * 0.85 + Math.log1p(top) * 0.15) : '#2f6f4f');
}

export type ColourMode = 'health' | 'anomalies';

export interface HostCellInput {
  health: string;
  anomalies1h: number;
}

/** The colour of one heat-map cell. */
export function cellColour(host: HostCellInput, mode: ColourMode, maxAnomalies: number): string {
  return cellColourer(mode, maxAnomalies)(host);
}

/**
 * cellColour for many cells: builds the anomaly scale once and remembers each count's colour,
 * since building a d3 scale per host costs more than drawing it on a ten-thousand-host map.
 */
export function cellColourer(mode: ColourMode, maxAnomalies: number): (host: HostCellInput) => string {
  if (mode === 'health') return host => healthColour(normaliseHealth(host.health));
  const scale = anomalyScale(maxAnomalies);
  const seen = new Map<number, string>();
  return host => {
    const h = normaliseHealth(host.health);
    if (h === 'down' || h === 'unknown') return healthColour(h);
    const v = host.anomalies1h ?? 0;
    let c = seen.get(v);
    if (c === undefined) { c = scale(v); seen.set(v, c); }
    return c;
  };
}

const SEVERITY_ORDER = ['info', 'warning', 'minor', 'major', 'critical'];

export function severityRank(s: string | null | undefined): number {
  return SEVERITY_ORDER.indexOf((s ?? '').toLowerCase());
}

export function severityClass(s: string | null | undefined): string {
  const v = (s ?? '').toLowerCase();
  return SEVERITY_ORDER.includes(v) ? `sev-${v}` : 'sev-info';
}
