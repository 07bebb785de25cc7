// Geometry of the fleet heat map: a grid of square cells, one a host, in the order given.
// Pure so that layout and hit-testing are tested without a canvas.

export interface HeatMapLayout {
  columns: number;
  rows: number;
  /** Side of a cell, CSS px. */
  cell: number;
  /** Space between cells, CSS px. */
  gap: number;
  /** Drawn size, CSS px. */
  width: number;
  height: number;
}

const LARGEST = 40;
/** Tall enough for 10,000 hosts at 4 px on a half-screen card; the table beside it is taller still. */
export const HEATMAP_MAX_HEIGHT = 440;
const SMALLEST = 3;

/**
 * Square cells that fill `width` within `maxHeight` if they can: big cells for a small fleet,
 * down to 3 px for ten thousand hosts. Below that the map grows taller rather than smaller,
 * since a cell must stay big enough to hover.
 */
export function heatMapLayout(count: number, width: number, maxHeight = HEATMAP_MAX_HEIGHT): HeatMapLayout {
  const usable = Math.max(100, Math.floor(width));
  const n = Math.max(0, Math.floor(count));
  let cell = LARGEST;
  for (;;) {
    const gap = gapFor(cell);
    const columns = Math.max(1, Math.floor((usable + gap) / (cell + gap)));
    const rows = Math.max(1, Math.ceil(n / columns));
    const height = rows * (cell + gap) - gap;
    if (height <= maxHeight || cell <= SMALLEST) {
      return { columns, rows, cell, gap, width: columns * (cell + gap) - gap, height };
    }
    cell -= cell > 12 ? 2 : 1;
  }
}

function gapFor(cell: number): number {
  return cell >= 8 ? 2 : 1;
}

/** Top-left corner of cell `index`, CSS px. */
export function cellOrigin(index: number, layout: HeatMapLayout): { x: number; y: number } {
  const pitch = layout.cell + layout.gap;
  return { x: (index % layout.columns) * pitch, y: Math.floor(index / layout.columns) * pitch };
}

/**
 * The host index under a point (CSS px from the map's top-left), or -1. The gap right and below
 * a cell counts as that cell, so the pointer never falls between hosts on a dense map.
 */
export function hitTest(x: number, y: number, layout: HeatMapLayout, count: number): number {
  if (!(x >= 0 && y >= 0) || x >= layout.width || y >= layout.height) return -1;
  const pitch = layout.cell + layout.gap;
  const column = Math.floor(x / pitch);
  const row = Math.floor(y / pitch);
  if (column >= layout.columns) return -1;
  const index = row * layout.columns + column;
  return index < count ? index : -1;
}

/** The cell an arrow key moves to from `index`, kept within the hosts. */
export function stepCell(index: number, key: string, layout: HeatMapLayout, count: number): number {
  if (count === 0) return -1;
  const i = Math.max(0, Math.min(count - 1, index));
  switch (key) {
    case 'ArrowRight': return Math.min(count - 1, i + 1);
    case 'ArrowLeft': return Math.max(0, i - 1);
    case 'ArrowDown': return i + layout.columns < count ? i + layout.columns : i;
    case 'ArrowUp': return i - layout.columns >= 0 ? i - layout.columns : i;
    case 'Home': return 0;
    case 'End': return count - 1;
    default: return i;
  }
}

/** Host indices by fill colour, so a canvas sets each colour once rather than once a host. */
export function groupByColour<T>(items: readonly T[], colour: (item: T) => string): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < items.length; i++) {
    const c = colour(items[i]);
    const g = groups.get(c);
    if (g) g.push(i);
    else groups.set(c, [i]);
  }
  return groups;
}
