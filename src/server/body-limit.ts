/**
 * A body limit that can change while the server runs (Fastify's own is fixed per route): refuses
 * a request whose Content-Length is over it at once, and a chunked one as soon as it has sent more,
 * before the rest is read or anything is parsed.
 */
import { Transform, type TransformCallback } from 'node:stream';
import type { preParsingAsyncHookHandler } from 'fastify';
import { ServerRefusal } from './errors';

const tooLarge = () => new ServerRefusal('body_too_large', 'The request body is too large.');

class Counted extends Transform {
  /** Read by Fastify to compare with the Content-Length. */
  receivedEncodedLength = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.receivedEncodedLength += chunk.length;
    if (this.receivedEncodedLength > this.limit) done(tooLarge());
    else done(null, chunk);
  }
}

export function limitBody(limit: () => number): preParsingAsyncHookHandler {
  return async (request, _reply, payload) => {
    const max = limit();
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) throw tooLarge();
    return payload.pipe(new Counted(max));
  };
}
