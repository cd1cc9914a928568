/**
 * Malformed requests to the respondent-link routes, public (/api/links/:token…) and the
 * coordinators' (/api/coordinator/links…), on a server with the links' own small questionnaire and
 * campaign and a link in every state: usable (opened, single and shared), in progress, used,
 * revoked, exhausted. Every link is opened before the run, so opening one again changes nothing.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { expect } from 'vitest';
import { API_PATHS, LinkCreateRequest, LinkStartRequest, MAX_BODY_BYTES, type IssuedLink } from '../../src/contract';
import { normaliseLinkToken } from '../../src/server/links/tokens';
import type { DatabaseKind } from '../server/harness';
import { CAMPAIGN, linkDefinitions, linkInterview, OFFICES } from '../server/links-fixtures';
import { asText, asValue, coordinatorAuth, method, pathOf, withBody, withoutBody, type Body } from './requests';
import { badBytes, brokenJson, headerText, hugeString, jsonText, mutated, notAnObject, oversized, parsedOrUndefined, poisonedJson, segment, wrongValue } from './malformed';
import type { FuzzGroup } from './fuzz-suite';
import { makeWorld, wouldStore, type World } from './fuzz-world';

export interface LinksWorld extends World {
  links: {
    /** Links a new interview may still go through (opened single, shared with uses left, in progress). */
    usable: { token: string; group: string; stratum: string | undefined }[];
    used: string;
    revoked: string;
    exhausted: string;
    /** A new interview that fits each closed link (its group and stratum), by token. */
    fits: Record<string, () => ReturnType<typeof linkInterview>>;
    /** Ids of links that must never be revoked by the run (the revoked one may: it changes nothing). */
    liveIds: string[];
    revokedId: string;
  };
  removeDefinitions: () => void;
}

const GROUPS = ['official', 'member', 'resident'];

async function call(w: World, method: 'GET' | 'POST', url: string, body?: unknown, cookie = false) {
  const res = await w.server.app.inject({
    method,
    url,
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie: w.cookie } : {}) },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as unknown;
}

export async function makeLinksWorld(database: DatabaseKind): Promise<LinksWorld> {
  const definitions = linkDefinitions();
  let base: World | undefined;
  try {
    base = await makeWorld(database, {
      definitionsDir: definitions.dir,
      linkRateLimit: false,
      interview: (n) => linkInterview('member', undefined, { answers: { q1: n % 2 ? '1' : '2', q2: `Phiếu số ${n}` } }),
    });
    return { ...(await withLinks(base)), removeDefinitions: definitions.remove };
  } catch (e) {
    await base?.server.close();
    definitions.remove();
    throw e;
  }
}

/** Creates a link in every state on the world's server. */
async function withLinks(base: World): Promise<Omit<LinksWorld, 'removeDefinitions'>> {
  const create = async (request: LinkCreateRequest): Promise<IssuedLink> => {
    const { links } = (await call(base, 'POST', API_PATHS.coordinatorLinks, request, true)) as { links: IssuedLink[] };
    const [link] = links;
    if (!link) throw new Error('no link created');
    await call(base, 'GET', `${API_PATHS.links}/${link.token}`);
    return link;
  };
  const submit = async (token: string, stratum: string | undefined, group: string) => {
    const item = linkInterview(group, stratum);
    await call(base, 'POST', `${API_PATHS.links}/${token}/submissions`, item);
    base.storedIds.add(item.id);
  };
  const single = await create({ group: 'official', stratum: OFFICES[4] ?? 'o05', kind: 'single' });
  const shared = await create({ group: 'member', kind: 'shared', maxUses: 50, label: 'Hội nghị' });
  const inProgress = await create({ group: 'resident', stratum: OFFICES[5] ?? 'o06', kind: 'single' });
  await call(base, 'POST', `${API_PATHS.links}/${inProgress.token}/started`, { interviewId: randomUUID() });
  const used = await create({ group: 'official', stratum: OFFICES[6] ?? 'o07', kind: 'single' });
  await submit(used.token, OFFICES[6], 'official');
  const exhausted = await create({ group: 'member', kind: 'shared', maxUses: 1 });
  await submit(exhausted.token, undefined, 'member');
  const revoked = await create({ group: 'official', stratum: OFFICES[7] ?? 'o08', kind: 'single' });
  await call(base, 'POST', `${API_PATHS.coordinatorLinks}/${revoked.link.id}/revoke`, {}, true);
  return {
    ...base,
    links: {
      usable: [
        { token: single.token, group: 'official', stratum: OFFICES[4] },
        { token: shared.token, group: 'member', stratum: undefined },
        { token: inProgress.token, group: 'resident', stratum: OFFICES[5] },
      ],
      used: used.token,
      revoked: revoked.token,
      exhausted: exhausted.token,
      fits: {
        [used.token]: () => linkInterview('official', OFFICES[6]),
        [revoked.token]: () => linkInterview('official', OFFICES[7]),
        [exhausted.token]: () => linkInterview('member'),
      },
      liveIds: [single, shared, inProgress, used, exhausted].map((l) => l.link.id),
      revokedId: revoked.link.id,
    },
  };
}

