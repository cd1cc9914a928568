/** Saves data as a JSON file through a Blob and a temporary download link (works offline). */
export function downloadJson(data: unknown, filename: string): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after click() returns: give them time before releasing it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** e.g. unsent-2026-11-02T09-30.json: sortable, and safe on every file system. */
export const unsentFileName = (at: Date): string => `unsent-${at.toISOString().slice(0, 16).replace(':', '-')}.json`;
