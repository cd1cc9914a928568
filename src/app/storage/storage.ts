/**
 * The browser's storage manager, feature-detected (Safari and Firefox differ, plain-http pages
 * have none): asking to keep the data persistently, and how much room is used and left.
 */
import type { Lang } from '../../survey';

export type Persistence = 'persisted' | 'notPersisted' | 'unsupported';

export interface StorageRoom {
  usage: number;
  quota: number;
  free: number;
}

/** The parts of StorageManager used here, each of which may be missing. */
export interface StorageLike {
  persist?: (() => Promise<boolean>) | undefined;
  persisted?: (() => Promise<boolean>) | undefined;
  estimate?: (() => Promise<{ usage?: number | undefined; quota?: number | undefined }>) | undefined;
}

/** Warn below this much free space, or above this share of the quota used. */
export const LOW_FREE_BYTES = 50 * 1024 * 1024;
export const HIGH_USAGE_RATIO = 0.9;

export const browserStorage = (): StorageLike | undefined =>
  typeof navigator !== 'undefined' ? (navigator.storage as StorageLike | undefined) : undefined;

/** Asks the browser to keep this site's data under storage pressure (Firefox may ask the user). */
export async function requestPersistence(storage: StorageLike | undefined = browserStorage()): Promise<Persistence> {
  if (typeof storage?.persist !== 'function') return 'unsupported';
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return 'persisted';
    return (await storage.persist()) ? 'persisted' : 'notPersisted';
  } catch {
    return 'notPersisted';
  }
}

/** Whether the data is kept persistently, without asking anything. */
export async function currentPersistence(storage: StorageLike | undefined = browserStorage()): Promise<Persistence> {
  if (typeof storage?.persisted !== 'function') return typeof storage?.persist === 'function' ? 'notPersisted' : 'unsupported';
  try {
    return (await storage.persisted()) ? 'persisted' : 'notPersisted';
  } catch {
    return 'notPersisted';
  }
}

/** Used and free space, or undefined when the browser does not say. */
export async function storageRoom(storage: StorageLike | undefined = browserStorage()): Promise<StorageRoom | undefined> {
  if (typeof storage?.estimate !== 'function') return undefined;
  try {
    const { usage, quota } = await storage.estimate();
    if (typeof usage !== 'number' || typeof quota !== 'number' || quota <= 0) return undefined;
    return { usage, quota, free: Math.max(0, quota - usage) };
  } catch {
    return undefined;
  }
}

export const isLow = (room: StorageRoom): boolean => room.free < LOW_FREE_BYTES || room.usage / room.quota > HIGH_USAGE_RATIO;

/** "12,3 MB", "1,5 GB" in the interface language. */
export function formatBytes(bytes: number, lang: Lang): string {
  const mb = bytes / (1024 * 1024);
  const [value, unit] = mb >= 1024 ? [mb / 1024, 'GB'] : [mb, 'MB'];
  const digits = value < 10 ? 1 : 0;
  return `${new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value)} ${unit}`;
}
