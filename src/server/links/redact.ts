/** Link tokens are credentials: request logs show their paths with the token replaced. */
import type { FastifyRequest } from 'fastify';

/** The URL with the token of `/r/<token>` and `/api/links/<token>` replaced by `***`. */
export const redactTokens = (url: string): string => url.replace(/^(\/+(?:r|api\/+links)\/+)[^/?#]*/i, '$1***');

/** Fastify's request serializer (the default one's fields) with tokens redacted. */
export function requestSerializer(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactTokens(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
