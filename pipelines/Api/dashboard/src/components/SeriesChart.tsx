import { useEffect, useMemo, useRef, useState } from 'react';
import { scaleLinear, scaleTime } from 'd3-scale';
import { area, line } from 'd3-shape';
import { axisBottom, axisLeft } from 'd3-axis';
import { select } from 'd3-selection';
import { bisector } from 'd3-array';
import { timeFormat } from 'd3-time-format';
import { useWidth } from './HeatMap';
import { formatMetric, formatTime } from '../lib/format';
import { yExtent, type ChartRow } from '../lib/shape';
import type { Anomaly } from '../lib/types';

interface Props {
  series: string;
  rows: ChartRow[];
  anomalies: Anomaly[];
  from: number;
  to: number;
  selectedAnomaly: string | null;
  onSelectAnomaly: (a: Anomaly) => void;
}

const M = { top: 8, right: 12, bottom: 22, left: 56 };
const HEIGHT = 170;
const byTime = bisector<ChartRow, number>(r => r.t).center;
const tickTime = timeFormat('%H:%M');

/** Mean line, min–max area, the model's normal band, and the anomalies as markers. */
export function SeriesChart({ series, rows, anomalies, from, to, selectedAnomaly, onSelectAnomaly }: Props) {
  const [wrapRef, width] = useWidth<HTMLDivElement>();
  const xAxisRef = useRef<SVGGElement | null>(null);
  const yAxisRef = useRef<SVGGElement | null>(null);
  const [hover, setHover] = useState<ChartRow | null>(null);
  const innerW = Math.max(50, width - M.left - M.right);
  const innerH = HEIGHT - M.top - M.bottom;

  const x = useMemo(() => scaleTime().domain([new Date(from), new Date(to)]).range([0, innerW]), [from, to, innerW]);
  const y = useMemo(() => scaleLinear().domain(yExtent(rows)).nice().range([innerH, 0]), [rows, innerH]);

  const paths = useMemo(() => {
    const band = area<ChartRow>().defined(r => r.low != null && r.high != null).x(r => x(r.t)).y0(r => y(r.low as number)).y1(r => y(r.high as number));
    const range = area<ChartRow>().defined(r => r.min != null && r.max != null).x(r => x(r.t)).y0(r => y(r.min as number)).y1(r => y(r.max as number));
    const mean = line<ChartRow>().defined(r => r.mean != null).x(r => x(r.t)).y(r => y(r.mean as number));
    return { band: band(rows) ?? '', range: range(rows) ?? '', mean: mean(rows) ?? '' };
  }, [rows, x, y]);

  useEffect(() => {
    if (xAxisRef.current) select(xAxisRef.current).call(axisBottom(x).ticks(Math.max(2, Math.floor(innerW / 90))).tickFormat(d => tickTime(d as Date)));
    if (yAxisRef.current) select(yAxisRef.current).call(axisLeft(y).ticks(4).tickFormat(v => formatMetric(series, v as number)));
  }, [x, y, innerW, series]);

  const markers = anomalies
    .map(a => ({ a, t0: Date.parse(a.windowStart), t1: Date.parse(a.windowEnd) }))
    .filter(m => Number.isFinite(m.t0) && m.t1 >= from && m.t0 <= to);

  function onMove(e: React.MouseEvent<SVGRectElement>) {
    if (!rows.length) return;
    const box = e.currentTarget.getBoundingClientRect();
    const t = x.invert(e.clientX - box.left).getTime();
    setHover(rows[byTime(rows, t)] ?? null);
  }

  const titleId = `chart-${series.replace(/[^a-z0-9]/gi, '-')}`;
  return (
    <figure className="chart card" ref={wrapRef} data-series={series} aria-labelledby={titleId}>
      <figcaption id={titleId} className="card-title">{series} <span className="muted small">{rows.length} points · {markers.length} anomalies</span></figcaption>
      {rows.length === 0 && <p className="empty small">No data for this series in the range.</p>}
      <svg width={width} height={HEIGHT} role="img" aria-label={`${series} over time, with the model's normal band and anomaly markers`}>
        <g transform={`translate(${M.left},${M.top})`}>
          {markers.map(({ a, t0, t1 }) => (
            <rect key={`span-${a.id}`} className="anomaly-span" x={x(Math.max(from, t0))} y={0} width={Math.max(2, x(Math.min(to, t1)) - x(Math.max(from, t0)))} height={innerH} />
          ))}
          <path className="band" d={paths.band} />
          <path className="range" d={paths.range} />
          <path className="mean" d={paths.mean} />
          <g ref={yAxisRef} className="axis" />
          <g ref={xAxisRef} className="axis" transform={`translate(0,${innerH})`} />
          {hover && hover.mean != null && (
            <g className="hover" transform={`translate(${x(hover.t)},0)`}>
              <line y1={0} y2={innerH} />
              <circle cy={y(hover.mean)} r={3} />
            </g>
          )}
          <rect className="overlay" width={innerW} height={innerH} onMouseMove={onMove} onMouseLeave={() => setHover(null)} />
          {markers.map(({ a, t0 }) => (
            <circle key={a.id} className={`anomaly-marker${selectedAnomaly === a.id ? ' selected' : ''}`} data-anomaly={a.id}
              cx={x(Math.max(from, t0))} cy={6} r={5} tabIndex={0} role="button"
              aria-label={`Anomaly at ${formatTime(a.windowStart)}, score ${a.score.toFixed(2)}`}
              onClick={() => onSelectAnomaly(a)}
              onKeyDown={e => { if (e.key === 'Enter') onSelectAnomaly(a); }}>
              <title>{`${formatTime(a.windowStart)} score ${a.score.toFixed(2)} (threshold ${a.threshold.toFixed(2)})`}</title>
            </circle>
          ))}
        </g>
      </svg>
      {hover && (
        <div className="tooltip chart-tip" style={{ left: Math.min(M.left + x(hover.t) + 10, width - 200), top: 30 }} role="tooltip">
          <div>{formatTime(hover.t)}</div>
          <div>mean {formatMetric(series, hover.mean)}</div>
          <div>min {formatMetric(series, hover.min)} · max {formatMetric(series, hover.max)}</div>
          {hover.low != null && <div>normal {formatMetric(series, hover.low)} – {formatMetric(series, hover.high)}</div>}
        </div>
      )}
    </figure>
  );
}