export async function closeLinksWorld(w: World): Promise<void> {
  await w.server.close();
  (w as LinksWorld).removeDefinitions();
}

/** A token: each link's, as typed from paper (case, dashes, O for 0), unknown ones, junk. */
function tokens(w: LinksWorld): fc.Arbitrary<string> {
  const all = [...w.links.usable.map((l) => l.token), w.links.used, w.links.revoked, w.links.exhausted];
  const typed = fc.tuple(fc.constantFrom(...all), fc.constantFrom('upper', 'dashes', 'o-for-0', 'spaces')).map(([t, how]) =>
    how === 'upper' ? t.toUpperCase() : how === 'dashes' ? t.replace(/(.{4})/g, '$1-') : how === 'o-for-0' ? t.replace(/0/g, 'o') : encodeURIComponent(` ${t} `),
  );
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...all) },
    { weight: 2, arbitrary: typed },
    { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...'0123456789abcdefghjkmnpqrstvwxyz'), minLength: 26, maxLength: 26 }) },
    { weight: 2, arbitrary: segment },
    { weight: 1, arbitrary: fc.constantFrom(...all).map((t) => t.slice(1)) },
  );
}

/** The usable link a token (as it appears in the path) opens, if any. */
function usableLink(w: LinksWorld, url: string) {
  let token: string;
  try {
    token = decodeURIComponent(url.split('/')[3] ?? '');
  } catch {
    return undefined;
  }
  const normal = normaliseLinkToken(token);
  return normal === undefined ? undefined : w.links.usable.find((l) => normaliseLinkToken(l.token) === normal);
}

/** A valid interview for a usable link's group and stratum would be stored through it: left out. */
function wouldStoreThrough(w: LinksWorld, url: string, payload: string | Buffer | undefined): boolean {
  const link = usableLink(w, url);
  if (!link) return false;
  const body = parsedOrUndefined(payload) as { respondentGroup?: unknown; stratum?: unknown } | undefined;
  return body?.respondentGroup === link.group && body.stratum === link.stratum && wouldStore(w, body);
}

/** Bodies for …/started: a valid start on a usable link would record it, so those are left out. */
function startBodies(): fc.Arbitrary<Body> {
  const valid = fc.record({ interviewId: fc.oneof(fc.uuid({ version: 4 }), fc.uuid({ version: 4 }).map((u) => u.toUpperCase()), fc.string({ maxLength: 40 }), wrongValue) });
  return fc.oneof(
    { weight: 6, arbitrary: asValue(valid) },
    { weight: 3, arbitrary: asValue(mutated(valid)) },
    { weight: 2, arbitrary: asValue(wrongValue) },
    { weight: 2, arbitrary: asText(brokenJson(valid.map(jsonText))) },
    { weight: 1, arbitrary: asText(notAnObject) },
    { weight: 1, arbitrary: asText(poisonedJson) },
    { weight: 1, arbitrary: fc.constant({ bytes: Buffer.from([0xff, 0xfe, 0x7b]) }) },
  );
}

/** Bodies for …/submissions: wrong group, stratum, questionnaire or version, broken answers, junk. */
function linkSubmissionBodies(): fc.Arbitrary<Body> {
  const interview = fc
    .tuple(fc.uuid({ version: 4 }), fc.constantFrom(...GROUPS, 'nobody'), fc.option(fc.constantFrom(...OFFICES.slice(0, 10), 'o99', ''), { nil: undefined }), fc.constantFrom<unknown>(1, 2, 3, 0, '1'))
    .map(([id, group, stratum, version]) => ({ ...linkInterview(group, stratum, { id }), surveyVersion: version }));
  const wrongAnswers = fc
    .tuple(interview, fc.constantFrom<Record<string, unknown>>({ q1: '3' }, { q1: 1 }, { q1: ['1'] }, { q1: undefined }, { q2: 'x'.repeat(20_001) }, { q3: 'x' }))
    .map(([i, a]) => ({ ...i, answers: { ...i.answers, ...a } }));
  return fc.oneof(
    { weight: 6, arbitrary: asValue(mutated(interview)) },
    { weight: 3, arbitrary: asValue(interview) },
    { weight: 3, arbitrary: asValue(wrongAnswers) },
    { weight: 2, arbitrary: asValue(wrongValue) },
    { weight: 2, arbitrary: asText(brokenJson(interview.map(jsonText))) },
    { weight: 1, arbitrary: asText(notAnObject) },
    { weight: 1, arbitrary: asText(poisonedJson) },
    { weight: 1, arbitrary: fc.constant(null).chain(() => badBytes).map((bytes) => ({ bytes })) },
    { weight: 1, arbitrary: asText(oversized(MAX_BODY_BYTES)) },
  );
}

