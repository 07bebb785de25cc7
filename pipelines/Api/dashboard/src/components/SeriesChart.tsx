import { useEffect, useMemo, useRef, useState } from 'react';
import { scaleLinear, scaleTime } from 'd3-scale';
import { area, line } from 'd3-shape';
import { axisBottom, axisLeft } from 'd3-axis';
import { select } from 'd3-selection';
import { bisector } from 'd3-array';
import { timeFormat } from 'd3-time-format';
import { useWidth } from './HeatMap';
import { formatMetric, formatTime } from '../lib/format';
import { formatLeft } from '../lib/capacity';
import { chartSplit, exhaustionMark, forecastAhead, forecastValues, type ForecastRow } from '../lib/forecast';
import { yExtent, type ChartRow } from '../lib/shape';
import type { Anomaly, SeriesForecast } from '../lib/types';

interface Props {
  series: string;
  rows: ChartRow[];
  anomalies: Anomaly[];
  from: number;
  to: number;
  selectedAnomaly: string | null;
  onSelectAnomaly: (a: Anomaly) => void;
  /** The series' latest forecast: drawn right of `to` (now) when it has points ahead. */
  forecast?: SeriesForecast | null;
}

const M = { top: 8, right: 12, bottom: 22, left: 56 };
const HEIGHT = 170;
const byTime = bisector<ChartRow, number>(r => r.t).center;
const aheadByTime = bisector<ForecastRow, number>(r => r.t).center;
const tickTime = timeFormat('%H:%M');
const tickWeekday = timeFormat('%a');

/**
 * Mean line, min–max area, the model's normal band, and the anomalies as markers; with a
 * forecast, the chart's right part shows it from now to its horizon on a time scale of its own:
 * the expected value dashed, the prediction band translucent, and when the expected value reaches
 * the limit there, the limit and that time with its band of times.
 */
