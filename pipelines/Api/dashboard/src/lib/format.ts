// Formatting helpers: pure, locale-stable (en-US style), unit-tested.

const SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Parses "90s", "5m", "1h30m", "2d", "00:05:00" into seconds; null when it is not a duration. */
export function parseDuration(text: string | null | undefined): number | null {
  if (text == null) return null;
  const t = String(text).trim();
  if (t === '') return null;
  const clock = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(t);
  if (clock) {
    return (Number(clock[1] ?? 0) * 86400) + Number(clock[2]) * 3600 + Number(clock[3]) * 60 + Number(clock[4]);
  }
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t)) !== null) {
    total += Number(m[1]) * SECONDS[m[2]];
    matched = re.lastIndex;
  }
  return matched === t.length && matched > 0 ? total : null;
}

/** Seconds as the shortest "1h30m" form. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  if (seconds < 1 && seconds > 0) return `${Math.round(seconds * 1000)}ms`;
  let s = Math.round(seconds);
  if (s === 0) return '0s';
  const parts: string[] = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)}${unit}`);
      s %= size;
    }
  }
  return parts.join('');
}

/** "12 s ago", "5 min ago", "3 h ago", "2 d ago"; "in the future" guard for clock skew. */
export function formatAgo(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return 'never';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '–';
  const d = Math.round((now - t) / 1000);
  if (d < -5) return 'just now';
  if (d < 60) return `${Math.max(0, d)} s ago`;
  if (d < 3600) return `${Math.floor(d / 60)} min ago`;
  if (d < 86400) return `${Math.floor(d / 3600)} h ago`;
  return `${Math.floor(d / 86400)} d ago`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-25 10:04:05" in local time. */
export function formatTime(iso: string | number | null | undefined): string {
  if (iso == null || iso === '') return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '–';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Compact numbers: 0.0123 → "0.0123", 1234 → "1.23k", 5_600_000 → "5.6M". */
export function formatNumber(v: number | null | undefined, digits = 3): string {
  if (v == null || !Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  if (a === 0) return '0';
  const units: [number, string][] = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
  for (const [size, suffix] of units) {
    if (a >= size) return `${trim((v / size).toPrecision(digits))}${suffix}`;
  }
  if (a >= 0.001) return trim(v.toPrecision(digits));
  return v.toExponential(1);
}

function trim(s: string): string {
  return s.includes('.') && !s.includes('e') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** A share 0..1 as "42%". */
export function formatPercent(share: number | null | undefined, digits = 0): string {
  if (share == null || !Number.isFinite(share)) return '–';
  return `${(share * 100).toFixed(digits)}%`;
}

/** A metric value with its unit guessed from the series name (percent series are 0..1). */
export function formatMetric(series: string, v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return '–';
  if (/percent|util|\.ratio$/.test(series) && Math.abs(v) <= 1.5) return formatPercent(v, 1);
  if (/bytes/.test(series)) return `${formatNumber(v)}B`;
  return formatNumber(v);
}

/** A step for a time range, so a chart has 60-360 points. */
export function stepFor(rangeSeconds: number): string {
  if (rangeSeconds <= 15 * 60) return '10s';
  if (rangeSeconds <= 3600) return '30s';
  if (rangeSeconds <= 6 * 3600) return '2m';
  return '10m';
}

/** A URL-safe id from a display name: "CPU hot on web" → "cpu-hot-on-web". */
export function slugify(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
}
