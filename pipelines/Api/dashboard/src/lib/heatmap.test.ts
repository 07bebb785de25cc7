import { describe, expect, it } from 'vitest';
import { cellOrigin, groupByColour, HEATMAP_MAX_HEIGHT, heatMapLayout, hitTest, stepCell } from './heatmap';

describe('heatMapLayout', () => {
  it('gives a small fleet big cells on one row', () => {
    const l = heatMapLayout(10, 800);
    expect(l.cell).toBe(40);
    expect(l.rows).toBe(1);
    expect(l.columns).toBe(19);
  });

  it('shrinks cells to fit ten thousand hosts within the height', () => {
    const l = heatMapLayout(10_000, 700);
    expect(l.columns * l.rows).toBeGreaterThanOrEqual(10_000);
    expect(l.height).toBeLessThanOrEqual(HEATMAP_MAX_HEIGHT);
    expect(l.cell).toBe(4);
    expect(l.width).toBeLessThanOrEqual(700);
    expect(l.cell).toBeGreaterThanOrEqual(3);
    expect(l.gap).toBe(1);
  });

  it('grows taller rather than below 3 px when the width is too small', () => {
    const l = heatMapLayout(10_000, 300);
    expect(l.cell).toBe(3);
    expect(l.height).toBeGreaterThan(HEATMAP_MAX_HEIGHT);
    expect(l.columns * l.rows).toBeGreaterThanOrEqual(10_000);
  });

  it('never has fewer than one column or row', () => {
    expect(heatMapLayout(0, 0)).toMatchObject({ columns: 2, rows: 1 });
  });

  it('puts every cell inside the drawn size', () => {
    const l = heatMapLayout(10_000, 640);
    const last = cellOrigin(9_999, l);
    expect(last.x + l.cell).toBeLessThanOrEqual(l.width);
    expect(last.y + l.cell).toBeLessThanOrEqual(l.height);
  });
});

describe('cellOrigin and hitTest', () => {
  const l = heatMapLayout(10_000, 700);
  const pitch = l.cell + l.gap;

  it('places cells row by row', () => {
    expect(cellOrigin(0, l)).toEqual({ x: 0, y: 0 });
    expect(cellOrigin(1, l)).toEqual({ x: pitch, y: 0 });
    expect(cellOrigin(l.columns, l)).toEqual({ x: 0, y: pitch });
  });

  it('finds the host at the middle of every cell', () => {
    for (const i of [0, 1, l.columns - 1, l.columns, 4_321, 9_999]) {
      const o = cellOrigin(i, l);
      expect(hitTest(o.x + l.cell / 2, o.y + l.cell / 2, l, 10_000)).toBe(i);
    }
  });

  it('counts the gap after a cell as that cell', () => {
    const o = cellOrigin(7, l);
    expect(hitTest(o.x + l.cell + l.gap / 2, o.y, l, 10_000)).toBe(7);
  });

  it('misses outside the map and past the last host', () => {
    expect(hitTest(-1, 5, l, 10_000)).toBe(-1);
    expect(hitTest(5, l.height + 1, l, 10_000)).toBe(-1);
    expect(hitTest(l.width + 1, 0, l, 10_000)).toBe(-1);
    expect(hitTest(Number.NaN, 0, l, 10_000)).toBe(-1);
    const past = cellOrigin(150, l);
    expect(hitTest(past.x + 1, past.y + 1, l, 100)).toBe(-1);
  });
});

describe('stepCell', () => {
  const l = heatMapLayout(25, 100);
  it('moves by one and by a row, and stays within the hosts', () => {
    const cols = l.columns;
    expect(stepCell(0, 'ArrowRight', l, 25)).toBe(1);
    expect(stepCell(0, 'ArrowLeft', l, 25)).toBe(0);
    expect(stepCell(0, 'ArrowDown', l, 25)).toBe(cols);
    expect(stepCell(cols, 'ArrowUp', l, 25)).toBe(0);
    expect(stepCell(24, 'ArrowDown', l, 25)).toBe(24);
    expect(stepCell(24, 'ArrowRight', l, 25)).toBe(24);
    expect(stepCell(5, 'End', l, 25)).toBe(24);
    expect(stepCell(5, 'Home', l, 25)).toBe(0);
    expect(stepCell(5, 'x', l, 25)).toBe(5);
    expect(stepCell(0, 'ArrowRight', l, 0)).toBe(-1);
  });
});

describe('groupByColour', () => {
  it('lists each colour once with its indices in order', () => {
    const g = groupByColour(['ok', 'bad', 'ok', 'ok'], s => (s === 'ok' ? 'green' : 'red'));
    expect([...g.entries()]).toEqual([['green', [0, 2, 3]], ['red', [1]]]);
  });
});
