/**
 * A failed request in the coordinator's words: no connection, or what the server refused, in the
 * page's language from the error catalogue's texts (`apiError`), never the server's English
 * message. The code stays in brackets for whoever helps; for a malformed request, the fields named.
 */
import type { TFunction } from 'i18next';
import { ApiFailure, NetworkFailure } from '../../sync';
import { i18n } from '../i18n';
import { isApiErrorCode } from '../sync/messages';

export function describeFailure(e: unknown, t: TFunction<'coordinator'>): string {
  if (e instanceof NetworkFailure) return t('common.network');
  if (e instanceof ApiFailure) {
    if (!isApiErrorCode(e.code)) return `${t('common.serverError', { status: e.status })} (${e.code})`;
    const fields = [...new Set(e.details.map((d) => d.path).filter((p) => p !== ''))];
    return `${i18n.t(`apiError.${e.code}`)}${fields.length > 0 ? ` (${fields.join(', ')})` : ''} (${e.code})`;
  }
  return e instanceof Error ? e.message : String(e);
}
