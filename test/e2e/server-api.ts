/** The server's API as a tablet uses it, for scenarios that need data without the tablet's screens. */
import { expect } from 'vitest';
import type { Submission } from '../../src/contract';
import type { Scenario } from './scenario';

/** Enrols a device with a fresh code for `name` (as a tablet would); its id and token. */
export async function enrolByApi(s: Scenario, name: string): Promise<{ deviceId: string; token: string }> {
  const code = await s.server.issueCode(name);
  const res = await fetch(`${s.server.url}/api/devices/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceLabel: 'Máy tính bảng thử' }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { deviceId: string; token: string };
}

/** Sends interviews with a device's token; every one must be stored. The reply's status. */
export async function submitByApi(s: Scenario, token: string, items: Submission[]): Promise<number> {
  const res = await fetch(`${s.server.url}/api/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ items }),
  });
  const body = (await res.json()) as { results: { status: string }[] };
  expect(body.results.map((r) => r.status)).toEqual(items.map(() => 'stored'));
  return res.status;
}