export function SeriesChart({ series, rows, anomalies, from, to, selectedAnomaly, onSelectAnomaly, forecast }: Props) {
  const [wrapRef, width] = useWidth<HTMLDivElement>();
  const xAxisRef = useRef<SVGGElement | null>(null);
  const aheadAxisRef = useRef<SVGGElement | null>(null);
  const yAxisRef = useRef<SVGGElement | null>(null);
  const [hover, setHover] = useState<ChartRow | null>(null);
  const [hoverAhead, setHoverAhead] = useState<ForecastRow | null>(null);
  const innerW = Math.max(50, width - M.left - M.right);
  const innerH = HEIGHT - M.top - M.bottom;

  const ahead = useMemo(() => forecastAhead(forecast, to), [forecast, to]);
  const { historyWidth, end } = chartSplit(innerW, to, ahead);
  const mark = useMemo(() => exhaustionMark(forecast, to, end), [forecast, to, end]);
  const limit = forecast?.capacity.limit ?? null;
  // Two linear pieces: the history keeps its own scale, the forecast's days fit the rest.
  const x = useMemo(() => (end > to
    ? scaleTime().domain([new Date(from), new Date(to), new Date(end)]).range([0, historyWidth, innerW])
    : scaleTime().domain([new Date(from), new Date(to)]).range([0, innerW])), [from, to, end, historyWidth, innerW]);
  const y = useMemo(() => scaleLinear().domain(yExtent(rows, forecastValues(ahead, limit, mark))).nice().range([innerH, 0]), [rows, ahead, limit, mark, innerH]);

  const paths = useMemo(() => {
    const band = area<ChartRow>().defined(r => r.low != null && r.high != null).x(r => x(r.t)).y0(r => y(r.low as number)).y1(r => y(r.high as number));
    const range = area<ChartRow>().defined(r => r.min != null && r.max != null).x(r => x(r.t)).y0(r => y(r.min as number)).y1(r => y(r.max as number));
    const mean = line<ChartRow>().defined(r => r.mean != null).x(r => x(r.t)).y(r => y(r.mean as number));
    const forecastBand = area<ForecastRow>().x(r => x(r.t)).y0(r => y(r.lower)).y1(r => y(r.upper));
    const expected = line<ForecastRow>().x(r => x(r.t)).y(r => y(r.expected));
    return { band: band(rows) ?? '', range: range(rows) ?? '', mean: mean(rows) ?? '', forecastBand: forecastBand(ahead) ?? '', expected: expected(ahead) ?? '' };
  }, [rows, ahead, x, y]);

  useEffect(() => {
    // Each piece gets its own ticks: one axis over both would put nearly all of them in the forecast's days.
    const history = scaleTime().domain([new Date(from), new Date(to)]).range([0, historyWidth]);
    if (xAxisRef.current) select(xAxisRef.current).call(axisBottom(history).ticks(Math.max(2, Math.floor(historyWidth / 90))).tickFormat(d => tickTime(d as Date)));
    if (aheadAxisRef.current) {
      const future = scaleTime().domain([new Date(to), new Date(end)]).range([historyWidth, innerW]);
      // Days as weekdays when the forecast spans days (a week in a third of the chart), else clock times.
      const format = end - to > 2 * 86_400_000 ? tickWeekday : tickTime;
      select(aheadAxisRef.current).call(axisBottom(future).ticks(Math.max(2, Math.floor((innerW - historyWidth) / 45))).tickFormat(d => format(d as Date)));
    }
    if (yAxisRef.current) select(yAxisRef.current).call(axisLeft(y).ticks(4).tickFormat(v => formatMetric(series, v as number)));
  }, [x, y, from, to, end, historyWidth, innerW, series]);

  const markers = anomalies
    .map(a => ({ a, t0: Date.parse(a.windowStart), t1: Date.parse(a.windowEnd) }))
    .filter(m => Number.isFinite(m.t0) && m.t1 >= from && m.t0 <= to);

  function onMove(e: React.MouseEvent<SVGRectElement>) {
    const box = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - box.left;
    const t = x.invert(px).getTime();
    if (px > historyWidth && ahead.length) {
      setHover(null);
      setHoverAhead(ahead[aheadByTime(ahead, t)] ?? null);
      return;
    }
    setHoverAhead(null);
    if (rows.length) setHover(rows[byTime(rows, t)] ?? null);
  }

  const fills = forecast?.capacity.direction === 'FALLING' ? 'runs out' : 'full';
  const markLabel = mark ? `${fills} in ${formatLeft(mark.t - to)}` : null;

  const titleId = `chart-${series.replace(/[^a-z0-9]/gi, '-')}`;
  return (
    <figure className="chart card" ref={wrapRef} data-series={series} aria-labelledby={titleId}>
      <figcaption id={titleId} className="card-title">{series} <span className="muted small">{rows.length} points · {markers.length} anomalies{ahead.length > 1 ? ` · forecast ${forecast!.capacity.model.toLowerCase().replace('_', '-')}${markLabel ? `, ${markLabel}` : ''}` : ''}</span></figcaption>
      {rows.length === 0 && <p className="empty small">No data for this series in the range.</p>}
      <svg width={width} height={HEIGHT} role="img" aria-label={`${series} over time, with the model's normal band and anomaly markers${ahead.length > 1 ? `, and its forecast ahead${markLabel ? ` (${markLabel})` : ''}` : ''}`}>
        <g transform={`translate(${M.left},${M.top})`}>
          {ahead.length > 1 && (
            <g className="forecast" data-testid="forecast">
              <rect className="ahead-bg" x={historyWidth} width={innerW - historyWidth} height={innerH} />
              <path className="forecast-band" d={paths.forecastBand} />
              <path className="forecast-expected" d={paths.expected} />
              <line className="now-line" x1={historyWidth} x2={historyWidth} y1={0} y2={innerH} />
              <text className="now-label" x={historyWidth + 3} y={innerH - 4}>now</text>
              {mark && limit != null && (
                <g className="exhaustion" data-testid="exhaustion-mark">
                  <line className="limit-line" x1={historyWidth} x2={innerW} y1={y(limit)} y2={y(limit)} />
                  {mark.earliest != null && mark.latest != null && <rect className="exhaustion-band" x={x(mark.earliest)} width={Math.max(2, x(mark.latest) - x(mark.earliest))} y={0} height={4} />}
                  <line className="exhaustion-line" x1={x(mark.t)} x2={x(mark.t)} y1={0} y2={innerH} />
                  {/* Under the limit line, which is at the top when the chart's range ends at the limit. */}
                  <text className="exhaustion-label" x={x(mark.t) > innerW - 90 ? x(mark.t) - 4 : x(mark.t) + 4} y={Math.min(innerH - 4, Math.max(0, y(limit)) + 14)} textAnchor={x(mark.t) > innerW - 90 ? 'end' : 'start'}>{markLabel}</text>
                </g>
              )}
            </g>
          )}
          {markers.map(({ a, t0, t1 }) => (
            <rect key={`span-${a.id}`} className="anomaly-span" x={x(Math.max(from, t0))} y={0} width={Math.max(2, x(Math.min(to, t1)) - x(Math.max(from, t0)))} height={innerH} />
          ))}
          <path className="band" d={paths.band} />
          <path className="range" d={paths.range} />
          <path className="mean" d={paths.mean} />
          <g ref={yAxisRef} className="axis" />
          <g ref={xAxisRef} className="axis" transform={`translate(0,${innerH})`} />
          {ahead.length > 1 && <g ref={aheadAxisRef} className="axis" transform={`translate(0,${innerH})`} />}
          {hover && hover.mean != null && (
            <g className="hover" transform={`translate(${x(hover.t)},0)`}>
              <line y1={0} y2={innerH} />
              <circle cy={y(hover.mean)} r={3} />
            </g>
          )}
          {hoverAhead && (
            <g className="hover ahead" transform={`translate(${x(hoverAhead.t)},0)`}>
              <line y1={0} y2={innerH} />
              <circle cy={y(hoverAhead.expected)} r={3} />
            </g>
          )}
          <rect className="overlay" width={innerW} height={innerH} onMouseMove={onMove} onMouseLeave={() => { setHover(null); setHoverAhead(null); }} />
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
      {hoverAhead && (
        <div className="tooltip chart-tip" style={{ left: Math.max(0, Math.min(M.left + x(hoverAhead.t) + 10, width - 200)), top: 30 }} role="tooltip">
          <div>{formatTime(hoverAhead.t)} (forecast)</div>
          <div>expected {formatMetric(series, hoverAhead.expected)}</div>
          <div>{Math.round((forecast?.capacity.coverage ?? 0.95) * 100)} % band {formatMetric(series, hoverAhead.lower)} – {formatMetric(series, hoverAhead.upper)}</div>
        </div>
      )}
    </figure>
  );
}
