import { normaliseHealth, severityClass } from '../lib/health';

export function HealthBadge({ health }: { health: string }) {
  const h = normaliseHealth(health);
  return <span className={`badge health-${h}`} data-health={h}>{h}</span>;
}

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`badge ${severityClass(severity)}`}>{severity}</span>;
}

export function StateBadge({ state }: { state: string }) {
  return <span className={`badge state-${state}`} data-state={state}>{state}</span>;
}

export function ErrorNote({ error }: { error: Error | null }) {
  if (!error) return null;
  return <p className="error" role="alert">{error.message}</p>;
}
