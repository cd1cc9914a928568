/** The addresses people can type to reach the server: localhost and each LAN IPv4 address. */
import { networkInterfaces } from 'node:os';

export function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(a.address);
  }
  return out;
}

/** Base URLs (no trailing slash) for a server listening on host:port. */
export function serverUrls(host: string, port: number): { local: string; lan: string[] } {
  const wildcard = host === '0.0.0.0' || host === '::';
  const local = `http://${wildcard ? 'localhost' : host.includes(':') ? `[${host}]` : host}:${port}`;
  return { local, lan: wildcard ? lanAddresses().map((a) => `http://${a}:${port}`) : [] };
}
