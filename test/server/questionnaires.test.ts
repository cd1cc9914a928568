// @vitest-environment node
/**
 * Questionnaires from the coordinators' pages, through HTTP on both databases: an XLSForm (.xlsx
 * or .xls) or JSON uploaded as a draft or refused with every problem located; damaged files
 * refused, never a 5xx; publishing makes a new version that devices list and fetch, that another
 * server process of the same database serves, and whose interviews are stored; retiring keeps old
 * interviews accepted; every version downloads as an XLSForm that imports back unchanged.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DefinitionList, QuestionnaireDraftDetail, QuestionnaireDraftSummary, QuestionnaireList, QuestionnairePublished, SubmitResponse, type Submission } from '../../src/contract';
import { createServer } from '../../src/server/app';
import { loadCatalog } from '../../src/server/definitions/catalog';
import { readWorkbook, writeWorkbook } from '../../src/server/questionnaires/read-upload';
import type { Definition, IntegerQuestion } from '../../src/survey';
import { exportXlsform } from '../../src/survey/xlsform/export';
import { importXlsform } from '../../src/survey/xlsform/import';
import { untranslated } from '../survey/fixtures';
import { THREE_LANGUAGES } from '../survey/three-languages';
import { loginAsCoordinator } from './coordinator-session';
import { sipasV2Additions, validSipasSubmission } from './fixtures';
import { DEFINITIONS_DIR, describeEachDatabase, startTestServer } from './harness';
import type { TestServer } from './harness';
import { errorCode, get, post } from './http';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function shipped(file: string): Definition {
  const { $schema: _s, ...def } = JSON.parse(readFileSync(join(DEFINITIONS_DIR, file), 'utf8')) as Definition;
  return def;
}

/** An .xls (BIFF8) of a workbook, as older Excel saves it. */
function asXls(bytes: Buffer): Buffer {
  return XLSX.write(XLSX.read(bytes, { type: 'buffer' }), { type: 'buffer', bookType: 'biff8' }) as Buffer;
}