export const publicLinksGroup: FuzzGroup = {
  name: 'GET /api/links/:token, POST /api/links/:token/started, POST /api/links/:token/submissions',
  requests: (world) => {
    const w = world as LinksWorld;
    const token = tokens(w);
    return fc.oneof(
      { weight: 3, arbitrary: withoutBody(method('GET'), pathOf(token.map((t) => `${API_PATHS.links}/${t}`)), fc.constant({})) },
      {
        weight: 3,
        arbitrary: fc
          .tuple(token, withBody(method('POST'), fc.constant(''), fc.constant({}), startBodies()))
          .map(([t, r]) => ({ ...r, url: `${API_PATHS.links}/${t}/started` }))
          .filter((r) => !(usableLink(w, r.url) && LinkStartRequest.safeParse(parsedOrUndefined(r.payload)).success)),
      },
      {
        weight: 4,
        arbitrary: fc
          .tuple(token, withBody(method('POST'), fc.constant(''), fc.constant({}), linkSubmissionBodies()))
          .map(([t, r]) => ({ ...r, url: `${API_PATHS.links}/${t}/submissions` }))
          .filter((r) => (r.payload?.length ?? 0) > MAX_BODY_BYTES || !wouldStoreThrough(w, r.url, r.payload)),
      },
    );
  },
};

/** A creation request that might create links (right campaign and group): left out. */
function mightCreate(payload: string | Buffer): boolean {
  const parsed = LinkCreateRequest.safeParse(parsedOrUndefined(payload));
  return parsed.success && (parsed.data.campaign === undefined || parsed.data.campaign === CAMPAIGN) && GROUPS.includes(parsed.data.group);
}

function createBodies(): fc.Arbitrary<Body> {
  const valid = fc.record(
    {
      campaign: fc.constantFrom(CAMPAIGN, 'quang-binh-2021', 'nope', ''),
      group: fc.constantFrom(...GROUPS, 'nobody', ''),
      stratum: fc.constantFrom('o01', 'o99', '', 'dong-hoi'),
      kind: fc.constantFrom<unknown>('single', 'shared', 'SINGLE', 'many', null),
      count: fc.constantFrom<unknown>(1, 0, -1, 501, 1.5, '2', 1e9),
      maxUses: fc.constantFrom<unknown>(1, 0, 10_001, 2.5, '3'),
      label: fc.oneof(fc.string({ maxLength: 20 }), hugeString, wrongValue),
    },
    { requiredKeys: [] },
  );
  return fc.oneof(
    { weight: 6, arbitrary: asValue(valid) },
    { weight: 4, arbitrary: asValue(mutated(valid)) },
    { weight: 2, arbitrary: asValue(wrongValue) },
    { weight: 2, arbitrary: asText(brokenJson(valid.map(jsonText))) },
    { weight: 1, arbitrary: asText(notAnObject) },
    { weight: 1, arbitrary: asText(poisonedJson) },
    { weight: 1, arbitrary: asText(oversized(MAX_BODY_BYTES)) },
  );
}

export const coordinatorLinksGroup: FuzzGroup = {
  name: 'POST /api/coordinator/links, GET /api/coordinator/links, POST /api/coordinator/links/:id/revoke',
  requests: (world) => {
    const w = world as LinksWorld;
    const base = API_PATHS.coordinatorLinks;
    const query = fc.oneof(
      fc.constant(''),
      fc.tuple(fc.constantFrom('campaign', 'group', 'campaign[]', 'x'), fc.oneof(fc.constantFrom(CAMPAIGN, 'member', ''), headerText(30))).map(([k, v]) => `?${k}=${encodeURIComponent(v)}`),
    );
    const id = fc.oneof(fc.uuid({ version: 4 }), segment, fc.constant(w.links.revokedId));
    return fc.oneof(
      { weight: 5, arbitrary: withBody(method('POST'), pathOf(base), coordinatorAuth(w), createBodies(), (p) => p.length > MAX_BODY_BYTES || !mightCreate(p)) },
      { weight: 2, arbitrary: withoutBody(method('GET'), pathOf(query.map((q) => base + q)), coordinatorAuth(w)) },
      { weight: 3, arbitrary: withBody(method('POST'), pathOf(id.map((i) => `${base}/${i}/revoke`)), coordinatorAuth(w), asValue(wrongValue)) },
    );
  },
};

/** The usable single link still takes its interview, through the public routes. */
export async function linksStillWork(world: World): Promise<void> {
  const w = world as LinksWorld;
  const token = w.links.usable[0]?.token;
  const open = await fetch(`${w.server.url}${API_PATHS.links}/${token}`);
  expect(open.status).toBe(200);
  const item = linkInterview('official', OFFICES[4]);
  const res = await fetch(`${w.server.url}${API_PATHS.links}/${token}/submissions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(item) });
  expect(res.status).toBe(201);
}
