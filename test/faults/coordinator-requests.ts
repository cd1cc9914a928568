/** Malformed requests to the coordinators' routes: session, devices and codes, dashboard, exports. */
import fc from 'fast-check';
import { expect } from 'vitest';
import { API_PATHS, EnrolmentCodeRequest } from '../../src/contract';
import { PASSWORD } from '../server/coordinator-session';
import { enrolmentCodeBodies, junkBody, loginBodies } from './bodies';
import type { FuzzGroup } from './fuzz-suite';
import type { World } from './fuzz-world';
import { headerText, parsedOrUndefined, segment, wrongAuthorization, wrongCookie } from './malformed';
import { coordinatorAuth, method, pathOf, withBody, withoutBody } from './requests';

const base = API_PATHS.coordinator;

/** The right account with the right password would open a session: not a malformed request. */
function wouldLogIn(payload: string | Buffer): boolean {
  const body = parsedOrUndefined(payload) as { username?: unknown; password?: unknown } | undefined;
  return typeof body?.username === 'string' && body.username.normalize('NFC').trim().toLowerCase() === 'dieuphoi' && body.password === PASSWORD;
}

/** A usable name would issue an enrolment code: not a malformed request. */
function wouldIssueCode(payload: string | Buffer): boolean {
  const parsed = EnrolmentCodeRequest.safeParse(parsedOrUndefined(payload));
  return parsed.success && parsed.data.name.trim() !== '';
}

/** Cookies that end no session: logging out with a real one (even an expired one) deletes its row, rightly. */
const noSession = fc.oneof(
  fc.constant({}),
  wrongCookie.map((cookie) => ({ cookie })),
  wrongAuthorization.map((authorization) => ({ authorization })),
);

export const sessionGroup: FuzzGroup = {
  name: 'POST /api/coordinator/login, POST /api/coordinator/logout, GET /api/coordinator/me',
  requests: (w) =>
    fc.oneof(
      { weight: 6, arbitrary: withBody(method('POST'), pathOf(`${base}/login`), fc.oneof(fc.constant({}), coordinatorAuth(w)), loginBodies(PASSWORD), (p) => !wouldLogIn(p)) },
      { weight: 2, arbitrary: withBody(method('POST'), pathOf(`${base}/logout`), noSession, junkBody) },
      { weight: 2, arbitrary: withoutBody(method('GET'), pathOf(`${base}/me`), coordinatorAuth(w)) },
    ),
};

export const devicesGroup: FuzzGroup = {
  name: 'POST /api/coordinator/enrolment-codes, GET /api/coordinator/devices, POST /api/coordinator/devices/:id/revoke',
  requests: (w) => {
    const id = fc.oneof(fc.uuid({ version: 4 }), segment, fc.constant(w.revokedDeviceId), fc.constant(`${w.revokedDeviceId}/x`));
    return fc.oneof(
      { weight: 5, arbitrary: withBody(method('POST'), pathOf(`${base}/enrolment-codes`), coordinatorAuth(w), enrolmentCodeBodies(), (p) => !wouldIssueCode(p)) },
      { weight: 2, arbitrary: withoutBody(method('GET'), pathOf(fc.oneof(fc.constant(`${base}/devices`), headerText(30).map((q) => `${base}/devices?${encodeURIComponent(q)}=1`))), coordinatorAuth(w)) },
      { weight: 3, arbitrary: withBody(method('POST'), pathOf(id.map((i) => `${base}/devices/${i}/revoke`)), coordinatorAuth(w), junkBody) },
    );
  },
};

export const dashboardGroup: FuzzGroup = {
  name: 'GET /api/coordinator/dashboard',
  requests: (w) => {
    const campaign = fc.oneof(fc.constantFrom('quang-binh-2021', '', 'nope', '%00', '..'), headerText(50).map(encodeURIComponent));
    const query = fc.oneof(
      fc.constant(''),
      campaign.map((c) => `?campaign=${c}`),
      fc.tuple(campaign, campaign).map(([a, b]) => `?campaign=${a}&campaign=${b}`),
      campaign.map((c) => `?campaign[x]=${c}`),
    );
    return withoutBody(method('GET'), pathOf(query.map((q) => `${base}/dashboard${q}`)), coordinatorAuth(w));
  },
};

export const exportsGroup: FuzzGroup = {
  name: 'GET /api/coordinator/exports/:surveyId/:version.(csv|xlsx|json|sps|do)',
  requests: (w) => {
    const survey = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('sipas-citizen', 'par-officials', 'SIPAS-CITIZEN', 'nope', '..') }, { weight: 1, arbitrary: segment });
    const version = fc.oneof(fc.constant('1'), fc.constantFrom('0', '2', '-1', '1.5', '01', '999999999', '9999999999', 'v1', '1e0', ''));
    const format = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('csv', 'xlsx', 'json', 'sps', 'do', 'scores.csv', 'scores.json') },
      { weight: 2, arbitrary: fc.constantFrom('CSV', 'xls', 'pdf', '', 'csv.csv', 'json%00', 'scores.sps', 'SPS', 'do.do') },
    );
    const file = fc.oneof({ weight: 4, arbitrary: fc.tuple(version, format).map(([v, f]) => `${v}.${f}`) }, { weight: 1, arbitrary: segment });
    const labels = fc.oneof(fc.constant(''), fc.constantFrom('?labels=vi', '?labels=fr', '?labels=', '?labels=VI', '?labels[]=vi', '?labels=vi&labels=en'), headerText(20).map((l) => `?labels=${encodeURIComponent(l)}`));
    const path = fc.tuple(survey, file, labels).map(([s, f, l]) => `${base}/exports/${s}/${f}${l}`);
    return withoutBody(method('GET'), pathOf(path), coordinatorAuth(w));
  },
};

/** The coordinator's session still works: who am I, and a valid enrolment code is issued. */
export async function coordinatorStillWorks(w: World): Promise<void> {
  const me = await fetch(`${w.server.url}${base}/me`, { headers: { cookie: w.cookie } });
  expect(me.status).toBe(200);
  const code = await fetch(`${w.server.url}${base}/enrolment-codes`, {
    method: 'POST',
    headers: { cookie: w.cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Nguyễn Văn B' }),
  });
  expect(code.status).toBe(201);
}
