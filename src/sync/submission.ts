/** Turns a stored interview into the wire's Submission, checked against the contract before sending. */
import { describeIssues, Submission, submissionCandidate } from '../contract';
import type { InterviewRecord, Rejection } from '../store';

export type Prepared = { ok: true; submission: Submission } | { ok: false; rejection: Omit<Rejection, 'at'> };

export function toSubmission(record: InterviewRecord): Prepared {
  const candidate = submissionCandidate(record);
  const checked = Submission.safeParse(candidate);
  if (checked.success) return { ok: true, submission: checked.data };
  // The server would refuse the whole batch for it; keep it on the device, shown, instead.
  const where = describeIssues(checked.error.issues, 5).map((d) => `${d.path}: ${d.message}`);
  return { ok: false, rejection: { code: 'invalid_request', message: `Not a valid submission (${where.join('; ')})` } };
}
