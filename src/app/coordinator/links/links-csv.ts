/**
 * Newly created respondent links as a CSV file, made in the browser from the creation reply (the
 * server never shows a token again), and the short code printed under each QR code and listed on
 * the page, so a paper sheet can be matched with its row (to revoke a lost one, say).
 */
import type { IssuedLink } from '../../../contract';

/** A link's short code: the first 8 hex digits of its id, as XXXX-XXXX. */
export function shortCode(linkId: string): string {
  const hex = linkId.replace(/[^0-9a-f]/gi, '').slice(0, 8).toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4)}`;
}

/** The respondent's full address for a link, on this server's origin. */
export const linkUrl = (origin: string, issued: IssuedLink): string => origin.replace(/\/+$/, '') + issued.path;

export const CSV_COLUMNS = ['url', 'code', 'group', 'group_label', 'stratum', 'stratum_label', 'kind', 'max_uses', 'label'] as const;

function cell(value: string | number): string {
  let text = String(value);
  // A spreadsheet must never run a label as a formula.
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a byte-order mark and CRLF lines, as spreadsheets expect; labels in Vietnamese. */
export function linksCsv(origin: string, links: readonly IssuedLink[]): string {
  const rows = links.map(({ link, ...issued }) => [
    linkUrl(origin, { link, ...issued }),
    shortCode(link.id),
    link.group.id,
    link.group.label.vi,
    link.stratum?.value ?? '',
    link.stratum?.label.vi ?? '',
    link.kind,
    link.maxUses,
    link.label ?? '',
  ]);
  return '\uFEFF' + [CSV_COLUMNS, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** e.g. links-department-leader-noi-vu-2026-11-23.csv */
export function linksFileName(links: readonly IssuedLink[], at: Date): string {
  const first = links[0]?.link;
  const parts = ['links', first?.group.id, first?.stratum?.value, at.toISOString().slice(0, 10)].filter((p): p is string => Boolean(p));
  return `${parts.join('-').replace(/[^\w.-]+/g, '_')}.csv`;
}

/** Saves text as a file through a Blob and a temporary download link. */
export function downloadText(text: string, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Some browsers read the blob after click() returns: give them time before releasing it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
