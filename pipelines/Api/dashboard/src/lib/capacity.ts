// Capacity planning: time to exhaustion in words, the ranking, the bar that draws the band of
// times. Pure functions, unit-tested.
import type { CapacityItem, HeadroomGroup } from './types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The forecaster's horizon (Forecaster:Horizon, 7 days by default): the capacity bar's right end. */
export const HORIZON_MS = 7 * DAY;

/** A time left as its two largest units: "2 d 4 h", "5 h 20 min", "45 min", "< 1 min"; "now" when it has passed. */
export function formatLeft(ms: number): string {
  if (!Number.isFinite(ms)) return 'beyond the horizon';
  if (ms <= 0) return 'now';
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 1) return '< 1 min';
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return `${m} min`;
}

/** Milliseconds from now to an ISO time; null when there is none (beyond the forecast's horizon). */
export function msLeft(iso: string | null | undefined, now: number): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t - now;
}

/** "disk /", "inodes /var", "memory", "swap", "CPU"; else the series id. */
export function resourceLabel(item: Pick<CapacityItem, 'metric' | 'series' | 'tags'>): string {
  const mount = item.tags?.mount;
  switch (item.metric) {
    case 'fs.used.percent': return mount ? `disk ${mount}` : 'disk';
    case 'fs.inodes.used.percent': return mount ? `inodes ${mount}` : 'inodes';
    case 'mem.used.percent': return 'memory';
    case 'swap.used': return 'swap';
    case 'cpu.util': return 'CPU';
    default: return item.series;
  }
}

/**
 * "fills in 2 d 4 h (between 1 d 20 h and 2 d 11 h)", counted from `now`; a falling resource
 * (free space, say) "runs out". The band's earliest and latest times are its limit-side bound
 * and its other bound.
 */
export function exhaustionText(item: CapacityItem, now: number): string {
  if (item.limit == null) return 'no limit known';
  const verb = item.direction === 'FALLING' ? 'runs out' : 'fills';
  const expected = msLeft(item.exhaustionExpected, now);
  const earliest = msLeft(item.exhaustionEarliest, now);
  const latest = msLeft(item.exhaustionLatest, now);
  if (expected == null && earliest == null) return 'not within the forecast’s horizon';
  if (expected == null) return `not expected within the horizon (${verb} in ${formatLeft(earliest!)} at the earliest)`;
  if (expected <= 0) return item.direction === 'FALLING' ? 'ran out' : 'full';
  const between = `between ${formatLeft(earliest ?? expected)} and ${latest == null ? 'beyond the horizon' : formatLeft(latest)}`;
  return `${verb} in ${formatLeft(expected)} (${between})`;
}

/** How urgent a time left is: the default rules' horizons (critical within a day, warning within a week). */
export function urgency(ms: number | null): 'critical' | 'warning' | 'ok' {
  if (ms != null && ms <= DAY) return 'critical';
  if (ms != null && ms <= 7 * DAY) return 'warning';
  return 'ok';
}

/** The share of the limit still free (rising resources with a positive limit), as the API's headroom counts it. */
export function headroom(item: Pick<CapacityItem, 'limit' | 'direction' | 'lastValue'>): number | null {
  if (item.limit == null || item.limit <= 0 || item.direction !== 'RISING' || !Number.isFinite(item.lastValue)) return null;
  return Math.min(1, Math.max(0, (item.limit - item.lastValue) / item.limit));
}

export type CapacitySortKey = 'expected' | 'earliest' | 'host' | 'resource' | 'headroom';

const NAMES = new Intl.Collator('en', { numeric: true });

/**
 * Sorts capacity items: by a time (soonest first, the never-reached last, whatever the
 * direction), the headroom (least first, unknown last), or a name; ties fall back to the
 * earliest time, then host and series, so the order is stable.
 */
export function sortCapacity(items: CapacityItem[], key: CapacitySortKey, descending = false): CapacityItem[] {
  const time = (iso: string | null) => (iso ? Date.parse(iso) : Infinity);
  const tie = (a: CapacityItem, b: CapacityItem) =>
    cmp(time(a.exhaustionEarliest), time(b.exhaustionEarliest)) || NAMES.compare(a.host, b.host) || NAMES.compare(a.series, b.series);
  const primary = (a: CapacityItem, b: CapacityItem): number => {
    switch (key) {
      case 'expected': return nullsLast(time(a.exhaustionExpected), time(b.exhaustionExpected), descending);
      case 'earliest': return nullsLast(time(a.exhaustionEarliest), time(b.exhaustionEarliest), descending);
      case 'headroom': return nullsLast(headroom(a) ?? Infinity, headroom(b) ?? Infinity, descending);
      case 'host': return NAMES.compare(a.host, b.host) * (descending ? -1 : 1);
      default: return NAMES.compare(resourceLabel(a), resourceLabel(b)) * (descending ? -1 : 1);
    }
  };
  return [...items].sort((a, b) => primary(a, b) || tie(a, b));
}

function cmp(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

function nullsLast(a: number, b: number, descending: boolean): number {
  if (a === Infinity || b === Infinity) return cmp(a, b);
  return descending ? cmp(b, a) : cmp(a, b);
}

export interface ExhaustionBar { band: [number, number] | null; expected: number | null }

/**
 * Where a series' times to exhaustion fall on a bar `width` wide from now to the horizon, on a
 * square-root scale so the first day (what pages) gets a third of the bar: the band from the
 * earliest to the latest time (a latest beyond the horizon runs to the end) and the expected time.
 * Null parts are not within the horizon.
 */
export function exhaustionBar(item: CapacityItem, now: number, width: number, horizonMs = HORIZON_MS): ExhaustionBar {
  const x = (ms: number) => Math.sqrt(Math.min(1, Math.max(0, ms / horizonMs))) * width;
  const earliest = msLeft(item.exhaustionEarliest, now);
  const latest = msLeft(item.exhaustionLatest, now);
  const expected = msLeft(item.exhaustionExpected, now);
  const within = (ms: number | null) => ms != null && ms <= horizonMs;
  return {
    band: within(earliest) ? [x(earliest!), within(latest) ? x(latest!) : width] : null,
    expected: within(expected) ? x(expected!) : null,
  };
}

/** The bar's ticks: where 1 h, 1 d, 3 d and 7 d fall on it (6 h would crowd 1 h at the widths used). */
export function barTicks(width: number, horizonMs = HORIZON_MS): { label: string; x: number }[] {
  return [['1 h', HOUR], ['1 d', DAY], ['3 d', 3 * DAY], ['7 d', 7 * DAY]]
    .filter(([, ms]) => (ms as number) <= horizonMs)
    .map(([label, ms]) => ({ label: label as string, x: Math.sqrt((ms as number) / horizonMs) * width }));
}

/** A headroom group's name: the tag's value, or that the series lack the tag. */
export function groupLabel(group: HeadroomGroup, by: string): string {
  return group.value ?? `no ${by}`;
}
