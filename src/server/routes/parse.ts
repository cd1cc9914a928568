/** Parses a request body with a contract schema; a mismatch is a 400 invalid_request with details. */
import type * as z from 'zod/mini';
import { describeIssues } from '../../contract';
import { ServerRefusal } from '../errors';

export function parseBody<T extends z.ZodMiniType>(schema: T, body: unknown): z.infer<T> {
  if (body === undefined) throw new ServerRefusal('invalid_request', 'The request needs a JSON body.');
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new ServerRefusal('invalid_request', 'The request body does not have the expected shape.', describeIssues(parsed.error.issues));
  return parsed.data;
}
