import { describe, expect, it } from 'vitest';
import { scrollToRow, virtualWindow } from './virtual';

describe('virtualWindow', () => {
  const base = { count: 10_000, rowHeight: 33, viewport: 330, overscan: 0 };

  it('shows the rows under the viewport at the top', () => {
    expect(virtualWindow({ ...base, scrollTop: 0 })).toEqual({ start: 0, end: 10, offset: 0, total: 330_000 });
  });

  it('includes a row cut by either edge', () => {
    const w = virtualWindow({ ...base, scrollTop: 33 * 100 + 10 });
    expect(w.start).toBe(100);
    expect(w.end).toBe(111);
    expect(w.offset).toBe(3300);
  });

  it('adds overscan on both sides, within the list', () => {
    expect(virtualWindow({ ...base, overscan: 5, scrollTop: 33 * 100 })).toMatchObject({ start: 95, end: 115 });
    expect(virtualWindow({ ...base, overscan: 5, scrollTop: 0 })).toMatchObject({ start: 0, end: 15 });
  });

  it('clamps a scroll past the end to the last rows', () => {
    const w = virtualWindow({ ...base, scrollTop: 10_000_000 });
    expect(w.end).toBe(10_000);
    expect(w.start).toBe(9_990);
  });

  it('spans minRows at the least, also before the viewport is measured', () => {
    expect(virtualWindow({ ...base, viewport: 0, scrollTop: 0, minRows: 50 })).toMatchObject({ start: 0, end: 50 });
    expect(virtualWindow({ ...base, viewport: 0, scrollTop: 33 * 9_990, minRows: 50 })).toMatchObject({ start: 9_950, end: 10_000 });
    expect(virtualWindow({ ...base, count: 40, viewport: 100, scrollTop: 0, minRows: 50 })).toMatchObject({ start: 0, end: 40 });
  });

  it('renders a small slice of a big list', () => {
    const w = virtualWindow({ count: 10_000, rowHeight: 33, viewport: 700, scrollTop: 123_456, overscan: 10, minRows: 50 });
    expect(w.end - w.start).toBeLessThanOrEqual(50);
    expect(w.start * 33).toBeLessThanOrEqual(123_456);
    expect(w.end * 33).toBeGreaterThanOrEqual(123_456 + 700);
  });

  it('is empty for no rows', () => {
    expect(virtualWindow({ ...base, count: 0, scrollTop: 50 })).toEqual({ start: 0, end: 0, offset: 0, total: 0 });
  });
});

describe('scrollToRow', () => {
  it('scrolls only as far as needed', () => {
    expect(scrollToRow(5, 33, 0, 330)).toBe(0);
    expect(scrollToRow(10, 33, 0, 330)).toBe(33);
    expect(scrollToRow(2, 33, 200, 330)).toBe(66);
  });
});
