// The pipeline's state from /api/pipeline/lag: "in real time", or which stage is behind and by how much.
import { formatDuration } from './format';
import type { PipelineLag } from './types';

/** A stage is behind once its oldest unprocessed record is two 10-second collection intervals old (as `streams status` says). */
export const BEHIND_SECONDS = 20;

export type PipelineStateKind = 'realtime' | 'behind' | 'unknown';

export interface PipelineState { kind: PipelineStateKind; text: string; detail: string }

/** The worst stage decides: "behind by 273,816 records / 1m35s" with every lagging stage in the detail. */
export function pipelineState(view: PipelineLag | null | undefined): PipelineState {
  if (!view || !view.measured) return { kind: 'unknown', text: 'lag unknown', detail: 'No consumer lag measured yet (the api or platform role reads it every 5 s).' };
  const behind = view.lags.filter(l => l.records > 0 && l.seconds >= BEHIND_SECONDS).sort((a, b) => b.seconds - a.seconds);
  if (behind.length === 0) return { kind: 'realtime', text: 'real time', detail: 'Every stage is within 20 s of its input.' };
  const worst = behind[0];
  return {
    kind: 'behind',
    text: `behind by ${worst.records.toLocaleString('en-US')} records / ${formatDuration(worst.seconds)}`,
    detail: behind.map(l => `${l.group} on ${l.topic}: ${l.records.toLocaleString('en-US')} records, ${formatDuration(l.seconds)}`).join('\n'),
  };
}
