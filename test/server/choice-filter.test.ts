// @vitest-environment node
/**
 * A cascading select on the server: an interview whose commune belongs to another province than
 * the one answered (a hand-made submission, or a device with an altered definition) is refused
 * with the engine's code, as the form refuses it; the same interview with a commune of its
 * province is stored.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SubmitResponse } from '../../src/contract';
import type { Submission, SubmitResult } from '../../src/contract';
import { commune, province } from '../survey/choice-filter-fixtures';
import { def, section } from '../survey/fixtures';
import { describeEachDatabase, startTestServer } from './harness';
import type { TestServer } from './harness';
import { post } from './http';

const places = def({ id: 'places', sections: [section('place', [province({ required: true }), commune({ required: true })])] });

function submission(answers: Submission['answers']): Submission {
  return {
    id: randomUUID(),
    surveyId: places.id,
    surveyVersion: places.version,
    respondentGroup: 'citizens',
    lang: 'vi',
    answers,
    startedAt: '2024-11-05T09:00:00.000+07:00',
    completedAt: '2024-11-05T09:05:00.000+07:00',
    sectionTimes: { place: 300 },
  };
}

describeEachDatabase('a choice filter at ingest', (database) => {
  let dir: string;
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    // A definitions folder holding this one questionnaire.
    dir = mkdtempSync(join(tmpdir(), 'choice-filter-defs-'));
    writeFileSync(join(dir, 'places.json'), JSON.stringify(places));
    server = await startTestServer({ database, definitionsDir: dir });
    ({ token } = await server.enrolDevice());
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function submit(item: Submission): Promise<SubmitResult | undefined> {
    const r = await post(server, '/api/submissions', { items: [item] }, { token });
    expect(r.status).toBe(200);
    return SubmitResponse.parse(r.body).results[0];
  }

  it('stores a commune of the province answered', async () => {
    const item = submission({ province: 'quang-binh', commune: 'ba-don' });
    expect(await submit(item)).toEqual({ id: item.id, status: 'stored' });
    expect((await server.getSubmission(item.id))?.answers).toEqual({ province: 'quang-binh', commune: 'ba-don' });
  });

  it('refuses a commune of the other province with invalid_answers and the engine’s code', async () => {
    const item = submission({ province: 'quang-binh', commune: 'gio-linh' });
    const result = await submit(item);
    expect(result).toMatchObject({ id: item.id, status: 'rejected', code: 'invalid_answers' });
    expect(result?.errors).toEqual({
      commune: {
        code: 'notOffered',
        message: {
          vi: '“option gio-linh (vi)” không thuộc “option quang-binh (vi)” (câu trả lời của câu “question province (vi)”).',
          en: '“option gio-linh” is not an option for “option quang-binh” (the answer to “question province”).',
        },
      },
    });
    expect(await server.getSubmission(item.id)).toBeUndefined();
  });
});
