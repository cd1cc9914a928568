/**
 * The dashboard's per-enumerator table: devices grouped by the enumerator's name (the name given
 * with the enrolment code), so an enumerator whose tablet enrolled again, or who uses two, is one
 * row with the sum of their devices' interviews, the latest sync and the number of devices. Pure.
 */
import type { CoordinatorDashboard, DeviceSummary } from '../../contract';
import { LINK_DEVICE_ID } from '../auth/devices';

export type EnumeratorRow = CoordinatorDashboard['perEnumerator'][number];

/** Per device: interviews counting towards the campaign shown, and towards no campaign. */
export interface DeviceCounts {
  campaign: number;
  outside: number;
}

/** A name as shown: NFC, spaces collapsed. */
const tidy = (name: string): string => name.normalize('NFC').trim().replace(/\s+/gu, ' ');

/**
 * The key two spellings of one name share: Unicode NFC (a Vietnamese name typed on another keyboard
 * may arrive decomposed), spaces collapsed, case folded.
 */
export function enumeratorKey(name: string): string {
  return tidy(name).toLocaleLowerCase('vi');
}

const later = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a >= b ? a : b);

/**
 * One row per enumerator, from `devices` (oldest enrolment first) and their counts: every device
 * that sent an interview counted here, and every unrevoked one (a gap to chase, count 0). The
 * reserved device of respondent links is a row of its own (kind `links`), never merged with a name.
 */
export function enumeratorRows(devices: readonly DeviceSummary[], counts: ReadonlyMap<string, DeviceCounts>): EnumeratorRow[] {
  const rows = new Map<string, EnumeratorRow & { deviceIds: string[] }>();
  for (const d of devices) {
    const c = counts.get(d.id) ?? { campaign: 0, outside: 0 };
    if (c.campaign + c.outside === 0 && d.revokedAt !== null) continue;
    const links = d.id === LINK_DEVICE_ID;
    const key = links ? '\u0000links' : enumeratorKey(d.name);
    const name = tidy(d.name);
    const row = rows.get(key);
    if (!row) {
      rows.set(key, {
        deviceId: d.id,
        deviceIds: [d.id],
        name,
        kind: links ? 'links' : 'enumerator',
        count: c.campaign,
        outsideCampaigns: c.outside,
        lastSyncAt: d.lastSyncAt,
      });
      continue;
    }
    // Devices come oldest first: the latest enrolment gives the row its id and spelling of the name.
    row.deviceId = d.id;
    row.deviceIds.push(d.id);
    row.name = name;
    row.count += c.campaign;
    row.outsideCampaigns = (row.outsideCampaigns ?? 0) + c.outside;
    row.lastSyncAt = later(row.lastSyncAt, d.lastSyncAt);
  }
  return [...rows.values()];
}
