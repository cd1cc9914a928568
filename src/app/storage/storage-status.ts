/**
 * What the home screen and the device page show about storage, read once per screen: whether the
 * data is kept persistently, used and free space, and whether space is running out.
 */
import { useEffect, useState } from 'react';
import { browserStorage, currentPersistence, isLow, storageRoom, type Persistence, type StorageLike, type StorageRoom } from './storage';

export interface StorageStatus {
  persistence: Persistence;
  room: StorageRoom | undefined;
  low: boolean;
}

export async function readStorageStatus(storage: StorageLike | undefined = browserStorage()): Promise<StorageStatus> {
  const [persistence, room] = await Promise.all([currentPersistence(storage), storageRoom(storage)]);
  return { persistence, room, low: room !== undefined && isLow(room) };
}

/** The status, undefined until read; re-read when `refreshKey` changes. */
export function useStorageStatus(refreshKey: unknown = undefined): StorageStatus | undefined {
  const [status, setStatus] = useState<StorageStatus>();
  useEffect(() => {
    let live = true;
    void readStorageStatus().then((s) => live && setStatus(s));
    return () => {
      live = false;
    };
  }, [refreshKey]);
  return status;
}
