import { describe, expect, it } from 'vitest';
import { formatAgo, formatDuration, formatMetric, formatNumber, formatPercent, formatTime, parseDuration, slugify, stepFor } from './format';

describe('parseDuration', () => {
  it.each([
    ['90s', 90], ['5m', 300], ['1h30m', 5400], ['2d', 172800], ['250ms', 0.25], ['00:05:00', 300], ['1.02:00:00', 93600], ['0s', 0],
  ])('%s is %d seconds', (text, seconds) => expect(parseDuration(text)).toBeCloseTo(seconds));
  it.each(['', '5', 'five minutes', '5x', 'm5', '5m garbage'])('rejects %j', text => expect(parseDuration(text)).toBeNull());
  it('rejects null and undefined', () => {
    expect(parseDuration(null)).toBeNull();
    expect(parseDuration(undefined)).toBeNull();
  });
});

describe('formatDuration', () => {
  it('round-trips with parseDuration', () => {
    for (const s of [1, 59, 60, 61, 3600, 5400, 86400 + 3661]) expect(parseDuration(formatDuration(s))).toBe(s);
  });
  it('formats the edges', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(0.25)).toBe('250ms');
    expect(formatDuration(Number.NaN)).toBe('–');
  });
});

describe('formatAgo', () => {
  const now = Date.parse('2026-11-25T10:00:00Z');
  it.each([
    ['2026-11-25T09:59:48Z', '12 s ago'], ['2026-11-25T09:55:00Z', '5 min ago'], ['2026-11-25T07:00:00Z', '3 h ago'], ['2026-11-23T10:00:00Z', '2 d ago'],
    ['2026-11-25T10:00:30Z', 'just now'], ['2026-11-25T10:00:03Z', '0 s ago'],
  ])('%s is %s', (iso, text) => expect(formatAgo(iso, now)).toBe(text));
  it('handles missing and bad times', () => {
    expect(formatAgo(null, now)).toBe('never');
    expect(formatAgo('yesterday-ish', now)).toBe('–');
  });
});

describe('numbers', () => {
  it.each([
    [0, '0'], [0.0123, '0.0123'], [1234, '1.23k'], [5_600_000, '5.6M'], [-2500, '-2.5k'], [12, '12'], [0.5, '0.5'], [0.00002, '2.0e-5'], [3.2e9, '3.2G'],
  ])('formatNumber(%d) = %s', (v, s) => expect(formatNumber(v)).toBe(s));
  it('formats missing values as a dash', () => {
    expect(formatNumber(null)).toBe('–');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('–');
    expect(formatPercent(undefined)).toBe('–');
  });
  it('formats percent series as percents and bytes with a unit', () => {
    expect(formatPercent(0.42)).toBe('42%');
    expect(formatMetric('cpu.util', 0.953)).toBe('95.3%');
    expect(formatMetric('mem.used.percent', 0.5)).toBe('50.0%');
    expect(formatMetric('net.rx.bytes', 2048)).toBe('2.05kB');
    expect(formatMetric('load1', 3.14159)).toBe('3.14');
  });
});

describe('misc', () => {
  it('formats local times', () => {
    const d = new Date(2026, 10, 25, 9, 5, 7);
    expect(formatTime(d.getTime())).toBe('2026-11-25 09:05:07');
    expect(formatTime('nope')).toBe('–');
  });
  it('picks a step that keeps charts at a few hundred points', () => {
    expect(stepFor(900)).toBe('10s');
    expect(stepFor(3600)).toBe('30s');
    expect(stepFor(6 * 3600)).toBe('2m');
    expect(stepFor(86400)).toBe('10m');
  });
  it('slugifies names into ids', () => {
    expect(slugify('CPU hot on Web!')).toBe('cpu-hot-on-web');
    expect(slugify('  Ünïcode  ')).toBe('unicode');
  });
});
