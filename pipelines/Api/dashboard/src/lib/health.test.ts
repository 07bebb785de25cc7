import { describe, expect, it } from 'vitest';
import { anomalyScale, cellColour, HEALTH_COLOURS, healthColour, healthRank, normaliseHealth, severityClass, severityRank } from './health';

describe('health colour scale', () => {
  it('ranks worse health higher', () => {
    expect(healthRank('critical')).toBeGreaterThan(healthRank('down'));
    expect(healthRank('down')).toBeGreaterThan(healthRank('warning'));
    expect(healthRank('warning')).toBeGreaterThan(healthRank('unknown'));
    expect(healthRank('unknown')).toBeGreaterThan(healthRank('ok'));
    expect(healthRank('bogus')).toBe(healthRank('unknown'));
    expect(healthRank(null)).toBe(healthRank('unknown'));
  });
  it('gives each health its own colour, unknown for anything else', () => {
    expect(new Set(Object.values(HEALTH_COLOURS)).size).toBe(5);
    expect(healthColour('critical')).toBe(HEALTH_COLOURS.critical);
    expect(healthColour('nonsense')).toBe(HEALTH_COLOURS.unknown);
    expect(normaliseHealth('CRITICAL')).toBe('critical');
    expect(normaliseHealth(undefined)).toBe('unknown');
  });
  it('colours by anomaly rate: calm at 0, hotter with more, saturating', () => {
    const s = anomalyScale(100);
    const calm = s(0);
    expect(s(1)).not.toBe(calm);
    expect(s(100)).toBe(s(1000));
    expect(s(10)).not.toBe(s(100));
    expect(s(5)).toMatch(/^rgb\(/);
  });
  it('keeps down and unknown hosts in their health colour in anomaly mode', () => {
    expect(cellColour({ health: 'down', anomalies1h: 50 }, 'anomalies', 50)).toBe(HEALTH_COLOURS.down);
    expect(cellColour({ health: 'ok', anomalies1h: 0 }, 'health', 50)).toBe(HEALTH_COLOURS.ok);
    expect(cellColour({ health: 'ok', anomalies1h: 30 }, 'anomalies', 50)).toBe(anomalyScale(50)(30));
  });
  it('orders and classes severities', () => {
    expect(severityRank('critical')).toBeGreaterThan(severityRank('major'));
    expect(severityRank('major')).toBeGreaterThan(severityRank('warning'));
    expect(severityClass('MAJOR')).toBe('sev-major');
    expect(severityClass('weird')).toBe('sev-info');
  });
});
