// The fleet view's own work for 10,000 hosts, without a browser: what runs on every data change
// (filter, sort, counts, layout, colours, the canvas calls) and on every scroll (the row window).
// The canvas rasterising itself is measured in a browser; see the dashboard README.
import { describe, expect, it } from 'vitest';
import { drawHeatMap } from '../components/HeatMap';
import { cellColourer } from '../lib/health';
import { heatMapLayout, hitTest } from '../lib/heatmap';
import { filterHosts, fleetCounts, sortHosts } from '../lib/shape';
import type { HostSummary } from '../lib/types';
import { virtualWindow } from '../lib/virtual';

const HEALTH = ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'warning', 'critical', 'down', 'unknown'];

function syntheticFleet(n: number): HostSummary[] {
  return Array.from({ length: n }, (_, i) => ({
    host: `srv-${String(i + 1).padStart(5, '0')}`,
    tags: { dc: ['ams', 'fra', 'iad'][i % 3], role: ['web', 'db', 'cache', 'queue'][i % 4] },
    lastSeen: new Date(Date.now() - (i % 60) * 1000).toISOString(),
    health: HEALTH[(i * 7) % HEALTH.length],
    anomalies1h: (i * 13) % 17,
    activeAlerts: i % 11 === 0 ? 1 : 0,
    score1h: ((i * 31) % 100) / 20,
  }));
}

/** Counts the calls a draw makes; each is a no-op, so the time is the JS side of the draw. */
function recordingContext() {
  const calls = { rect: 0, fill: 0 };
  const ctx = {
    fillStyle: '',
    setTransform() {}, clearRect() {}, beginPath() {},
    rect() { calls.rect++; }, roundRect() { calls.rect++; }, fill() { calls.fill++; },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

const time = (f: () => void, runs = 5): number => {
  f(); // warm up the JIT
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) f();
  return (performance.now() - t0) / runs;
};

describe('fleet view with 10,000 hosts', () => {
  const hosts = syntheticFleet(10_000);

  it('draws one rect per host with fills batched by colour, and prints the time each step takes', () => {
    let sorted: HostSummary[] = [];
    const shape = time(() => { sorted = sortHosts(filterHosts(hosts, ''), 'health', true); fleetCounts(sorted); });
    const byName = time(() => sortHosts(hosts, 'name', false));
    const search = time(() => filterHosts(hosts, 'fra'));
    const layout = heatMapLayout(sorted.length, 700);
    const { ctx, calls } = recordingContext();
    const draw = time(() => drawHeatMap(ctx, sorted, layout, cellColourer('health', 16), 2));
    const drawAnomalies = time(() => drawHeatMap(ctx, sorted, layout, cellColourer('anomalies', 16), 2));
    const scroll = time(() => { for (let top = 0; top < 330_000; top += 3_300) virtualWindow({ count: 10_000, rowHeight: 33, scrollTop: top, viewport: 700, overscan: 10, minRows: 50 }); }) / 100;
    const hits = time(() => { for (let i = 0; i < 1_000; i++) hitTest((i * 7) % layout.width, (i * 3) % layout.height, layout, 10_000); }) / 1_000;
    console.log(`10,000 hosts: filter+sort+counts ${shape.toFixed(1)} ms, sort by name ${byName.toFixed(1)} ms, search ${search.toFixed(1)} ms, `
      + `draw calls (health) ${draw.toFixed(2)} ms, (anomalies) ${drawAnomalies.toFixed(2)} ms, row window ${(scroll * 1000).toFixed(2)} µs, hit test ${(hits * 1000).toFixed(3)} µs; `
      + `map ${layout.columns}×${layout.rows} cells of ${layout.cell} px`);
    // Behaviour, not speed (figures are printed, never asserted): one rect per host per draw,
    // and fills batched by colour rather than one per host.
    expect(calls.rect).toBe(12 * 10_000);
    expect(calls.fill).toBeLessThan(12 * 40);
  });
});
