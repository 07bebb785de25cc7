// The API contract (JSON, camelCase).

export interface Page<T> { items: T[]; page: number; pageSize: number; total: number }

export interface HostSummary {
  host: string;
  tags: Record<string, string>;
  lastSeen: string | null;
  health: string;
  anomalies1h: number;
  activeAlerts: number;
  score1h: number;
}

export interface Contribution { series: string; share: number; value: number; expected: number }

export interface Anomaly {
  id: string;
  host: string;
  series: string;
  windowStart: string;
  windowEnd: string;
  score: number;
  threshold: number;
  severity: string;
  model: string;
  modelVersion: string | number;
  contributions: Contribution[];
  consecutiveWindows: number;
  detectedAt: string;
}

export interface Alert {
  fingerprint: string;
  ruleId: string;
  state: string;
  severity: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  value: number | null;
  startsAt: string;
  endsAt: string | null;
  updatedAt: string;
  acknowledgedBy: string | null;
  silenceId: string | null;
  escalationLevel: number;
  flapping: boolean;
}

export interface HostDetail {
  host: string;
  tags: Record<string, string>;
  lastSeen: string | null;
  health: string;
  series: string[];
  activeAlerts: Alert[];
  recentAnomalies: Anomaly[];
}

export interface MetricPoint { t: string; mean: number | null; min: number | null; max: number | null; p95: number | null }
export interface BandPoint { t: string; low: number | null; high: number | null }
export interface MetricSeries { host: string; series: string; step: string; points: MetricPoint[]; band: BandPoint[] }

export interface Silence { id: string; matchers: string[]; startsAt?: string; endsAt?: string; comment?: string; createdBy?: string }

export type RuleKind = 'threshold' | 'anomaly' | 'noData' | 'log' | 'forecast';

export interface Rule {
  id: string;
  name: string;
  version?: number;
  enabled: boolean;
  kind: RuleKind;
  severity: string;
  scope: { hosts: string[]; tags: Record<string, string> };
  for?: string;
  escalateAfter?: string | null;
  inhibitsHost?: boolean;
  groupBy?: string[];
  annotations: Record<string, string>;
  threshold?: { metric: string; series?: string | null; statistic: string; comparator: string; value: number; clear?: number | null } | null;
  anomaly?: { minSeverity: string; minScoreRatio: number; minConsecutiveWindows: number; models: string[]; perSeries: boolean; resolveAfter: string } | null;
  noData?: { after: string } | null;
  log?: { minSeverity: string; minCount: number; app?: string | null; newTemplate: boolean; resolveAfter: string } | null;
  forecast?: { metric: string; series?: string | null; limit?: number | null; horizon: string; bound: 'expected' | 'upper'; clear?: string | null } | null;
}

/** GET /api/capacity: a resource series' latest forecast; exhaustion times are null beyond the forecast's horizon. */
export interface CapacityItem {
  host: string;
  series: string;
  metric: string;
  tags: Record<string, string>;
  model: string;
  seasonSteps: number;
  generatedAt: string;
  origin: string;
  lastValue: number;
  limit: number | null;
  direction: string;
  coverage: number;
  exhaustionExpected: string | null;
  exhaustionEarliest: string | null;
  exhaustionLatest: string | null;
  summary: string;
}

export interface ForecastPoint { t: string; expected: number; lower: number; upper: number }
export interface SeriesForecast { capacity: CapacityItem; step: string; residualSigma: number; points: ForecastPoint[] }
export interface HostForecast { host: string; metric: string; series: SeriesForecast[] }

/** GET /api/capacity/headroom: one tag value's series of one metric (value null: the series without the tag). */
export interface HeadroomGroup {
  value: string | null;
  metric: string;
  series: number;
  hosts: number;
  exhaustWithin24h: number;
  exhaustWithin7d: number;
  medianHeadroom: number | null;
  medianExhaustion: string | null;
}
export interface HeadroomReport { by: string; at: string; groups: HeadroomGroup[] }

export interface PreviewResult { fired: number; hosts: { host: string; episodes: { start: string; end: string | null }[] }[]; evaluatedWindows: number }

export interface Channel { type: string; address?: string; url?: string; name?: string }

export interface Preference {
  id?: string;
  name: string;
  team?: string | null;
  channels: Channel[];
  minSeverity: string;
  matchers: string[];
  quietHours?: { start: string; end: string; timeZone: string; allowCritical: boolean } | null;
  escalationLevel: number;
  groupBy: string[];
  groupWait: string;
  groupInterval: string;
  repeatInterval: string;
  enabled: boolean;
}

export interface ModelInfo { name: string; host: string; version: string | number; trainedAt: string; figures: Record<string, unknown>; origin?: string }
export interface ModelCoverage { host: string; coveredBy: string; model: string | null; version: string | null; trainedAt: string | null; ageSeconds: number | null; nextRetrainAt: string | null; windowsSeen: number | null; group: string | null }

export interface LiveFrame { type: 'alert' | 'anomaly' | 'window' | 'notification' | 'dropped'; data: unknown }

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
}

/** One consumer group on one topic (`GET /api/pipeline/lag`). */
export interface ConsumerLag { group: string; topic: string; records: number; maxPartitionRecords: number; seconds: number }

/** How far each stage is behind; `measured` false where no lag monitor runs or Kafka did not answer. */
export interface PipelineLag { measured: boolean; lags: ConsumerLag[] }
