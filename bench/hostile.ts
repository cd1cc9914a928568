/**
 * The server under cheap attacks that need no account, against the same figures unloaded
 * (SQLite, the real server process on 127.0.0.1, as `npm start` runs it):
 * - hostileHealthP95Ms*: /api/health's 95th percentile, asked every 100 ms;
 * - hostileUploadPerSec*: interviews per second stored by 4 enrolled devices sending batches of
 *   100 (the syncer's size) one after another;
 * while one address sends 2 bodies a second to the respondent-link route: nothing (Unloaded), a
 * ~5 MB JSON body with many keys to an unknown token (UnknownLink), or the largest body an open
 * shared link reads, full of made-up answer keys (OpenLink).
 * Run alone: npm run bench -- hostile
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_PATHS, EnrolResponse, SubmitResponse } from '../src/contract';
import type { IssuedLink } from '../src/contract';
import { issueEnrolmentCode } from '../src/server/auth/devices';
import { openDatabase } from '../src/server/db/open';
import { loadCatalog } from '../src/server/definitions/catalog';
import { interviewBodyLimit } from '../src/server/definitions/submission-size';
import { interviews } from './ingest';
import { figure, type Figure } from './report';
import { startServerProcess } from './server-process';
import { percentile, round1 } from './stats';
import { sipasDefinition } from './sync';

const PHASE_MS = 15_000;
const DEVICES = 4;
const BATCH = 100;
const ATTACKS_PER_SEC = 2;
const HEALTH_EVERY_MS = 100;

type Attack = 'Unloaded' | 'UnknownLink' | 'OpenLink';

/** A JSON object of about `bytes` bytes whose answers hold many short made-up keys. */
function manyKeysBody(bytes: number): string {
  const keys: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes - 200; i++) {
    const pair = `"k${i}":"v"`;
    keys.push(pair);
    size += pair.length + 1;
  }
  return `{"id":"00000000-0000-4000-8000-000000000000","answers":{${keys.join(',')}}}`;
}

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

interface PhaseResult {
  healthP95Ms: number;
  uploadPerSec: number;
  attacksSent: number;
}

async function phase(url: string, tokens: string[], batches: () => string, attack: { path: string; body: string } | undefined): Promise<PhaseResult> {
  const end = Date.now() + PHASE_MS;
  let stored = 0;
  const health: number[] = [];
  let attacksSent = 0;
  const devices = tokens.map(async (token) => {
    while (Date.now() < end) {
      const r = await post(`${url}${API_PATHS.submissions}`, batches(), { authorization: `Bearer ${token}` });
      const text = await r.text();
      // 503 overloaded is an answer too: a device waits and sends again.
      if (r.status === 200) stored += SubmitResponse.parse(JSON.parse(text)).results.filter((x) => x.status === 'stored').length;
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
  const prober = (async () => {
    while (Date.now() < end) {
      const t0 = performance.now();
      await fetch(`${url}${API_PATHS.health}`).then((r) => r.text(), () => '');
      health.push(performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, HEALTH_EVERY_MS));
    }
  })();
  const attacks: Promise<unknown>[] = [];
  const attacker = (async () => {
    if (!attack) return;
    while (Date.now() < end) {
      attacksSent += 1;
      // Sent at a steady pace whatever the answers: an attacker does not wait for them.
      attacks.push(post(`${url}${attack.path}`, attack.body).then((r) => r.arrayBuffer(), () => undefined));
      await new Promise((resolve) => setTimeout(resolve, 1000 / ATTACKS_PER_SEC));
    }
  })();
  await Promise.all([...devices, prober, attacker]);
  await Promise.all(attacks);
  return { healthP95Ms: percentile(health, 95), uploadPerSec: stored / (PHASE_MS / 1000), attacksSent };
}

export async function hostileFigures(ctx: { root: string; tmp: string; log: (m: string) => void; notes: string[] }): Promise<Figure[]> {
  const def = sipasDefinition(ctx.root);
  const dataDir = mkdtempSync(join(ctx.tmp, 'hostile-'));
  const database = await openDatabase({ dataDir });
  const codes: string[] = [];
  for (let i = 0; i < DEVICES; i++) codes.push((await issueEnrolmentCode(database.db, `Điều tra viên ${i + 1}`)).code);
  await database.close();
  const server = await startServerProcess({ root: ctx.root, dataDir });
  try {
    const tokens: string[] = [];
    for (const code of codes) {
      const r = await post(`${server.url}${API_PATHS.enrol}`, JSON.stringify({ code }));
      tokens.push(EnrolResponse.parse(await r.json()).token);
    }
    const login = await post(`${server.url}/api/coordinator/login`, JSON.stringify({ username: 'bench', password: 'bench-password' }));
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    // A shared link for the citizens of the current campaign's first stratum.
    const campaign = JSON.parse(readFileSync(join(ctx.root, 'survey-definitions', 'campaigns', 'quang-tri-2026.json'), 'utf8')) as { groups: { id: string; strata?: { value: string }[] }[] };
    const stratum = campaign.groups.find((g) => g.id === 'citizen')?.strata?.[0]?.value;
    const created = await post(`${server.url}/api/coordinator/links`, JSON.stringify({ group: 'citizen', stratum, kind: 'shared', maxUses: 10_000 }), { cookie });
    if (created.status !== 201) throw new Error(`creating a link answered ${created.status}: ${await created.text()}`);
    const link = ((await created.json()) as { links: IssuedLink[] }).links[0]!;
    const openLimit = interviewBodyLimit(loadCatalog(join(ctx.root, 'survey-definitions')));

    let seed = 10;
    const batches = () => JSON.stringify({ items: interviews(def, BATCH, seed++) });
    const attacks: Record<Attack, { path: string; body: string } | undefined> = {
      Unloaded: undefined,
      UnknownLink: { path: `${API_PATHS.links}/${'k'.repeat(26)}/submissions`, body: manyKeysBody(5 * 1024 * 1024) },
      OpenLink: { path: `${API_PATHS.links}/${link.token}/submissions`, body: manyKeysBody(openLimit - 1024) },
    };
    const figures: Figure[] = [];
    for (const [name, attack] of Object.entries(attacks) as [Attack, (typeof attacks)[Attack]][]) {
      ctx.log(`hostile: ${PHASE_MS / 1000} s of uploads from ${DEVICES} devices${attack ? `, ${ATTACKS_PER_SEC} bodies/s of ${(attack.body.length / 1024).toFixed(0)} KB to ${name}` : ''}`);
      const r = await phase(server.url, tokens, batches, attack);
      figures.push(
        figure(`hostileHealthP95Ms${name}`, round1(r.healthP95Ms), 'ms', attack ? `${r.attacksSent} bodies of ${(attack.body.length / 1024).toFixed(0)} KB` : 'no attack'),
        figure(`hostileUploadPerSec${name}`, Math.round(r.uploadPerSec), 'interviews/s', `${DEVICES} devices, batches of ${BATCH}, SQLite`),
      );
    }
    ctx.notes.push(`hostile: the open link reads bodies up to ${(openLimit / 1024).toFixed(0)} KB (twice the largest interview of the server's questionnaires)`);
    return figures;
  } finally {
    await server.stop();
  }
}
