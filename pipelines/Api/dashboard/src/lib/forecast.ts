// The forecast drawn ahead of a host chart's data: the rows right of "now", the split of the
// chart's width, and the exhaustion mark. Pure functions, unit-tested.
import type { SeriesForecast } from './types';

export interface ForecastRow { t: number; expected: number; lower: number; upper: number }

/** The share of a chart's width the forecast gets when it has one. */
export const AHEAD_SHARE = 0.3;

/**
 * The forecast from `now` on: the first row is interpolated at `now` between the last
 * observation (origin, last value, no band yet) and the points; points at or before `now` are
 * dropped. The band is clipped to what the resource can hold: at most its limit and at least 0
 * for a rising resource (a used share cannot go past full or below empty), at least the limit
 * for a falling one.
 */
export function forecastAhead(forecast: SeriesForecast | null | undefined, now: number): ForecastRow[] {
  if (!forecast || !forecast.points?.length) return [];
  const c = forecast.capacity;
  const origin = Date.parse(c.origin);
  const known: ForecastRow[] = [];
  if (!Number.isNaN(origin) && Number.isFinite(c.lastValue)) known.push({ t: origin, expected: c.lastValue, lower: c.lastValue, upper: c.lastValue });
  for (const p of forecast.points) {
    const t = Date.parse(p.t);
    if (Number.isNaN(t) || ![p.expected, p.lower, p.upper].every(Number.isFinite)) continue;
    known.push({ t, expected: p.expected, lower: p.lower, upper: p.upper });
  }
  known.sort((a, b) => a.t - b.t);
  const after = known.findIndex(r => r.t > now);
  if (after < 0) return [];
  const rows = known.slice(after);
  if (after > 0) {
    const a = known[after - 1];
    const b = known[after];
    const f = (now - a.t) / (b.t - a.t);
    const at = (x: number, y: number) => x + (y - x) * f;
    rows.unshift({ t: now, expected: at(a.expected, b.expected), lower: at(a.lower, b.lower), upper: at(a.upper, b.upper) });
  }
  const [lo, hi] = physicalRange(forecast);
  const clip = (v: number) => Math.min(hi, Math.max(lo, v));
  return rows.map(r => ({ t: r.t, expected: clip(r.expected), lower: clip(r.lower), upper: clip(r.upper) }));
}

function physicalRange(forecast: SeriesForecast): [number, number] {
  const { limit, direction, lastValue } = forecast.capacity;
  if (limit == null) return [-Infinity, Infinity];
  if (direction === 'FALLING') return [limit, Infinity];
  return [Math.min(0, lastValue), Math.max(limit, lastValue)];
}

export interface ChartSplit { historyWidth: number; end: number }

/** The x extent of a chart: the history keeps the whole width without a forecast, else 1 − AHEAD_SHARE of it up to now. */
export function chartSplit(innerWidth: number, now: number, ahead: ForecastRow[]): ChartSplit {
  if (ahead.length < 2) return { historyWidth: innerWidth, end: now };
  return { historyWidth: Math.round(innerWidth * (1 - AHEAD_SHARE)), end: ahead[ahead.length - 1].t };
}

export interface ExhaustionMark { t: number; earliest: number | null; latest: number | null }

/** When the expected value reaches the limit, if that falls between now and the chart's end; the band's times clipped to it. */
export function exhaustionMark(forecast: SeriesForecast | null | undefined, now: number, end: number): ExhaustionMark | null {
  const c = forecast?.capacity;
  if (!c?.exhaustionExpected) return null;
  const t = Date.parse(c.exhaustionExpected);
  if (Number.isNaN(t) || t < now || t > end) return null;
  const clip = (iso: string | null) => {
    const v = iso ? Date.parse(iso) : NaN;
    return Number.isNaN(v) ? null : Math.min(end, Math.max(now, v));
  };
  return { t, earliest: clip(c.exhaustionEarliest), latest: c.exhaustionLatest ? clip(c.exhaustionLatest) : end };
}

/** The y values the forecast adds to a chart's extent: the band, and the limit when the mark is on the chart. */
export function forecastValues(ahead: ForecastRow[], limit: number | null, mark: ExhaustionMark | null): number[] {
  const values = ahead.flatMap(r => [r.lower, r.upper]);
  if (mark && limit != null) values.push(limit);
  return values;
}
