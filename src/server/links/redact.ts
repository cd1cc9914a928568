/** Link tokens are credentials: request logs show their paths with the token replaced. */
import type { FastifyRequest } from 'fastify';

const TOKEN_PATH = /^(\/+(?:r|api\/+links)\/+)[^/?#]*/i;

/** Percent-decodes what decodes, escape by escape, leaving a malformed escape as it is. */
function decodeEach(url: string): string {
  return url.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%[0-9a-f]{2}/gi, (one) => {
        try {
          return decodeURIComponent(one);
        } catch {
          return one;
        }
      });
    }
  });
}

/**
 * The URL with the token of `/r/<token>` and `/api/links/<token>` replaced by `***`, however the
 * path is encoded (the router decodes `/api/%6cinks/…` to the link route, so the log must too).
 */
export function redactTokens(url: string): string {
  if (TOKEN_PATH.test(url)) return url.replace(TOKEN_PATH, '$1***');
  // Decoded until it stops changing: a twice-encoded path is not routed, but is not logged in clear either.
  let decoded = url;
  for (let i = 0; i < 3; i++) {
    const next = decodeEach(decoded);
    if (next === decoded) break;
    decoded = next;
    if (TOKEN_PATH.test(decoded)) return decoded.replace(TOKEN_PATH, '$1***');
  }
  return url;
}

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
