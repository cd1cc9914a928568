/**
 * Strong ETags made from the content, never from a file's size and time: two builds of the app can
 * have a sw.js of the same size written in the same millisecond, or copied with their times kept
 * (an archive, a container image), and a browser that is told "not modified" never sees the new
 * version.
 */
import { createHash } from 'node:crypto';

export function contentEtag(content: string | Buffer): string {
  return `"${createHash('sha256').update(content).digest('base64url').slice(0, 32)}"`;
}

/** True when an If-None-Match header names this ETag (or is `*`). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');
}
