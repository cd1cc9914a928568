/**
 * The app's one syncer, shared through context (tests provide their own), and a hook that
 * re-renders on its status.
 */
import { createContext, useContext, useEffect, useSyncExternalStore } from 'react';
import { createSyncer, type Syncer, type SyncStatus } from '../../sync';

/** Uploads the app database's outbox; started by main.tsx, not by rendering. */
export const appSyncer: Syncer = createSyncer();

export const SyncerContext = createContext<Syncer>(appSyncer);

export const useSyncer = (): Syncer => useContext(SyncerContext);

export function useSyncStatus(): SyncStatus {
  const syncer = useSyncer();
  useEffect(() => {
    void syncer.refresh().catch(() => undefined);
  }, [syncer]);
  return useSyncExternalStore(syncer.subscribe, syncer.getStatus);
}
