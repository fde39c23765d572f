import { useEffect, useState } from 'react';
import type { DraftSync, SyncSnapshot } from '../services/draftSync';
import { watchNetwork } from '../platform/network';

/** The autosave engine's state as React state (re-renders when answers or status change). */
export function useSyncSnapshot(sync: DraftSync | null): SyncSnapshot | null {
  const [snapshot, setSnapshot] = useState<SyncSnapshot | null>(() => sync?.getSnapshot() ?? null);
  useEffect(() => {
    if (!sync) return undefined;
    setSnapshot(sync.getSnapshot());
    return sync.subscribe(setSnapshot);
  }, [sync]);
  return snapshot;
}

/** Whether the platform reports a network connection. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(true);
  useEffect(() => watchNetwork(setOnline), []);
  return online;
}
