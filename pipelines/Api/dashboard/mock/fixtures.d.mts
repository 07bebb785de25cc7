export declare const fixtures: {
  hosts: unknown[]; anomalies: unknown[]; alerts: unknown[]; rules: unknown[]; preferences: unknown[]; models: unknown[]; series: string[];
  metrics(host: string, series: string, toMs: number, count: number, stepMs?: number): {
    host: string; series: string; step: string;
    points: { t: string; mean: number; min: number; max: number; p95: number }[];
    band: { t: string; low: number; high: number }[];
  };
  ruleProblem: { type?: string; title?: string; status?: number; errors: Record<string, string[]> };
};
