/**
 * Surviving IndexedDB closed under the app (iOS does it under memory pressure; Safari can lose
 * its IndexedDB server). Dexie 4 already reopens on the next operation, both after the
 * connection's `close` event (it calls close({disableAutoOpen: false})) and when creating a
 * transaction on a silently closed connection throws InvalidStateError. What it cannot do is
 * rescue the operation that was running at that moment: its transaction aborts. An aborted
 * transaction wrote nothing, so every command runs through withDb, which runs it again.
 */
import { Dexie } from 'dexie';

/** Errors of a transaction cut off by a lost connection: nothing was committed. */
const CONNECTION_LOST: ReadonlySet<string> = new Set([
  'AbortError',
  'DatabaseClosedError',
  'InvalidStateError',
  'TransactionInactiveError',
  'UnknownError',
]);

export const MAX_ATTEMPTS = 3;

function isConnectionLost(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  if (CONNECTION_LOST.has(e.name)) return true;
  const inner = (e as { inner?: unknown }).inner;
  return inner instanceof Error && CONNECTION_LOST.has(inner.name);
}

/**
 * Runs `work` (a whole command: one transaction, or one table call) and, if the connection was
 * lost under it, again on the reopened database, up to MAX_ATTEMPTS times. Inside an enclosing
 * transaction it runs once: the outer command retries as a whole.
 */
export async function withDb<T>(work: () => Promise<T>): Promise<T> {
  if (Dexie.currentTransaction) return work();
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      if (attempt >= MAX_ATTEMPTS || !isConnectionLost(e)) throw e;
    }
  }
}
