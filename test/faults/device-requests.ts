/** Malformed requests to the device routes: enrolment, submissions, backups, questionnaires and health, quota. */
import fc from 'fast-check';
import { expect } from 'vitest';
import { API_PATHS, MAX_BODY_BYTES } from '../../src/contract';
import { backupBodies, enrolBodies, submissionBodies } from './bodies';
import type { FuzzGroup } from './fuzz-suite';
import { backupWouldStore, batchWouldStore, validInterview, type World } from './fuzz-world';
import { headerText, parsedOrUndefined, segment } from './malformed';
import { anyAuth, coordinatorAuth, deviceAuth, method, pathOf, withBody, withoutBody } from './requests';

export const enrolGroup: FuzzGroup = {
  name: 'POST /api/devices/enrol',
  requests: (w) => withBody(method('POST'), pathOf(API_PATHS.enrol), anyAuth(w), enrolBodies(w)),
};

export const submissionsGroup: FuzzGroup = {
  name: 'POST /api/submissions',
  requests: (w) =>
    withBody(method('POST'), pathOf(API_PATHS.submissions), deviceAuth(w), submissionBodies(w), (p) => p.length > MAX_BODY_BYTES || !batchWouldStore(w, parsedOrUndefined(p))),
};

export const backupsGroup: FuzzGroup = {
  name: 'POST /api/backups',
  requests: (w) => withBody(method('POST'), pathOf(API_PATHS.backups), deviceAuth(w), backupBodies(), (p) => !backupWouldStore(w, parsedOrUndefined(p))),
};

export const definitionsGroup: FuzzGroup = {
  name: 'GET /api/definitions, /api/definitions/:id/:version, /api/health',
  requests: (w) => {
    const version = fc.oneof(fc.constantFrom('0', '2', '-1', '1.5', '01', '1e0', '999999999', '9999999999', '1 ', '%201', 'v1', '1?x', 'NaN'), segment);
    const id = fc.oneof(fc.constantFrom('sipas-citizen', 'par-officials', 'SIPAS-CITIZEN', 'schema', '..', 'campaigns'), segment);
    const path = fc.oneof(
      fc.constant(API_PATHS.definitions),
      fc.constant(API_PATHS.health),
      fc.tuple(id, version).map(([i, v]) => `${API_PATHS.definitions}/${i}/${v}`),
      fc.tuple(id, version, segment).map(([i, v, s]) => `${API_PATHS.definitions}/${i}/${v}/${s}`),
      id.map((i) => `${API_PATHS.definitions}/${i}`),
    );
    return fc.oneof(
      { weight: 9, arbitrary: withoutBody(method('GET'), pathOf(path), anyAuth(w)) },
      { weight: 1, arbitrary: withBody(fc.constantFrom('POST', 'PUT', 'DELETE'), path, anyAuth(w), fc.constant({ value: { items: [validInterview(1)] } })) },
    );
  },
};

export const quotaGroup: FuzzGroup = {
  name: 'GET /api/quota',
  requests: (w) => {
    const campaign = fc.oneof(fc.constantFrom('quang-binh-2021', 'QUANG-BINH-2021', '', 'none', '%00', '../x'), headerText(40).map(encodeURIComponent));
    const query = fc.oneof(
      fc.constant(''),
      campaign.map((c) => `?campaign=${c}`),
      fc.tuple(campaign, campaign).map(([a, b]) => `?campaign=${a}&campaign=${b}`),
      campaign.map((c) => `?campaign[]=${c}`),
      campaign.map((c) => `?campaign[a]=${c}`),
    );
    const auth = fc.oneof(deviceAuth(w), coordinatorAuth(w), fc.constant({ authorization: `Bearer ${w.token}`, cookie: w.cookie }));
    return withoutBody(method('GET'), pathOf(query.map((q) => API_PATHS.quota + q)), auth);
  },
};

/** A device still uploads a valid interview, and it is stored. */
export async function deviceStillUploads(w: World): Promise<void> {
  const res = await fetch(`${w.server.url}${API_PATHS.submissions}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${w.token}` },
    body: JSON.stringify({ items: [validInterview(424_242)] }),
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(['stored']);
}
