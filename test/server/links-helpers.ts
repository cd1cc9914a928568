/**
 * Respondent links in server tests: a server on the links' own questionnaire and campaign, links
 * created as a coordinator, and used as a respondent would, over HTTP.
 */
import { expect } from 'vitest';
import type { IssuedLink, LinkCreateRequest, LinkSummary, Submission } from '../../src/contract';
import type { LinkRateLimit } from '../../src/server/links/limits';
import { startWithCoordinator } from './coordinator-session';
import type { DatabaseKind, TestServer } from './harness';
import { get, post } from './http';
import type { Reply } from './http';
import { linkDefinitions } from './links-fixtures';

/**
 * A server on the questionnaire and campaign of links-fixtures.ts (closing it removes their
 * folder), the link routes not rate limited unless `linkRateLimit` says so, and a coordinator's
 * session cookie.
 */
export async function startLinkServer(kind: DatabaseKind, linkRateLimit: LinkRateLimit | false = false): Promise<{ server: TestServer; cookie: string }> {
  const definitions = linkDefinitions();
  let started: { server: TestServer; cookie: string };
  try {
    started = await startWithCoordinator({ database: kind, definitionsDir: definitions.dir, linkRateLimit });
  } catch (e) {
    definitions.remove();
    throw e;
  }
  const close = started.server.close;
  started.server.close = async () => {
    try {
      await close();
    } finally {
      definitions.remove();
    }
  };
  return started;
}

export async function createLinks(server: TestServer, cookie: string, request: LinkCreateRequest): Promise<IssuedLink[]> {
  const r = await post(server, '/api/coordinator/links', request, { headers: { cookie } });
  expect(r.status, r.text).toBe(201);
  return (r.body as { links: IssuedLink[] }).links;
}

export async function createLink(server: TestServer, cookie: string, request: LinkCreateRequest): Promise<IssuedLink> {
  const [link] = await createLinks(server, cookie, request);
  if (!link) throw new Error('no link created');
  return link;
}

export async function listLinks(server: TestServer, cookie: string, query = ''): Promise<LinkSummary[]> {
  const r = await get(server, `/api/coordinator/links${query}`, { cookie });
  expect(r.status, r.text).toBe(200);
  return (r.body as { links: LinkSummary[] }).links;
}

export async function linkSummary(server: TestServer, cookie: string, id: string): Promise<LinkSummary> {
  const link = (await listLinks(server, cookie)).find((l) => l.id === id);
  if (!link) throw new Error(`no link ${id} in the list`);
  return link;
}

export const openLink = (server: TestServer, token: string): Promise<Reply> => get(server, `/api/links/${token}`);
export const startThrough = (server: TestServer, token: string, interviewId: string): Promise<Reply> =>
  post(server, `/api/links/${token}/started`, { interviewId });
/** As the respondent's page sends it: the interview's id in the Interview-Id header too. */
export const submitThrough = (server: TestServer, token: string, item: Submission): Promise<Reply> =>
  post(server, `/api/links/${token}/submissions`, item, { headers: { 'interview-id': item.id } });