describeEachDatabase('questionnaires from the web', (database) => {
  let server: TestServer;
  let cookie: string;
  beforeAll(async () => {
    server = await startTestServer({ database });
    cookie = await loginAsCoordinator(server);
  });
  afterAll(() => server.close());

  const upload = (bytes: Buffer | string, fileName: string, contentType = XLSX_TYPE, withCookie = true) =>
    fetch(`${server.url}/api/coordinator/questionnaires`, {
      method: 'POST',
      headers: { 'content-type': contentType, 'x-file-name': encodeURIComponent(fileName), ...(withCookie ? { cookie } : {}) },
      body: typeof bytes === 'string' ? bytes : new Uint8Array(bytes),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }));
  const postAs = (path: string) => post(server, path, {}, { headers: { cookie } });

  it('takes an XLSForm as a draft, previews it, and publishes it as a new version devices list and fetch', async () => {
    const def = { ...shipped('sipas-citizen-v2.json'), id: 'sipas-tinh', version: 1 };
    const created = await upload(writeWorkbook(exportXlsform(def)), 'SIPAS tỉnh.xlsx');
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const draft = QuestionnaireDraftSummary.parse(created.body);
    expect(draft).toMatchObject({ id: 'sipas-tinh', version: 1, fileName: 'SIPAS tỉnh.xlsx', format: 'xlsx', warnings: [] });

    // Not served before it is published.
    expect((await get(server, '/api/definitions/sipas-tinh/1')).status).toBe(404);
    const preview = QuestionnaireDraftDetail.parse((await get(server, `/api/coordinator/questionnaires/drafts/${draft.draftId}`, { cookie })).body);
    expect(preview.definition).toEqual(def);

    const published = await postAs(`/api/coordinator/questionnaires/drafts/${draft.draftId}/publish`);
    expect(published.status, published.text).toBe(201);
    expect(QuestionnairePublished.parse(published.body).questionnaire).toMatchObject({ id: 'sipas-tinh', version: 1, source: 'web', publishedBy: 'dieuphoi', retired: false });
    const list = DefinitionList.parse((await get(server, '/api/definitions')).body);
    expect(list.definitions).toContainEqual({ id: 'sipas-tinh', version: 1, title: def.title });
    const served = await get(server, '/api/definitions/sipas-tinh/1');
    expect(served.status).toBe(200);
    expect(served.body).toEqual(def);
    // The draft is gone; the published version is listed with who published it.
    const all = QuestionnaireList.parse((await get(server, '/api/coordinator/questionnaires', { cookie })).body);
    expect(all.drafts.map((d) => d.draftId)).not.toContain(draft.draftId);
    expect(all.published.find((p) => p.id === 'sipas-tinh')).toMatchObject({ version: 1, source: 'web' });
    expect(all.published.find((p) => p.id === 'sipas-citizen' && p.version === 2)).toMatchObject({ source: 'file', retired: false });

    // A device's interview of the new questionnaire is stored.
    const { token } = await server.enrolDevice('Nguyễn Văn A');
    const item = validSipasSubmission({ surveyId: 'sipas-tinh', surveyVersion: 1, answers: sipasV2Additions() });
    const r = await post(server, '/api/submissions', { items: [item] }, { token });
    expect(SubmitResponse.parse(r.body).results).toEqual([{ id: item.id, status: 'stored' }]);
  });

  it('takes an XLSForm in Vietnamese, English and Khmer whole, and stores its interviews conducted in Khmer', async () => {
    const created = await upload(writeWorkbook(exportXlsform(THREE_LANGUAGES)), 'Khảo sát 3 thứ tiếng.xlsx');
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const draft = QuestionnaireDraftSummary.parse(created.body);
    expect(draft.warnings).toEqual([]);
    const preview = QuestionnaireDraftDetail.parse((await get(server, `/api/coordinator/questionnaires/drafts/${draft.draftId}`, { cookie })).body);
    expect(preview.definition).toEqual(THREE_LANGUAGES);
    expect((await postAs(`/api/coordinator/questionnaires/drafts/${draft.draftId}/publish`)).status).toBe(201);
    expect((await get(server, '/api/definitions/ba-ngon-ngu/1')).body).toEqual(THREE_LANGUAGES);

    const { token } = await server.enrolDevice('Thạch Thị Sa Ry');
    const interview = (lang: string): Submission => ({
      id: randomUUID(),
      surveyId: 'ba-ngon-ngu',
      surveyVersion: 1,
      respondentGroup: 'citizens',
      stratum: 'vinh-chau',
      lang,
      answers: { gioi: 'nu', tuoi: 41, hai_long: { thai_do: '2', thoi_gian: '1' } },
      startedAt: '2026-03-02T08:00:00.000+07:00',
      completedAt: '2026-03-02T08:20:00.000+07:00',
      sectionTimes: { chung: 300_000, danh_gia: 200_000 },
    });
    // Khmer is one of its languages; Hmong is not (a text corrected since, an older draft): stored as sent all the same.
    const khmer = interview('km');
    const hmong = interview('hmn');
    const r = await post(server, '/api/submissions', { items: [khmer, hmong] }, { token });
    expect(SubmitResponse.parse(r.body).results).toEqual([
      { id: khmer.id, status: 'stored' },
      { id: hmong.id, status: 'stored' },
    ]);
    expect((await server.getSubmission(khmer.id))?.lang).toBe('km');
    expect((await server.getSubmission(hmong.id))?.lang).toBe('hmn');
  });

  it('notes, in both languages, the texts of a JSON definition that lack one of its languages', async () => {
    const def = JSON.parse(JSON.stringify({ ...THREE_LANGUAGES, id: 'mot-phan-khmer' })) as Definition;
    delete (def.sections[0]!.questions[1] as IntegerQuestion).unit!.km;
    const created = await upload(JSON.stringify(def), 'mot-phan.json', 'application/json');
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const draft = QuestionnaireDraftSummary.parse(created.body);
    expect(draft.warnings).toEqual([
      { path: 'sections[0].questions[1].unit', message: { vi: 'chưa có bản dịch ភាសាខ្មែរ (km): văn bản này hiển thị bằng tiếng Việt', en: 'no translation in ភាសាខ្មែរ (km): this text shows in Vietnamese' } },
    ]);
    // Kept with the draft, as listed later.
    const listed = QuestionnaireList.parse((await get(server, '/api/coordinator/questionnaires', { cookie })).body).drafts.find((d) => d.draftId === draft.draftId);
    expect(listed?.warnings).toEqual(draft.warnings);
  });

  it('gives a draft whose version is taken the next version, and says which the file named', async () => {
    const def = shipped('sipas-citizen-v2.json');
    const created = await upload(asXls(writeWorkbook(exportXlsform(def))), 'sipas.xls', 'application/vnd.ms-excel');
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const draft = QuestionnaireDraftSummary.parse(created.body);
    // Versions 1 to 3 are shipped: the file's version 2 is taken, so the draft is the next one, 4.
    expect(draft).toMatchObject({ id: 'sipas-citizen', version: 4, versionInFile: 2, format: 'xls' });
    const published = QuestionnairePublished.parse((await postAs(`/api/coordinator/questionnaires/drafts/${draft.draftId}/publish`)).body);
    expect(published.questionnaire.version).toBe(4);
    // Another server process of the same database, started before or after, serves it too.
    const other = await createServer({ database: server.database, catalog: loadCatalog(DEFINITIONS_DIR) });
    try {
      const r = await other.inject({ method: 'GET', url: '/api/definitions' });
      expect(DefinitionList.parse(r.json()).definitions.map((d) => `${d.id}@${d.version}`)).toContain('sipas-citizen@4');
      expect((await other.inject({ method: 'GET', url: '/api/definitions/sipas-citizen/4' })).statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('retires a version: listed as retired, and interviews begun on it still stored', async () => {
    const retired = await postAs('/api/coordinator/questionnaires/sipas-citizen/1/retire');
    expect(QuestionnairePublished.parse(retired.body).questionnaire).toMatchObject({ id: 'sipas-citizen', version: 1, retired: true });
    const list = DefinitionList.parse((await get(server, '/api/definitions')).body);
    expect(list.definitions.find((d) => d.id === 'sipas-citizen' && d.version === 1)).toMatchObject({ retired: true });
    const { token } = await server.enrolDevice('Trần Thị B');
    const item = validSipasSubmission();
    const r = await post(server, '/api/submissions', { items: [item] }, { token });
    expect(SubmitResponse.parse(r.body).results).toEqual([{ id: item.id, status: 'stored' }]);
    const back = await postAs('/api/coordinator/questionnaires/sipas-citizen/1/reinstate');
    expect(QuestionnairePublished.parse(back.body).questionnaire.retired).toBe(false);
    expect((await postAs('/api/coordinator/questionnaires/sipas-citizen/99/retire')).status).toBe(404);
  });

  it('refuses a spreadsheet with every problem located (sheet, row, column) in Vietnamese and English, and keeps nothing', async () => {
    const book = exportXlsform({ ...shipped('papi-citizen.json'), id: 'papi-loi' });
    const survey = book.sheets.survey!;
    const header = survey[0]!;
    const relevant = header.indexOf('relevant');
    survey[3]![relevant] = "pulldata('x', 'y', 'z', 'w') = '1'";
    survey[5]![header.indexOf('type')] = 'begin_repeat';
    const before = QuestionnaireList.parse((await get(server, '/api/coordinator/questionnaires', { cookie })).body).drafts.length;
    const r = await upload(writeWorkbook(book), 'papi-loi.xlsx');
    expect(r.status).toBe(422);
    const body = r.body as { error: { code: string; details: { sheet?: string; row?: number; column?: string; message: string; messageVi?: string }[] } };
    expect(body.error.code).toBe('invalid_definition');
    expect(body.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: 'survey', row: 4, column: 'relevant', message: expect.stringContaining('pulldata') }),
        expect.objectContaining({ sheet: 'survey', row: 6, column: 'type', message: expect.stringContaining('repeat') }),
      ]),
    );
    for (const d of body.error.details) expect(d.messageVi).toEqual(expect.any(String));
    expect(QuestionnaireList.parse((await get(server, '/api/coordinator/questionnaires', { cookie })).body).drafts.length).toBe(before);
  });

  it('refuses a JSON definition with the path of each problem', async () => {
    const def = { ...shipped('par-delegates.json'), id: 'par-json' } as Record<string, unknown>;
    delete def.title;
    const r = await upload(JSON.stringify(def), 'par.json', 'application/json');
    expect(r.status).toBe(422);
    expect((r.body as { error: { details: { path: string }[] } }).error.details).toContainEqual(expect.objectContaining({ path: 'title' }));
    const ok = await upload(JSON.stringify({ ...shipped('par-delegates.json'), id: 'par-json' }), 'par.json', 'application/json');
    expect(ok.status).toBe(201);
  });

  it('says the problems of a hand-written JSON definition in Vietnamese: its shape and what the engine finds', async () => {
    const shape = { ...shipped('par-delegates.json'), id: 'par-vi', extra: 1 } as Record<string, unknown>;
    delete shape.title;
    const r = await upload(JSON.stringify(shape), 'par.json', 'application/json');
    expect(r.status).toBe(422);
    const details = (r.body as { error: { details: { path: string; message: string; messageVi?: string }[] } }).error.details;
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'title', messageVi: 'thiếu giá trị (cần một đối tượng { … })' }),
        expect.objectContaining({ path: '(top level)', messageVi: 'có trường không dùng được ở đây: “extra”' }),
      ]),
    );
    for (const d of details) expect(untranslated(d.messageVi), d.message).toBeUndefined();

    const def = shipped('par-delegates.json') as Definition;
    const first = def.sections[0]!.questions[0]!;
    const engine = { ...def, id: 'par-vi', sections: [{ ...def.sections[0]!, questions: [{ ...first, visibleIf: { q: 'ghost', answered: true } }, ...def.sections[0]!.questions.slice(1)] }, ...def.sections.slice(1)] };
    const e = await upload(JSON.stringify(engine), 'par.json', 'application/json');
    expect(e.status).toBe(422);
    const found = (e.body as { error: { details: { path: string; message: string; messageVi?: string }[] } }).error.details;
    expect(found).toEqual([expect.objectContaining({ path: 'sections[0].questions[0].visibleIf.q', message: 'unknown question "ghost"', messageVi: 'không có câu hỏi “ghost”' })]);
  });

  it('refuses damaged and foreign files with 422, never a 5xx', async () => {
    const good = writeWorkbook(exportXlsform(shipped('sipas-citizen.json')));
    const cases: [string, Buffer][] = [
      ['empty', Buffer.alloc(0)],
      ['text', Buffer.from('xin chào')],
      ['truncated xlsx', good.subarray(0, Math.floor(good.length / 2))],
      ['zip header only', Buffer.from('PK\x03\x04garbage')],
      ['OLE header only', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600, 7)])],
      ['broken JSON', Buffer.from('{"id": ')],
      ['a spreadsheet with no survey sheet', writeWorkbook({ sheets: { Sheet1: [['a'], ['b']] } })],
      // The spreadsheet parser never returns on this one: refused when the reading thread's time is up.
      ['a file the parser never finishes', readFileSync(join(import.meta.dirname, 'files/parser-never-returns.xlsx'))],
    ];
    for (let i = 0; i < 12; i += 1) {
      const copy = Buffer.from(good);
      for (let k = 0; k < 20; k += 1) copy[(i * 7919 + k * 104729) % copy.length] = (i * 31 + k) & 0xff;
      cases.push([`damaged copy ${i}`, copy]);
    }
    for (const [what, bytes] of cases) {
      const r = await upload(bytes, `${what}.xlsx`);
      // A damaged copy may still read as the questionnaire it was (bytes in unused places).
      expect([what, [201, 422].includes(r.status) && (r.status === 201 || errorCode({ status: r.status, headers: new Headers(), body: r.body, text: '' }) === 'invalid_definition')]).toEqual([what, true]);
      if (!what.startsWith('damaged')) expect([what, r.status]).toEqual([what, 422]);
    }
    // Meanwhile the server answered: nothing was blocked.
    expect((await get(server, '/api/health')).status).toBe(200);
  }, 180_000);

  it('downloads every version as an XLSForm that imports back to the same questionnaire', async () => {
    for (const [file, id, version] of [['papi-citizen.json', 'papi-citizen', 1], ['par-delegates.json', 'par-delegates', 1]] as const) {
      const res = await fetch(`${server.url}/api/coordinator/questionnaires/${id}/${version}.xlsx`, { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(XLSX_TYPE);
      const back = importXlsform(readWorkbook(Buffer.from(await res.arrayBuffer())));
      if (!back.ok) expect.fail(JSON.stringify(back.problems.slice(0, 3)));
      expect(back.definition).toEqual(shipped(file));
    }
    expect((await get(server, '/api/coordinator/questionnaires/papi-citizen/7.xlsx', { cookie })).status).toBe(404);
  });

  it('is for coordinators only', async () => {
    expect((await upload(Buffer.from('{}'), 'x.json', 'application/json', false)).status).toBe(401);
    expect((await get(server, '/api/coordinator/questionnaires')).status).toBe(401);
    expect((await get(server, '/api/coordinator/questionnaires/papi-citizen/1.xlsx')).status).toBe(401);
  });
});
