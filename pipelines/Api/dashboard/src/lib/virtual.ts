// Which rows of a long list a fixed-row-height scroller needs in the DOM.

export interface VirtualWindowInput {
  /** Rows in the whole list. */
  count: number;
  /** Height of every row, px (fixed: that is what makes the window cheap to compute). */
  rowHeight: number;
  /** Scroll offset of the rows' top edge, px (the scroller's scrollTop less any header above the rows). */
  scrollTop: number;
  /** Visible height for rows, px. */
  viewport: number;
  /** Extra rows kept on each side, so a fast scroll or a keyboard step does not show blank space first. */
  overscan?: number;
  /** Rows the window spans at the least (fewer only when the list is shorter). */
  minRows?: number;
}

export interface VirtualWindow {
  /** First row in the DOM (inclusive). */
  start: number;
  /** One past the last row in the DOM. */
  end: number;
  /** Height of the rows above the window, px: where the window is drawn. */
  offset: number;
  /** Height of all rows, px: what the scroller scrolls over. */
  total: number;
}

export function virtualWindow({ count, rowHeight, scrollTop, viewport, overscan = 8, minRows = 0 }: VirtualWindowInput): VirtualWindow {
  const n = Math.max(0, Math.floor(count));
  const h = Math.max(1, rowHeight);
  const total = n * h;
  if (n === 0) return { start: 0, end: 0, offset: 0, total: 0 };
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, total - Math.max(0, viewport)));
  const firstVisible = Math.min(n - 1, Math.floor(top / h));
  const lastVisible = Math.min(n, Math.ceil((top + Math.max(0, viewport)) / h));
  let start = Math.max(0, firstVisible - overscan);
  let end = Math.min(n, lastVisible + overscan);
  const want = Math.min(n, minRows);
  if (end - start < want) {
    end = Math.min(n, start + want);
    start = Math.max(0, end - want);
  }
  return { start, end, offset: start * h, total };
}

/** The scrollTop that brings row `index` into view (unchanged when it is already fully visible). */
export function scrollToRow(index: number, rowHeight: number, scrollTop: number, viewport: number): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewport) return top + rowHeight - viewport;
  return scrollTop;
}
