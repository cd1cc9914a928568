/**
 * Read-only looks into the app's IndexedDB from a page of the app (raw IndexedDB, no app code):
 * what the device really stored, as opposed to what the screen shows.
 */
import type { Page } from 'playwright-core';
import { DEVICE_DB } from './paths';

export interface DeviceRecord {
  id: string;
  status: string;
  surveyId: string;
  currentSectionId: string;
  stratum?: string;
  answers: Record<string, unknown>;
}

async function readAll<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    ([name, storeName]) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(new Error(`cannot open ${name}: ${String(open.error)}`));
        open.onsuccess = () => {
          const db = open.result;
          try {
            const req = db.transaction(storeName, 'readonly').objectStore(storeName).getAll();
            req.onsuccess = () => {
              db.close();
              resolve(req.result as T[]);
            };
            req.onerror = () => {
              db.close();
              reject(new Error(String(req.error)));
            };
          } catch (e) {
            db.close();
            reject(e as Error);
          }
        };
      }),
    [DEVICE_DB, store] as const,
  );
}

export const deviceRecords = (page: Page): Promise<DeviceRecord[]> => readAll<DeviceRecord>(page, 'records');

export async function deviceRecord(page: Page, id: string): Promise<DeviceRecord | undefined> {
  return (await deviceRecords(page)).find((r) => r.id === id);
}

/** The outbox: completed interviews the server has not acknowledged yet. */
export const deviceOutbox = (page: Page): Promise<{ id: string; state: string }[]> => readAll(page, 'outbox');
