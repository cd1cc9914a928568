// @vitest-environment node
/** Respondent links over HTTP: creating, listing, revoking, and every state a token can be in, on each database. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkCreated, LinkInfo, LinkList, LinkSubmitAck } from '../../src/contract';
import { describeEachDatabase } from './harness';
import type { TestServer } from './harness';
import { errorCode, get, post } from './http';
import { createLink, createLinks, linkSummary, listLinks, openLink, startLinkServer, startThrough, submitThrough } from './links-helpers';
import { CAMPAIGN, linkInterview, OFFICES, SURVEY } from './links-fixtures';

const DEPT = 'o02';

describeEachDatabase('respondent links', (kind) => {
  let server: TestServer;
  let cookie: string;
  /** An official's interview for the links of office DEPT. */
  const interview = (overrides = {}) => linkInterview('official', DEPT, overrides);
  /**
   * A single link for an official; each in another office, so that policy "stop" (3 per office)
   * never refuses these tests' interviews. `interview` fits the link.
   */
  let nextOffice = 2;
  const single = async () => {
    const stratum = OFFICES[nextOffice++ % OFFICES.length] ?? DEPT;
    const issued = await createLink(server, cookie, { group: 'official', stratum, kind: 'single' });
    return { ...issued, stratum, interview: (overrides = {}) => linkInterview('official', stratum, overrides) };
  };

  beforeAll(async () => ({ server, cookie } = await startLinkServer(kind)));
  afterAll(() => server?.close());

  describe('coordinator routes', () => {
    it('refuse without a session (401) and with a device token instead (403)', async () => {
      const { token } = await server.enrolDevice();
      const body = { group: 'member', kind: 'single' };
      for (const headers of [{}, { authorization: `Bearer ${token}` }]) {
        const expected = 'authorization' in headers ? [403, 'forbidden'] : [401, 'unauthorized'];
        const created = await post(server, '/api/coordinator/links', body, { headers });
        const listed = await get(server, '/api/coordinator/links', headers);
        const revoked = await post(server, `/api/coordinator/links/${randomUUID()}/revoke`, {}, { headers });
        for (const r of [created, listed, revoked]) expect([r.status, errorCode(r)]).toEqual(expected);
      }
      expect(await listLinks(server, cookie)).toEqual([]);
    });

    it('creates single links: tokens of 130 bits, shown once with their page path, listed unopened without tokens', async () => {
      const r = await post(server, '/api/coordinator/links', { group: 'official', stratum: DEPT, kind: 'single', count: 3, label: '  Sở Tư pháp  ' }, { headers: { cookie } });
      expect(r.status).toBe(201);
      expect(r.headers.get('cache-control')).toBe('no-store');
      const created = LinkCreated.parse(r.body);
      expect(created.tokensShownOnce).toBe(true);
      expect(created.notice.vi).toContain('một lần');
      expect(created.links).toHaveLength(3);
      const tokens = created.links.map((l) => l.token);
      expect(new Set(tokens).size).toBe(3);
      for (const l of created.links) {
        expect(l.token).toMatch(/^[0-9a-hjkmnp-tv-z]{26}$/);
        expect(l.path).toBe(`/r/${l.token}`);
        expect(l.link).toMatchObject({
          campaignId: CAMPAIGN,
          survey: { id: SURVEY, version: 1 },
          group: { id: 'official', label: { vi: 'Officials (vi)', en: 'Officials' } },
          stratum: { value: DEPT },
          kind: 'single',
          label: 'Sở Tư pháp',
          state: 'unopened',
          uses: 0,
          maxUses: 1,
          inProgress: 0,
          openedAt: null,
          startedAt: null,
          lastUsedAt: null,
          revokedAt: null,
        });
      }
      const listR = await get(server, '/api/coordinator/links', { cookie });
      const list = LinkList.parse(listR.body).links;
      for (const l of created.links) expect(list.find((x) => x.id === l.link.id)).toEqual(l.link);
      for (const t of tokens) expect(listR.text).not.toContain(t);
    });

    it('stores only hashes of the tokens: the raw token is nowhere in the table', async () => {
      const links = await createLinks(server, cookie, { group: 'member', kind: 'single', count: 5 });
      const rows = await server.database.db.selectFrom('respondent_links').selectAll().execute();
      const dump = JSON.stringify(rows).toLowerCase();
      for (const { token, link } of links) {
        expect(dump).not.toContain(token);
        const row = rows.find((x) => x.id === link.id);
        expect(row?.token_hash).toMatch(/^[0-9a-f]{64}$/);
      }
    });

    it('creates a shared link limited to maxUses completions', async () => {
      const link = await createLink(server, cookie, { group: 'member', kind: 'shared', maxUses: 25, label: 'Kỳ họp HĐND' });
      expect(link.link).toMatchObject({ kind: 'shared', maxUses: 25, uses: 0, stratum: null, state: 'unopened', label: 'Kỳ họp HĐND' });
    });

    it('refuses bad creation requests with a code and leaves no link behind', async () => {
      const before = (await listLinks(server, cookie)).length;
      const cases: [unknown, number, string][] = [
        [{ group: 'nobody', kind: 'single' }, 422, 'unknown_group'],
        [{ group: 'official', kind: 'single' }, 422, 'unknown_stratum'],
        [{ group: 'official', stratum: 'atlantis', kind: 'single' }, 422, 'unknown_stratum'],
        [{ group: 'member', stratum: DEPT, kind: 'single' }, 422, 'unknown_stratum'],
        [{ group: 'member', kind: 'shared' }, 400, 'invalid_request'],
        [{ group: 'member', kind: 'single', maxUses: 3 }, 400, 'invalid_request'],
        [{ group: 'member', kind: 'shared', maxUses: 3, count: 2 }, 400, 'invalid_request'],
        [{ group: 'member', kind: 'single', count: 501 }, 400, 'invalid_request'],
        [{ group: 'member', kind: 'single', count: 0 }, 400, 'invalid_request'],
        [{ group: 'member', kind: 'once' }, 400, 'invalid_request'],
        [{ group: 'member', kind: 'single', campaign: 'nowhere-2030' }, 404, 'not_found'],
      ];
      for (const [body, status, code] of cases) {
        const r = await post(server, '/api/coordinator/links', body, { headers: { cookie } });
        expect([r.status, errorCode(r)], JSON.stringify(body)).toEqual([status, code]);
      }
      const bad = await post(server, '/api/coordinator/links', { group: 'member', kind: 'single', count: 501 }, { headers: { cookie } });
      expect((bad.body as { error: { details: { path: string }[] } }).error.details[0]?.path).toBe('count');
      expect(await listLinks(server, cookie)).toHaveLength(before);
    });

    it('filters the list by group and campaign', async () => {
      await single();
      const members = await listLinks(server, cookie, '?group=member');
      expect(members.length).toBeGreaterThan(0);
      expect(members.every((l) => l.group.id === 'member')).toBe(true);
      const officials = await listLinks(server, cookie, '?group=official');
      expect(officials.length).toBeGreaterThan(0);
      expect(officials.every((l) => l.group.id === 'official')).toBe(true);
      expect(await listLinks(server, cookie, '?campaign=other-campaign')).toEqual([]);
      expect((await listLinks(server, cookie, `?campaign=${CAMPAIGN}`)).length).toBe((await listLinks(server, cookie)).length);
    });

    it('revokes a link at once, idempotently; 404 for an unknown id', async () => {
      const { link, token, interview } = await single();
      const r = await post(server, `/api/coordinator/links/${link.id}/revoke`, {}, { headers: { cookie } });
      expect(r.status).toBe(200);
      const revoked = (r.body as { link: typeof link }).link;
      expect(revoked).toMatchObject({ id: link.id, state: 'revoked' });
      expect(revoked.revokedAt).not.toBeNull();
      const again = await post(server, `/api/coordinator/links/${link.id}/revoke`, {}, { headers: { cookie } });
      expect((again.body as { link: typeof link }).link.revokedAt).toBe(revoked.revokedAt);
      const unknown = await post(server, `/api/coordinator/links/${randomUUID()}/revoke`, {}, { headers: { cookie } });
      expect([unknown.status, errorCode(unknown)]).toEqual([404, 'not_found']);
      for (const res of [await openLink(server, token), await startThrough(server, token, randomUUID()), await submitThrough(server, token, interview())])
        expect([res.status, errorCode(res)]).toEqual([410, 'link_revoked']);
      expect((await linkSummary(server, cookie, link.id)).uses).toBe(0);
    });
  });

  describe('a token through its states', () => {
    it('unknown: a token that was never issued, or cannot be one, is 404 link_unknown everywhere', async () => {
      for (const token of ['0123456789abcdefghjkmnpqrs', 'abc', 'k7qm2xpa9dh4ex0v3b8n6c1rtw-extra']) {
        const replies = [await openLink(server, token), await startThrough(server, token, randomUUID()), await submitThrough(server, token, interview())];
        for (const r of replies) expect([r.status, errorCode(r)], token).toEqual([404, 'link_unknown']);
      }
    });

    it('fresh → opened: GET gives the questionnaire, group and stratum and records the opening', async () => {
      const { link, token } = await createLink(server, cookie, { group: 'official', stratum: DEPT, kind: 'single' });
      const r = await openLink(server, token);
      expect(r.status).toBe(200);
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      const info = LinkInfo.parse(r.body);
      expect(info).toMatchObject({
        kind: 'single',
        state: 'opened',
        survey: { id: SURVEY, version: 1, title: { en: 'Test questionnaire' } },
        campaign: {
          id: CAMPAIGN,
          title: { en: 'Link test campaign' },
          start: '2025-01-01',
          end: '2025-12-31',
          // Who runs the survey and why, for the respondent's welcome.
          organiser: { vi: 'Test People’s Committee (vi)', en: 'Test People’s Committee' },
          purpose: { vi: 'To test links (vi)', en: 'To test links' },
        },
        group: { id: 'official', label: { en: 'Officials' } },
        stratum: { value: DEPT, label: { vi: 'Office o02 (vi)', en: 'Office o02' } },
        remaining: 1,
        quota: { policy: 'stop', target: 3, accepted: 0, full: false },
        startAllowed: true,
      });
      const opened = await linkSummary(server, cookie, link.id);
      expect(opened.state).toBe('opened');
      expect(opened.openedAt).not.toBeNull();
      // Opening again keeps the first opening.
      await openLink(server, token);
      expect((await linkSummary(server, cookie, link.id)).openedAt).toBe(opened.openedAt);
    });

    it('a token typed from paper (upper case, O for 0, I or L for 1, dashes) opens the same link', async () => {
      const { link, token } = await single();
      const typed = token.toUpperCase().replace(/0/g, 'O').replace(/1/g, 'l').replace(/(.{5})/g, '$1-');
      expect((await openLink(server, typed)).status).toBe(200);
      expect((await linkSummary(server, cookie, link.id)).state).toBe('opened');
    });

    it('opened → in progress: started is recorded once per interview, idempotently', async () => {
      const { link, token } = await single();
      await openLink(server, token);
      const id = randomUUID();
      const first = await startThrough(server, token, id);
      expect(first.status).toBe(200);
      const again = await startThrough(server, token, id);
      expect(again.body).toEqual(first.body);
      const summary = await linkSummary(server, cookie, link.id);
      expect(summary).toMatchObject({ state: 'in_progress', inProgress: 1, uses: 0 });
      expect(summary.startedAt).toBe((first.body as { startedAt: string }).startedAt);
      expect(LinkInfo.parse((await openLink(server, token)).body).state).toBe('in_progress');
      const bad = await startThrough(server, token, 'not-a-uuid');
      expect([bad.status, errorCode(bad)]).toEqual([400, 'invalid_request']);
    });

    it('in progress → used: the interview is stored self-administered and the link consumed; a resend is acknowledged, another interview refused', async () => {
      const { link, token, interview, stratum } = await single();
      await openLink(server, token);
      const item = interview();
      await startThrough(server, token, item.id);
      const stored = await submitThrough(server, token, item);
      expect(stored.status).toBe(201);
      const ack = LinkSubmitAck.parse(stored.body);
      expect(ack).toMatchObject({ id: item.id, status: 'stored' });

      const row = await server.database.db.selectFrom('submissions').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ mode: 'self', link_id: link.id, device_id: 'respondent-links', respondent_group: 'official', stratum });
      const summary = await linkSummary(server, cookie, link.id);
      expect(summary).toMatchObject({ state: 'completed', uses: 1, inProgress: 0, lastUsedAt: ack.receivedAt });

      // The reply was lost: the same interview again is acknowledged, not stored twice.
      const resend = await submitThrough(server, token, { ...item, id: item.id.toUpperCase() });
      expect(resend.status).toBe(200);
      expect(resend.body).toEqual({ id: item.id.toUpperCase(), status: 'duplicate', receivedAt: ack.receivedAt });
      // A different interview through the used link: refused, nothing stored.
      const before = await server.countSubmissions();
      const other = await submitThrough(server, token, interview());
      expect([other.status, errorCode(other)]).toEqual([410, 'link_used']);
      expect(await server.countSubmissions()).toBe(before);
      // Same id, different content: a conflict, not an acknowledgement.
      const changed = await submitThrough(server, token, { ...item, lang: 'en' });
      expect([changed.status, errorCode(changed)]).toEqual([409, 'conflict']);
      // Opening or starting again is refused with the same code; the started interview itself is fine.
      for (const r of [await openLink(server, token), await startThrough(server, token, randomUUID())]) expect([r.status, errorCode(r)]).toEqual([410, 'link_used']);
      expect((await startThrough(server, token, item.id)).status).toBe(200);
      expect((await linkSummary(server, cookie, link.id)).uses).toBe(1);
    });

    it('a resend of a stored interview is acknowledged even after the link was revoked', async () => {
      const { link, token, interview } = await single();
      const item = interview();
      expect((await submitThrough(server, token, item)).status).toBe(201);
      await post(server, `/api/coordinator/links/${link.id}/revoke`, {}, { headers: { cookie } });
      const resend = await submitThrough(server, token, item);
      expect([resend.status, (resend.body as { status: string }).status]).toEqual([200, 'duplicate']);
      const other = await submitThrough(server, token, interview());
      expect([other.status, errorCode(other)]).toEqual([410, 'link_revoked']);
    });

    it('an interview submitted without a recorded start is stored (policy allows it) and its start recorded', async () => {
      const { link, token, interview } = await single();
      const r = await submitThrough(server, token, interview());
      expect(r.status).toBe(201);
      expect(await linkSummary(server, cookie, link.id)).toMatchObject({ state: 'completed', uses: 1 });
      expect((await linkSummary(server, cookie, link.id)).startedAt).not.toBeNull();
    });

    it('an interview conducted in another of its questionnaire’s languages is stored with that language', async () => {
      const { link, token, interview } = await single();
      const item = interview({ lang: 'km' });
      const r = await submitThrough(server, token, item);
      expect(r.status).toBe(201);
      expect((await server.getSubmission(item.id))?.lang).toBe('km');
      expect(await linkSummary(server, cookie, link.id)).toMatchObject({ state: 'completed', uses: 1 });
    });

    it('wrong questionnaire, version, group or stratum: 422 link_mismatch, the link stays unused', async () => {
      const { link, token, interview, stratum } = await single();
      const wrong = [
        interview({ surveyVersion: 2 }),
        interview({ surveyId: 'another-survey' }),
        linkInterview('official', OFFICES.find((o) => o !== stratum)),
        linkInterview('member'),
      ];
      for (const item of wrong) {
        const r = await submitThrough(server, token, item);
        expect([r.status, errorCode(r)]).toEqual([422, 'link_mismatch']);
      }
      expect(await linkSummary(server, cookie, link.id)).toMatchObject({ state: 'unopened', uses: 0 });
      expect((await submitThrough(server, token, interview())).status).toBe(201);
    });

    it('invalid answers: 422 invalid_answers with the engine errors per question, the link stays unused', async () => {
      const { link, token, interview } = await single();
      const item = interview();
      const missing = await submitThrough(server, token, { ...item, answers: { q2: 'no q1' } });
      expect([missing.status, errorCode(missing)]).toEqual([422, 'invalid_answers']);
      expect((missing.body as { error: { errors: Record<string, { code: string }> } }).error.errors.q1?.code).toBe('required');
      const unknown = await submitThrough(server, token, { ...item, answers: { q1: '7' } });
      expect([unknown.status, errorCode(unknown)]).toEqual([422, 'invalid_answers']);
      expect((unknown.body as { error: { errors: Record<string, { code: string }> } }).error.errors.q1?.code).toBeDefined();
      expect(await server.getSubmission(item.id)).toBeUndefined();
      expect((await linkSummary(server, cookie, link.id)).uses).toBe(0);
      // The corrected interview then goes through.
      expect((await submitThrough(server, token, item)).status).toBe(201);
    });

    it('malformed bodies are 400 with a code, and consume nothing', async () => {
      const { link, token, interview } = await single();
      const notJson = await post(server, `/api/links/${token}/submissions`, '{"id":');
      expect([notJson.status, errorCode(notJson)]).toEqual([400, 'invalid_json']);
      const shape = await submitThrough(server, token, { ...interview(), id: 'x' });
      expect([shape.status, errorCode(shape)]).toEqual([400, 'invalid_request']);
      expect((await linkSummary(server, cookie, link.id)).uses).toBe(0);
    });

    it('an id already stored from an enumerator device is a conflict through a link', async () => {
      const { token, interview } = await single();
      const { token: deviceToken } = await server.enrolDevice();
      const item = interview();
      const r = await post(server, '/api/submissions', { items: [item] }, { token: deviceToken });
      expect(r.status).toBe(200);
      const via = await submitThrough(server, token, item);
      expect([via.status, errorCode(via)]).toEqual([409, 'conflict']);
    });

    it('shared link: takes maxUses interviews, then is exhausted', async () => {
      const { link, token } = await createLink(server, cookie, { group: 'member', kind: 'shared', maxUses: 2 });
      const info = LinkInfo.parse((await openLink(server, token)).body);
      expect(info).toMatchObject({ kind: 'shared', remaining: 2, stratum: null, group: { id: 'member' } });
      const a = linkInterview('member');
      await startThrough(server, token, a.id);
      expect((await submitThrough(server, token, a)).status).toBe(201);
      expect(await linkSummary(server, cookie, link.id)).toMatchObject({ state: 'in_progress', uses: 1, inProgress: 0 });
      expect(LinkInfo.parse((await openLink(server, token)).body).remaining).toBe(1);
      await startThrough(server, token, randomUUID()); // someone starts and never finishes
      expect((await linkSummary(server, cookie, link.id)).inProgress).toBe(1);
      expect((await submitThrough(server, token, linkInterview('member'))).status).toBe(201);
      expect(await linkSummary(server, cookie, link.id)).toMatchObject({ state: 'exhausted', uses: 2, inProgress: 0 });
      for (const r of [await openLink(server, token), await startThrough(server, token, randomUUID()), await submitThrough(server, token, linkInterview('member'))])
        expect([r.status, errorCode(r)]).toEqual([410, 'link_exhausted']);
      expect((await submitThrough(server, token, a)).status).toBe(200); // a resend still acknowledged
    });
  });
});
