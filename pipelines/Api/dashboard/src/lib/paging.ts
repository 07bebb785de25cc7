import type { Page } from './types';

/**
 * Every item of a paged list: page 1, then the rest (at most `maxItems` in all) two at a time.
 * Each page is the server's whole fleet query again, so pages are as big as the server allows
 * and the first one usually is the only one.
 */
export async function fetchAllPages<T>(fetchPage: (page: number) => Promise<Page<T>>, key: (item: T) => string, maxItems: number): Promise<Page<T>> {
  const first = await fetchPage(1);
  const size = Math.max(1, first.pageSize || first.items.length);
  const wanted = Math.min(first.total, maxItems);
  const pages = Math.ceil(wanted / size);
  const items = first.items.slice();
  for (let p = 2; p <= pages; p += 2) {
    const batch = await Promise.all([p, p + 1].filter(n => n <= pages).map(fetchPage));
    for (const b of batch) items.push(...b.items);
  }
  // A host that moved between pages while paging shows once.
  const seen = new Set<string>();
  const unique = pages > 1 ? items.filter(i => { const k = key(i); return seen.has(k) ? false : (seen.add(k), true); }) : items;
  return { items: unique.slice(0, maxItems), page: 1, pageSize: unique.length, total: first.total };
}
