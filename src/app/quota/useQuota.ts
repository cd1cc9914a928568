/** The stored quota snapshot and the unsent interviews, live from IndexedDB (undefined while first read). */
import { useLiveQuery } from 'dexie-react-hooks';
import { getQuotaSnapshot, unsentCounts } from '../../store';
import type { QuotaSituation } from './quota-check';

export function useQuotaSituation(): QuotaSituation | undefined {
  const snapshot = useLiveQuery(async () => (await getQuotaSnapshot()) ?? null, []);
  const unsent = useLiveQuery(unsentCounts, []);
  if (snapshot === undefined || unsent === undefined) return undefined;
  return { snapshot: snapshot ?? undefined, unsent };
}
