/**
 * The backup file of unsent interviews ("download unsent data"), by name: constants only, free
 * of zod, so the device's export (on the first load) can name the format it writes.
 */
export const BACKUP_FORMAT = 'governance-survey/unsent';
export const BACKUP_FORMAT_VERSION = 1;
/** The largest backup file POST /api/backups reads, in bytes. */
export const MAX_BACKUP_BYTES = 50 * 1024 * 1024;
