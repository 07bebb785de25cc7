import { describe, expect, it } from 'vitest';
import { barTicks, exhaustionBar, exhaustionText, formatLeft, headroom, resourceLabel, sortCapacity, urgency } from './capacity';
import type { CapacityItem } from './types';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const H = 3_600_000;
const at = (hours: number | null) => (hours == null ? null : new Date(NOW + hours * H).toISOString());

function item(host: string, expected: number | null, earliest: number | null = expected, latest: number | null = expected, extra: Partial<CapacityItem> = {}): CapacityItem {
  return {
    host, series: 'fs.used.percent{mount=/}', metric: 'fs.used.percent', tags: { mount: '/' }, model: 'LINEAR', seasonSteps: 0,
    generatedAt: at(0)!, origin: at(-1)!, lastValue: 0.9, limit: 1, direction: 'RISING', coverage: 0.95,
    exhaustionExpected: at(expected), exhaustionEarliest: at(earliest), exhaustionLatest: at(latest), summary: '', ...extra,
  };
}

describe('formatLeft', () => {
  it('keeps the two largest units', () => {
    expect(formatLeft(52 * H)).toBe('2 d 4 h');
    expect(formatLeft(44 * H + 20 * 60_000)).toBe('1 d 20 h');
    expect(formatLeft(48 * H)).toBe('2 d');
    expect(formatLeft(5 * H + 20 * 60_000)).toBe('5 h 20 min');
    expect(formatLeft(3 * H)).toBe('3 h');
    expect(formatLeft(45 * 60_000)).toBe('45 min');
  });
  it('says when it is past, under a minute, or never', () => {
    expect(formatLeft(-5)).toBe('now');
    expect(formatLeft(20_000)).toBe('< 1 min');
    expect(formatLeft(Infinity)).toBe('beyond the horizon');
  });
});

describe('exhaustionText', () => {
  it('reads like the issue: fills in, with the band', () => {
    expect(exhaustionText(item('db-3', 52, 44, 59), NOW)).toBe('fills in 2 d 4 h (between 1 d 20 h and 2 d 11 h)');
  });
  it('a latest bound beyond the horizon, a falling resource, the limit already reached', () => {
    expect(exhaustionText(item('a', 30, 20, null), NOW)).toBe('fills in 1 d 6 h (between 20 h and beyond the horizon)');
    expect(exhaustionText(item('a', 3, 2, 4, { direction: 'FALLING' }), NOW)).toBe('runs out in 3 h (between 2 h and 4 h)');
    expect(exhaustionText(item('a', -1), NOW)).toBe('full');
  });
  it('not within the horizon, only the band within it, no limit', () => {
    expect(exhaustionText(item('a', null), NOW)).toBe('not within the forecast’s horizon');
    expect(exhaustionText(item('a', null, 100, null), NOW)).toBe('not expected within the horizon (fills in 4 d 4 h at the earliest)');
    expect(exhaustionText(item('a', 5, 5, 5, { limit: null }), NOW)).toBe('no limit known');
  });
});

describe('urgency and headroom', () => {
  it('follows the default rules: a day is critical, a week a warning', () => {
    expect(urgency(23 * H)).toBe('critical');
    expect(urgency(24 * H)).toBe('critical');
    expect(urgency(25 * H)).toBe('warning');
    expect(urgency(8 * 24 * H)).toBe('ok');
    expect(urgency(null)).toBe('ok');
  });
  it('is the free share of a rising resource, clamped; none for a falling one', () => {
    expect(headroom({ limit: 1, direction: 'RISING', lastValue: 0.915 })).toBeCloseTo(0.085, 9);
    expect(headroom({ limit: 1, direction: 'RISING', lastValue: 1.2 })).toBe(0);
    expect(headroom({ limit: 1, direction: 'FALLING', lastValue: 0.5 })).toBeNull();
    expect(headroom({ limit: null, direction: 'RISING', lastValue: 0.5 })).toBeNull();
  });
});

describe('resourceLabel', () => {
  it('names the usual resources, each mount apart', () => {
    expect(resourceLabel(item('a', 1))).toBe('disk /');
    expect(resourceLabel({ metric: 'fs.inodes.used.percent', series: 'x', tags: { mount: '/var' } })).toBe('inodes /var');
    expect(resourceLabel({ metric: 'mem.used.percent', series: 'mem.used.percent', tags: {} })).toBe('memory');
    expect(resourceLabel({ metric: 'net.rx.util', series: 'net.rx.util{iface=eth0}', tags: {} })).toBe('net.rx.util{iface=eth0}');
  });
});

describe('sortCapacity', () => {
  const items = [item('c', null, 30, null), item('a', 40, 10, 60), item('b', 20, 15, 30), item('d', null, null, null), item('e', 20, 12, 25)];
  it('soonest expected first, ties by the earliest time, the never-reached last', () => {
    expect(sortCapacity(items, 'expected').map(i => i.host)).toEqual(['e', 'b', 'a', 'c', 'd']);
  });
  it('by the band: the earliest time', () => {
    expect(sortCapacity(items, 'earliest').map(i => i.host)).toEqual(['a', 'e', 'b', 'c', 'd']);
  });
  it('descending keeps the never-reached last', () => {
    expect(sortCapacity(items, 'expected', true).map(i => i.host)).toEqual(['a', 'e', 'b', 'c', 'd']);
  });
  it('by headroom, least first, and by host with numbers in order', () => {
    const byRoom = sortCapacity([item('x', 1, 1, 1, { lastValue: 0.5 }), item('y', 1, 1, 1, { lastValue: 0.99 }), item('z', 1, 1, 1, { direction: 'FALLING' })], 'headroom');
    expect(byRoom.map(i => i.host)).toEqual(['y', 'x', 'z']);
    expect(sortCapacity([item('web-10', 1), item('web-9', 1)], 'host').map(i => i.host)).toEqual(['web-9', 'web-10']);
  });
});

describe('exhaustionBar', () => {
  it('places the band and the expected time on a square-root scale of the horizon', () => {
    const bar = exhaustionBar(item('a', 42, 10.5, 84), NOW, 140);
    // 42 h of 168 h: sqrt(0.25) = 0.5 of the width; 10.5 h: sqrt(1/16) = 0.25; 84 h: sqrt(0.5).
    expect(bar.expected).toBeCloseTo(70, 6);
    expect(bar.band![0]).toBeCloseTo(35, 6);
    expect(bar.band![1]).toBeCloseTo(140 * Math.SQRT1_2, 6);
  });
  it('runs a latest bound beyond the horizon to the end, and drops what is not within it', () => {
    expect(exhaustionBar(item('a', 100, 50, null), NOW, 100).band![1]).toBe(100);
    expect(exhaustionBar(item('a', null, 200, null), NOW, 100)).toEqual({ band: null, expected: null });
    expect(exhaustionBar(item('a', -2, -3, 1), NOW, 100).band![0]).toBe(0);
  });
  it('ticks at 1 h, 1 d, 3 d and 7 d, and only within a shorter horizon', () => {
    const ticks = barTicks(700);
    expect(ticks.map(t => t.label)).toEqual(['1 h', '1 d', '3 d', '7 d']);
    expect(ticks[3].x).toBe(700);
    expect(ticks[1].x).toBeCloseTo(700 * Math.sqrt(1 / 7), 6);
    expect(barTicks(100, 2 * 24 * H).map(t => t.label)).toEqual(['1 h', '1 d']);
  });
});
