import { createContext, useContext, useEffect, useRef } from 'react';
import type { LiveFrame } from './types';
import type { LiveStatus } from './hooks';

type Handler = (f: LiveFrame) => void;

export interface LiveBus { subscribe(h: Handler): () => void; publish(f: LiveFrame): void; status: LiveStatus }

export function createBus(): Omit<LiveBus, 'status'> {
  const handlers = new Set<Handler>();
  return {
    subscribe(h) { handlers.add(h); return () => void handlers.delete(h); },
    publish(f) { for (const h of [...handlers]) h(f); },
  };
}

export const LiveContext = createContext<LiveBus>({ subscribe: () => () => {}, publish: () => {}, status: 'offline' });

/** Calls `onFrame` for each live frame of the given types. */
export function useLiveFrames(types: LiveFrame['type'][], onFrame: (f: LiveFrame) => void): LiveStatus {
  const bus = useContext(LiveContext);
  const ref = useRef(onFrame);
  ref.current = onFrame;
  const key = types.join(',');
  useEffect(() => bus.subscribe(f => { if (key.split(',').includes(f.type)) ref.current(f); }), [bus, key]);
  return bus.status;
}
