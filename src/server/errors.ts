/**
 * Every failure leaves the server as `{ error: { code, message, details? } }` with a stable code
 * from the contract. Bad input is always a 4xx; a 500 means a bug and is logged; a database that
 * cannot be reached for now is a 503 with Retry-After (./db/unavailable).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_ERRORS } from '../contract';
import type { ApiErrorBody, ApiErrorCode } from '../contract';
import { isDatabaseUnavailable } from './db/unavailable';

type Details = NonNullable<ApiErrorBody['error']['details']>;

/**
 * A refusal the routes raise on purpose; the error handler turns it into a reply. Its HTTP status
 * is the code's, from the contract's catalogue (API_ERRORS): a code always answers with one status.
 * (The device reads such a reply as sync's ApiFailure.)
 */
export class ServerRefusal extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: Details,
    /** Seconds for the Retry-After header (429, 503). */
    readonly retryAfter?: number,
    /** Only for Fastify's own refusals of a request (406, 414, …), kept under invalid_request. */
    status: number = API_ERRORS[code].status,
  ) {
    super(message);
    this.name = 'ServerRefusal';
    this.statusCode = status;
  }
}

/** 503 overloaded: the server sheds load for a moment; the client retries after `seconds`. */
export function overloaded(seconds: number): ServerRefusal {
  return new ServerRefusal('overloaded', `The server is busy: try again in ${seconds} s.`, undefined, seconds);
}

export function errorBody(code: ApiErrorCode, message: string, details?: Details): ApiErrorBody {
  return { error: details ? { code, message, details } : { code, message } };
}

/** Seconds a device waits before resending when the database was unreachable: about a restart's length. */
export const DATABASE_RETRY_AFTER_S = 5;

/**
 * 503 database_unavailable: the connection to the database broke or could not be made. The
 * request's transaction rolled back, or committed unseen and a resend finds it (a duplicate).
 */
export function databaseUnavailable(): ServerRefusal {
  return new ServerRefusal('database_unavailable',
    `The server cannot reach its database just now: try again in ${DATABASE_RETRY_AFTER_S} s.`,
    undefined,
    DATABASE_RETRY_AFTER_S,
  );
}

/** Error codes of Fastify (and of the database) that mean a problem with the request itself. */
function fromFastify(error: FastifyError): ServerRefusal | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ServerRefusal('invalid_json', 'The request body is not valid JSON.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ServerRefusal('body_too_large', 'The request body is too large.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ServerRefusal('unsupported_media_type', 'Send the request body as application/json.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ServerRefusal('invalid_request', 'The Content-Length header does not match the body.');
    // PostgreSQL refuses text holding U+0000 (SQLSTATE 22021) wherever a request's text reaches
    // a query (a username, an id in the path, a label): bad input, not a server fault.
    case '22021':
      return new ServerRefusal('invalid_request', 'Text with a NUL character (U+0000) cannot be stored or looked up.');
    default:
      break;
  }
  // JSON.parse failures (and prototype-poisoning refusals) from Fastify's body parser, which
  // marks them 400; a SyntaxError of our own would stay a 500.
  if (error instanceof SyntaxError && error.statusCode === 400)
    return new ServerRefusal('invalid_json', 'The request body is not valid JSON.');
  if (error.statusCode === 413) return new ServerRefusal('body_too_large', 'The request body is too large.');
  if (error.statusCode === 415)
    return new ServerRefusal('unsupported_media_type', 'Send the request body as application/json.');
  if (error.statusCode === 404) return new ServerRefusal('not_found', 'Not found.');
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)
    return new ServerRefusal('invalid_request', error.message, undefined, undefined, error.statusCode);
  return undefined;
}

/**
 * Installs the error and not-found handlers. `fallback` may answer a not-found request first
 * (the built app's routes); it returns undefined to leave it to the JSON 404.
 */
export function installErrorHandlers(
  app: FastifyInstance,
  fallback?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined,
): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    // What a route had set for its download (an export's type and file name) is not the error's.
    void reply.removeHeader('content-disposition').type('application/json; charset=utf-8');
    let failure = error instanceof ServerRefusal ? error : fromFastify(error);
    if (!failure && isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      failure = databaseUnavailable();
    }
    if (failure) {
      if (failure.retryAfter !== undefined) void reply.header('retry-after', String(failure.retryAfter));
      void reply.status(failure.statusCode).send(errorBody(failure.code, failure.message, failure.details));
      return;
    }
    request.log.error({ err: error }, 'unexpected error');
    void reply.status(500).send(errorBody('internal', 'Something went wrong on the server; try again later.'));
  });
  app.setNotFoundHandler((request, reply) => {
    if (fallback?.(request, reply)) return;
    void reply
      .status(404)
      .send(errorBody('not_found', `No route for ${request.method} ${request.url.split('?')[0] ?? ''}.`));
  });
}
