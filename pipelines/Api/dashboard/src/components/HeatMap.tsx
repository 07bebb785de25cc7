import { useEffect, useMemo, useRef, useState } from 'react';
import { cellColourer, type ColourMode } from '../lib/health';
import { formatAgo, formatNumber } from '../lib/format';
import { cellOrigin, groupByColour, heatMapLayout, hitTest, stepCell, type HeatMapLayout } from '../lib/heatmap';
import type { HostSummary } from '../lib/types';

export { heatMapLayout, type HeatMapLayout };

export function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T | null>(null);
  const [width, setWidth] = useState(800);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(entries => {
      const w = Math.floor(entries[0].contentRect.width);
      setWidth(prev => (Math.abs(prev - w) > 1 ? w : prev));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

/**
 * Up to this many hosts each cell is also an SVG button over the canvas: a tab stop with its own
 * label for screen readers. Beyond it one element a host costs more than it helps (ten thousand
 * tab stops), and the canvas itself takes the keyboard: arrows move, Enter opens.
 */
export const CELL_ELEMENTS_MAX = 500;

/** Draws the cells, one fill a colour; returns the time it took, ms. */
export function drawHeatMap(ctx: CanvasRenderingContext2D, hosts: readonly HostSummary[], layout: HeatMapLayout, colour: (h: HostSummary) => string, scale: number): number {
  const t0 = performance.now();
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.clearRect(0, 0, layout.width, layout.height);
  const round = layout.cell >= 10;
  for (const [fill, indices] of groupByColour(hosts, colour)) {
    ctx.fillStyle = fill;
    ctx.beginPath();
    for (const i of indices) {
      const { x, y } = cellOrigin(i, layout);
      if (round) ctx.roundRect(x, y, layout.cell, layout.cell, 3);
      else ctx.rect(x, y, layout.cell, layout.cell);
    }
    ctx.fill();
  }
  return performance.now() - t0;
}

interface Props { hosts: HostSummary[]; mode: ColourMode; onSelect: (host: string) => void }

const describe = (h: HostSummary) => `${h.host}: ${h.health}, ${h.anomalies1h} anomalies in the last hour, ${h.activeAlerts} active alerts`;

/** One cell per host on a canvas, coloured by health or anomaly rate; hover for details, click to drill down. */
export function HeatMap({ hosts, mode, onSelect }: Props) {
  const [wrapRef, width] = useWidth<HTMLDivElement>();
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  // The pointed or keyboard-focused cell, by index into hosts.
  const [active, setActive] = useState<{ index: number; x: number; y: number; by: 'pointer' | 'keyboard' } | null>(null);
  const layout = useMemo(() => heatMapLayout(hosts.length, width), [hosts.length, width]);
  const maxAnomalies = useMemo(() => hosts.reduce((m, h) => Math.max(m, h.anomalies1h ?? 0), 0), [hosts]);
  const select_ = useRef(onSelect);
  select_.current = onSelect;
  const cellElements = hosts.length <= CELL_ELEMENTS_MAX;

  // Live frames can change hosts many times a second: draw at most once a frame.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const id = requestAnimationFrame(() => {
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      const scale = window.devicePixelRatio || 1;
      const w = Math.max(1, Math.ceil(layout.width * scale));
      const h = Math.max(1, Math.ceil(layout.height * scale));
      if (canvas.width !== w) canvas.width = w;
      if (canvas.height !== h) canvas.height = h;
      const ms = drawHeatMap(ctx, hosts, layout, cellColourer(mode, maxAnomalies), scale);
      canvas.dataset.drawMs = ms.toFixed(1);
    });
    return () => cancelAnimationFrame(id);
  }, [hosts, mode, maxAnomalies, layout]);

  // A host that left (search, refresh) takes its highlight with it.
  const current = active && active.index < hosts.length ? active : null;
  const activeHost = current ? hosts[current.index] : null;

  const pointAt = (clientX: number, clientY: number) => {
    const box = (canvasRef.current as HTMLCanvasElement).getBoundingClientRect();
    const x = clientX - box.left;
    const y = clientY - box.top;
    return { index: hitTest(x, y, layout, hosts.length), x, y };
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLCanvasElement>) => {
    if ((e.key === 'Enter' || e.key === ' ') && activeHost) {
      e.preventDefault();
      select_.current(activeHost.host);
      return;
    }
    const from = current?.index ?? -1;
    const next = from < 0 ? 0 : stepCell(from, e.key, layout, hosts.length);
    if (next !== from && next >= 0) {
      e.preventDefault();
      const o = cellOrigin(next, layout);
      setActive({ index: next, x: o.x + layout.cell, y: o.y + layout.cell, by: 'keyboard' });
    }
  };

  // Built once a data or size change, not on every hover.
  const cells = useMemo(() => !cellElements ? null : (
    <svg className="cells" width={layout.width} height={layout.height} role="group" aria-label={`Heat map of ${hosts.length} hosts`}>
      {hosts.map((h, i) => {
        const o = cellOrigin(i, layout);
        return (
          <rect
            key={h.host}
            className="cell"
            data-host={h.host}
            data-health={h.health}
            x={o.x}
            y={o.y}
            width={layout.cell}
            height={layout.cell}
            rx={layout.cell >= 10 ? 3 : 0}
            tabIndex={0}
            role="button"
            aria-label={describe(h)}
            onFocus={() => setActive({ index: i, x: o.x + layout.cell, y: o.y + layout.cell, by: 'keyboard' })}
            onBlur={() => setActive(a => (a?.by === 'keyboard' ? null : a))}
            onKeyDown={e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select_.current(h.host); } }}
          />
        );
      })}
    </svg>
  ), [cellElements, hosts, layout]);

  const ring = current ? cellOrigin(current.index, layout) : null;
  const label = `Heat map of ${hosts.length} hosts, coloured by ${mode === 'health' ? 'health' : 'anomaly rate'}`;
  return (
    <div
      className="heatmap"
      ref={wrapRef}
      data-testid="heatmap"
      data-hosts={hosts.length}
      onMouseMove={e => {
        const p = pointAt(e.clientX, e.clientY);
        // The tooltip stays where the pointer entered a cell: re-rendering on every move is wasted.
        setActive(a => (p.index < 0 ? null : a?.index === p.index && a.by === 'pointer' ? a : { ...p, by: 'pointer' }));
      }}
      onMouseLeave={() => setActive(a => (a?.by === 'pointer' ? null : a))}
      onClick={e => {
        const p = pointAt(e.clientX, e.clientY);
        if (p.index >= 0) select_.current(hosts[p.index].host);
      }}
    >
      <canvas
        ref={canvasRef}
        style={{ width: layout.width, height: layout.height }}
        role="img"
        aria-label={cellElements ? label : `${label}. Arrow keys move between hosts, Enter opens one.`}
        tabIndex={cellElements ? -1 : 0}
        onKeyDown={cellElements ? undefined : onKeyDown}
        onBlur={() => setActive(a => (a?.by === 'keyboard' ? null : a))}
      />
      {cells}
      {ring && !cellElements && <div className="heatmap-ring" style={{ left: ring.x - 1, top: ring.y - 1, width: layout.cell + 2, height: layout.cell + 2 }} aria-hidden="true" />}
      {!cellElements && <div className="sr-only" aria-live="polite">{current?.by === 'keyboard' && activeHost ? describe(activeHost) : ''}</div>}
      {current && activeHost && (
        <div className="tooltip" style={{ left: Math.max(0, Math.min(current.x + 12, width - 220)), top: current.y + 12 }} role="tooltip">
          <strong>{activeHost.host}</strong>
          <div>health: {activeHost.health}</div>
          <div>anomalies (1 h): {activeHost.anomalies1h}</div>
          <div>active alerts: {activeHost.activeAlerts}</div>
          <div>max score (1 h): {formatNumber(activeHost.score1h)}</div>
          <div>last seen: {formatAgo(activeHost.lastSeen)}</div>
        </div>
      )}
    </div>
  );
}
