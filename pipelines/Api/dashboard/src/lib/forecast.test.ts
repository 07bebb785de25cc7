import { describe, expect, it } from 'vitest';
import { AHEAD_SHARE, chartSplit, exhaustionMark, forecastAhead, forecastValues } from './forecast';
import type { SeriesForecast } from './types';

const H = 3_600_000;
const ORIGIN = Date.parse('2026-12-07T10:00:00Z');
const iso = (t: number) => new Date(t).toISOString();

function forecast(values: [number, number, number][], extra: Partial<SeriesForecast['capacity']> = {}): SeriesForecast {
  return {
    step: '1h', residualSigma: 0.01,
    capacity: {
      host: 'db-3', series: 'fs.used.percent{mount=/}', metric: 'fs.used.percent', tags: { mount: '/' }, model: 'LINEAR', seasonSteps: 0,
      generatedAt: iso(ORIGIN + H), origin: iso(ORIGIN), lastValue: 0.8, limit: 1, direction: 'RISING', coverage: 0.95,
      exhaustionExpected: null, exhaustionEarliest: null, exhaustionLatest: null, summary: '', ...extra,
    },
    points: values.map(([expected, lower, upper], i) => ({ t: iso(ORIGIN + (i + 1) * H), expected, lower, upper })),
  };
}

describe('forecastAhead', () => {
  it('starts at now, interpolated between the last observation and the first point', () => {
    const rows = forecastAhead(forecast([[0.9, 0.85, 0.95], [1.0, 0.9, 1.1]]), ORIGIN + H / 2);
    expect(rows[0].t).toBe(ORIGIN + H / 2);
    expect(rows[0].expected).toBeCloseTo(0.85, 9);
    expect(rows[0].lower).toBeCloseTo(0.825, 9);
    expect(rows[0].upper).toBeCloseTo(0.875, 9);
    expect(rows.map(r => r.t)).toEqual([ORIGIN + H / 2, ORIGIN + H, ORIGIN + 2 * H]);
  });
  it('drops the points before now and interpolates between two points', () => {
    const rows = forecastAhead(forecast([[0.9, 0.85, 0.95], [0.94, 0.89, 0.99], [0.98, 0.9, 1.0]]), ORIGIN + 1.25 * H);
    expect(rows.length).toBe(3);
    expect(rows[0].expected).toBeCloseTo(0.91, 9);
  });
  it('clips the band to the resource: not past full, not below empty', () => {
    const rows = forecastAhead(forecast([[0.5, -0.2, 1.3]]), ORIGIN);
    expect(rows[rows.length - 1]).toMatchObject({ lower: 0, upper: 1, expected: 0.5 });
  });
  it('clips a falling resource at its limit only', () => {
    const rows = forecastAhead(forecast([[0.1, -0.3, 2]], { direction: 'FALLING', limit: 0 }), ORIGIN);
    expect(rows[rows.length - 1]).toMatchObject({ lower: 0, upper: 2 });
  });
  it('is empty without points, or when they are all past', () => {
    expect(forecastAhead(null, ORIGIN)).toEqual([]);
    expect(forecastAhead(forecast([]), ORIGIN)).toEqual([]);
    expect(forecastAhead(forecast([[0.9, 0.8, 1]]), ORIGIN + 5 * H)).toEqual([]);
  });
});

describe('chartSplit', () => {
  it('gives the forecast its share of the width and ends at its last point', () => {
    const rows = forecastAhead(forecast([[0.9, 0.85, 0.95], [1, 0.9, 1]]), ORIGIN);
    expect(chartSplit(1000, ORIGIN, rows)).toEqual({ historyWidth: 1000 * (1 - AHEAD_SHARE), end: ORIGIN + 2 * H });
  });
  it('keeps the whole width for the history without a forecast', () => {
    expect(chartSplit(1000, ORIGIN, [])).toEqual({ historyWidth: 1000, end: ORIGIN });
  });
});

describe('exhaustionMark', () => {
  const full = forecast([[0.9, 0.85, 0.95]], { exhaustionExpected: iso(ORIGIN + 30 * H), exhaustionEarliest: iso(ORIGIN + 20 * H), exhaustionLatest: null });
  it('marks the expected time within the chart, with the band clipped to it', () => {
    expect(exhaustionMark(full, ORIGIN, ORIGIN + 48 * H)).toEqual({ t: ORIGIN + 30 * H, earliest: ORIGIN + 20 * H, latest: ORIGIN + 48 * H });
  });
  it('none beyond the chart, before now, or without a time', () => {
    expect(exhaustionMark(full, ORIGIN, ORIGIN + 24 * H)).toBeNull();
    expect(exhaustionMark(full, ORIGIN + 31 * H, ORIGIN + 48 * H)).toBeNull();
    expect(exhaustionMark(forecast([[0.9, 0.85, 0.95]]), ORIGIN, ORIGIN + 48 * H)).toBeNull();
  });
  it('adds the limit to the y values only when the mark is drawn', () => {
    const rows = forecastAhead(full, ORIGIN);
    expect(forecastValues(rows, 1, exhaustionMark(full, ORIGIN, ORIGIN + 48 * H))).toContain(1);
    expect(forecastValues(rows, 1, null)).not.toContain(1);
  });
});
