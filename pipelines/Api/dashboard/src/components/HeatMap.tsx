import { useEffect, useRef, useState } from 'react';
import { select } from 'd3-selection';
import { cellColour, type ColourMode } from '../lib/health';
import { formatAgo, formatNumber } from '../lib/format';
import type { HostSummary } from '../lib/types';

export interface HeatMapLayout { columns: number; rows: number; cell: number; gap: number }

/** Square cells that fill `width`: bigger cells for small fleets, 12 px at the least. */
export function heatMapLayout(count: number, width: number): HeatMapLayout {
  const gap = 2;
  const usable = Math.max(100, width);
  let cell = 40;
  while (cell > 12 && Math.ceil(count / Math.floor(usable / (cell + gap))) * (cell + gap) > 260) cell -= 2;
  const columns = Math.max(1, Math.floor(usable / (cell + gap)));
  return { columns, rows: Math.max(1, Math.ceil(count / columns)), cell, gap };
}

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

interface Props { hosts: HostSummary[]; mode: ColourMode; onSelect: (host: string) => void }

/** One cell per host, coloured by health or anomaly rate; hover for details, click to drill down. */
export function HeatMap({ hosts, mode, onSelect }: Props) {
  const [wrapRef, width] = useWidth<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement | null>(null);
  const [tip, setTip] = useState<{ h: HostSummary; x: number; y: number } | null>(null);
  const layout = heatMapLayout(hosts.length, width);
  const maxAnomalies = hosts.reduce((m, h) => Math.max(m, h.anomalies1h ?? 0), 0);
  const select_ = useRef(onSelect);
  select_.current = onSelect;

  useEffect(() => {
    const svg = select(svgRef.current);
    const { columns, cell, gap } = layout;
    const cells = svg.selectAll<SVGRectElement, HostSummary>('rect.cell').data(hosts, d => d.host);
    cells.exit().remove();
    cells.enter().append('rect')
      .attr('class', 'cell')
      .attr('rx', 3)
      .attr('tabindex', 0)
      .attr('role', 'button')
      .merge(cells)
      .attr('data-host', d => d.host)
      .attr('data-health', d => d.health)
      .attr('aria-label', d => `${d.host}: ${d.health}, ${d.anomalies1h} anomalies in the last hour, ${d.activeAlerts} active alerts`)
      .attr('x', (_, i) => (i % columns) * (cell + gap))
      .attr('y', (_, i) => Math.floor(i / columns) * (cell + gap))
      .attr('width', cell)
      .attr('height', cell)
      .attr('fill', d => cellColour(d, mode, maxAnomalies))
      .on('mouseenter', function (event: MouseEvent, d) {
        const box = (svgRef.current as SVGSVGElement).getBoundingClientRect();
        setTip({ h: d, x: event.clientX - box.left, y: event.clientY - box.top });
      })
      .on('mouseleave', () => setTip(null))
      .on('click', (_e, d) => select_.current(d.host))
      .on('keydown', (e: KeyboardEvent, d) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select_.current(d.host); } });
  }, [hosts, mode, layout.columns, layout.cell, layout.gap, maxAnomalies]);

  const height = layout.rows * (layout.cell + layout.gap);
  return (
    <div className="heatmap" ref={wrapRef} data-testid="heatmap">
      <svg ref={svgRef} width={layout.columns * (layout.cell + layout.gap)} height={Math.max(height, 1)} role="group" aria-label={`Heat map of ${hosts.length} hosts, coloured by ${mode === 'health' ? 'health' : 'anomaly rate'}`} />
      {tip && (
        <div className="tooltip" style={{ left: Math.min(tip.x + 12, width - 220), top: tip.y + 12 }} role="tooltip">
          <strong>{tip.h.host}</strong>
          <div>health: {tip.h.health}</div>
          <div>anomalies (1 h): {tip.h.anomalies1h}</div>
          <div>active alerts: {tip.h.activeAlerts}</div>
          <div>max score (1 h): {formatNumber(tip.h.score1h)}</div>
          <div>last seen: {formatAgo(tip.h.lastSeen)}</div>
        </div>
      )}
    </div>
  );
}
