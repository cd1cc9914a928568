/**
 * Shared pieces of the sync tests: a device database enrolled with a real test server, and the
 * servers, gateways and senders a test starts, stopped after it (cleanUp).
 */
import { saveEnrolment, SurveyDb, type Enrolment } from '../../src/store';
import type { FetchLike } from '../../src/sync';
import { startTestServer, type TestServer, type TestServerOptions } from '../server/harness';
import { startGateway, type Gateway, type GatewayMode } from './gateway';

let opened: SurveyDb[] = [];
const servers: TestServer[] = [];
const gateways: Gateway[] = [];
const senders: { stop(): void }[] = [];

/** A test server, closed by cleanUp. */
export async function testServer(options?: TestServerOptions): Promise<TestServer> {
  const server = await startTestServer(options);
  servers.push(server);
  return server;
}

/** A gateway in front of `target` (gateway.ts), closed by cleanUp. */
export async function gateway(target: string, port?: number, mode?: GatewayMode): Promise<Gateway> {
  const started = await startGateway(target, port, mode);
  gateways.push(started);
  return started;
}

/** A device enrolled with a fresh test server, which it reaches directly. */
export async function enrolledDevice(): Promise<{ srv: TestServer; db: SurveyDb }> {
  const srv = await testServer();
  const db = deviceDb();
  await enrol(db, srv);
  return { srv, db };
}

/** A device enrolled with a fresh test server that it reaches through a gateway, in `mode` (forwarding by default). */
export async function enrolledBehindGateway(mode: GatewayMode = 'forward'): Promise<{ srv: TestServer; gw: Gateway; db: SurveyDb }> {
  const srv = await testServer();
  const gw = await gateway(srv.url, 0, mode);
  const db = deviceDb();
  await enrol(db, srv, gw.url);
  return { srv, gw, db };
}

/** A sender (the syncer or the link sender), stopped by cleanUp. */
export const track = <S extends { stop(): void }>(sender: S): S => (senders.push(sender), sender);

/** After each test: stops its senders, closes its gateways and servers, deletes its device databases. */
export async function cleanUp(): Promise<void> {
  for (const s of senders.splice(0)) s.stop();
  for (const g of gateways.splice(0)) await g.close();
  for (const s of servers.splice(0)) await s.close();
  await deleteDeviceDbs();
}

export function deviceDb(): SurveyDb {
  const db = new SurveyDb({ name: `sync-test-${Math.random().toString(36).slice(2)}` });
  opened.push(db);
  return db;
}

export async function deleteDeviceDbs(): Promise<void> {
  const dbs = opened;
  opened = [];
  for (const db of dbs) {
    db.close();
    await db.delete().catch(() => undefined);
  }
}

/** Enrols the device with `server` (code issued and exchanged there), talking to it at `url`. */
export async function enrol(db: SurveyDb, server: TestServer, url = server.url): Promise<Enrolment> {
  const { token, deviceId } = await server.enrolDevice('Điều tra viên thử');
  const enrolment: Enrolment = { serverUrl: url, deviceId, name: 'Máy thử', token, enrolledAt: new Date().toISOString() };
  await saveEnrolment(enrolment, db);
  return enrolment;
}

/**
 * The real fetch, with every request's URL and item ids noted (an observer, not a fake);
 * `uploads` holds only the submission batches (not, say, the questionnaires fetched after a run).
 */
export function observedFetch(): { fetch: FetchLike; requests: { url: string; ids: string[] }[]; uploads: { url: string; ids: string[] }[] } {
  const requests: { url: string; ids: string[] }[] = [];
  const uploads: { url: string; ids: string[] }[] = [];
  return {
    requests,
    uploads,
    fetch: (url, init) => {
      const body = typeof init.body === 'string' ? (JSON.parse(init.body) as { items?: { id: string }[] }) : {};
      const request = { url, ids: body.items?.map((i) => i.id) ?? [] };
      requests.push(request);
      if (url.endsWith('/api/submissions')) uploads.push(request);
      return fetch(url, init);
    },
  };
}

/** Timers held by the test: nothing fires until the test says so. */
export function manualTimers() {
  let next = 1;
  const pending = new Map<number, { fn: () => void; ms: number }>();
  return {
    pending,
    setTimeout: (fn: () => void, ms: number) => {
      pending.set(next, { fn, ms });
      return next++;
    },
    clearTimeout: (handle: unknown) => void pending.delete(handle as number),
    /** The delays currently scheduled. */
    delays: () => [...pending.values()].map((t) => t.ms),
    /** Fires every scheduled timer once. */
    fireAll() {
      const due = [...pending.values()];
      pending.clear();
      for (const t of due) t.fn();
    },
  };
}
