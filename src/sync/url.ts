/** Server addresses: as typed by a person, made canonical; endpoints under them. */

/** The server address as typed made canonical (scheme, host, port, path without "/"), or undefined. */
export function normaliseServerUrl(input: string): string | undefined {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export const endpoint = (serverUrl: string, path: string): string => serverUrl.replace(/\/+$/, '') + path;
