import { describe, expect, it } from 'vitest';
import { fetchAllPages } from './paging';
import type { Page } from './types';

const server = (total: number, size: number, calls: number[]) => async (page: number): Promise<Page<{ id: string }>> => {
  calls.push(page);
  const items = Array.from({ length: total }, (_, i) => ({ id: `h${i}` })).slice((page - 1) * size, page * size);
  return { items, page, pageSize: size, total };
};

describe('fetchAllPages', () => {
  it('asks once when the first page holds everything', async () => {
    const calls: number[] = [];
    const all = await fetchAllPages(server(40, 10_000, calls), x => x.id, 50_000);
    expect(calls).toEqual([1]);
    expect(all.items).toHaveLength(40);
    expect(all.total).toBe(40);
  });

  it('pages through the rest', async () => {
    const calls: number[] = [];
    const all = await fetchAllPages(server(25_001, 10_000, calls), x => x.id, 50_000);
    expect(calls).toEqual([1, 2, 3]);
    expect(all.items).toHaveLength(25_001);
    expect(new Set(all.items.map(i => i.id)).size).toBe(25_001);
  });

  it('stops at the cap and keeps the true total', async () => {
    const calls: number[] = [];
    const all = await fetchAllPages(server(1_000, 100, calls), x => x.id, 250);
    expect(calls).toEqual([1, 2, 3]);
    expect(all.items).toHaveLength(250);
    expect(all.total).toBe(1_000);
  });

  it('drops a host seen twice when the list shifted between pages', async () => {
    let n = 0;
    const shifting = async (page: number): Promise<Page<{ id: string }>> => {
      n++;
      // page 2 starts one item early, as if a host ahead of it had left ('d' is missed until the next refresh)
      const start = page === 1 ? 0 : 1;
      return { items: ['a', 'b', 'c', 'd'].slice(start, start + 2).map(id => ({ id })), page, pageSize: 2, total: 4 };
    };
    const all = await fetchAllPages(shifting, x => x.id, 10);
    expect(n).toBe(2);
    expect(all.items.map(i => i.id)).toEqual(['a', 'b', 'c']);
  });
});
