import { describe, expect, it } from 'vitest';
import { pipelineState } from './lag';

describe('pipeline state', () => {
  it('says nothing was measured without a reading', () => {
    expect(pipelineState(null).kind).toBe('unknown');
    expect(pipelineState({ measured: false, lags: [] }).kind).toBe('unknown');
  });
  it('is real time while every stage is under 20 s behind', () => {
    const state = pipelineState({ measured: true, lags: [{ group: 'streams-processor', topic: 'metrics.raw', records: 500, maxPartitionRecords: 60, seconds: 4 }] });
    expect(state).toMatchObject({ kind: 'realtime', text: 'real time' });
  });
  it('names the worst stage with records and seconds, and every lagging stage in the detail', () => {
    const state = pipelineState({
      measured: true,
      lags: [
        { group: 'streams-scorer', topic: 'metrics.windows', records: 1200, maxPartitionRecords: 400, seconds: 25 },
        { group: 'streams-processor', topic: 'metrics.raw', records: 273816, maxPartitionRecords: 30000, seconds: 95 },
        { group: 'streams-alerting', topic: 'anomalies', records: 0, maxPartitionRecords: 0, seconds: 300 },
      ],
    });
    expect(state.kind).toBe('behind');
    expect(state.text).toBe('behind by 273,816 records / 1m35s');
    expect(state.detail.split('\n')).toEqual(['streams-processor on metrics.raw: 273,816 records, 1m35s', 'streams-scorer on metrics.windows: 1,200 records, 25s']);
  });
});
