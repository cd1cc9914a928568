/** A failed request in the coordinator's words: no connection, or what the server said. */
import type { TFunction } from 'i18next';
import { ApiFailure, NetworkFailure } from '../../sync';

export function describeFailure(e: unknown, t: TFunction<'coordinator'>): string {
  if (e instanceof NetworkFailure) return t('common.network');
  if (e instanceof ApiFailure) return `${e.message} (${e.code})`;
  return e instanceof Error ? e.message : String(e);
}
