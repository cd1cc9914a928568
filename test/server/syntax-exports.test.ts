// @vitest-environment node
/**
 * SPSS and Stata files through the export route, and who may download what: the `.sps` and `.do`
 * are named for the CSV they read and recorded like every download; interview-level exports are
 * an administrator's (a coordinator is refused in both languages and still gets the scores); and,
 * when PSPP is installed, the `.sps` is run on the downloaded CSV and every variable label, value
 * label and value arrives as it should, Vietnamese text included.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Definition } from '../../src/survey';
import { loadCatalog } from '../../src/server/definitions/catalog';
import { dictionaryOf, fitLabel, labelText, truncate, uniqueNames } from '../../src/server/exports/dictionary';
import { SPSS_LIMITS } from '../../src/server/exports/spss';
import { loginAsCoordinator, startWithCoordinator } from './coordinator-session';
import { parseCsv } from './csv';
import { validSipasSubmission } from './fixtures';
import { describeEachDatabase } from './harness';
import type { TestServer } from './harness';
import { errorCode, get, post } from './http';
import { definitionsWithSyntaxEdge, LONG_OPTION, syntaxEdgeSubmissions } from './syntax-fixtures';

/** PSPP, the free program that runs SPSS syntax (`apt-get install pspp`), when installed. */
const PSPP = spawnSync('sh', ['-c', 'command -v pspp']).status === 0;
const PSPP_NOTE = PSPP ? '' : ' (PSPP not installed: apt-get install -y --no-install-recommends pspp)';
if (!PSPP) console.warn(`syntax-exports.test.ts: the .sps is not run${PSPP_NOTE}`);

/** PSPP's CSV output: table title → its rows. */
function psppTables(text: string): Map<string, string[][]> {
  const tables = new Map<string, string[][]>();
  for (const block of text.split(/\n\s*\n/)) {
    const [title, ...rest] = block.replace(/^\n+/, '').split('\n');
    const m = /^"?Table: (.*?)"?$/.exec(title ?? '');
    if (!m) continue;
    const rows = parseCsv(rest.join('\r\n') + '\r\n').filter((r) => r.length > 1 || r[0] !== '');
    const name = m[1]!.replace(/""/g, '"');
    tables.set(tables.has(name) ? `${name} (${tables.size})` : name, rows);
  }
  return tables;
}

/** Runs `commands` after the downloaded `.sps`, in a folder holding it and the CSV: PSPP's tables, and what it said besides. */
function runPspp(files: Record<string, Buffer>, sps: string, commands: string): { tables: Map<string, string[][]>; said: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pspp-'));
  try {
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    writeFileSync(join(dir, 'check.sps'), `INSERT FILE='${sps}' ENCODING='UTF8'.\nSET TVARS=NAMES.\n${commands}\n`);
    const run = spawnSync('pspp', ['-O', 'format=csv', '-o', 'out.csv', 'check.sps'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr + run.stdout).toBe(0);
    return { tables: psppTables(readFileSync(join(dir, 'out.csv'), 'utf8')), said: run.stdout + run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describeEachDatabase('SPSS and Stata exports, and who may export what', (database) => {
  let server: TestServer;
  let admin: string;
  let coordinator: string;
  let definitions: ReturnType<typeof definitionsWithSyntaxEdge> | undefined;
  let edge: Definition;
  const sipas = [
    validSipasSubmission({ answers: { comment: 'Hai dòng:\nmột, "hai"', occupation: 'other', occupation__other: "Thợ 'may'" } }),
    validSipasSubmission({ stratum: 'bo-trach', lang: 'en', answers: { improvePriorities: ['no-opinion'] } }),
  ];

  beforeAll(async () => {
    definitions = definitionsWithSyntaxEdge();
    edge = loadCatalog(definitions.dir).get('syntax-edge', 1)!.definition;
    ({ server, cookie: admin } = await startWithCoordinator({ database, definitionsDir: definitions.dir }));
    coordinator = await loginAsCoordinator(server, 'lan.nguyen');
    const device = await server.enrolDevice('Nguyễn Thị "Xuất", Đội 2');
    for (const item of [...syntaxEdgeSubmissions(), ...sipas]) {
      const r = await post(server, '/api/submissions', { items: [item] }, { token: device.token });
      expect([r.status, r.text]).toEqual([200, expect.stringContaining('"stored"')]);
    }
  });
  afterAll(async () => {
    await server?.close();
    definitions?.remove();
  });

  const download = async (path: string, cookie = admin) => {
    const res = await fetch(server.url + path, { headers: { cookie } });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  it('downloads the .sps and .do named for the CSV they read, each recorded like every download', async () => {
    const sps = await download('/api/coordinator/exports/syntax-edge/1.sps');
    expect(sps.status).toBe(200);
    expect(sps.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(sps.headers.get('content-disposition')).toBe('attachment; filename="syntax-edge-v1.sps"');
    const spsText = sps.bytes.toString('utf8');
    expect(spsText.startsWith('\uFEFF* Cú pháp SPSS đọc tệp syntax-edge-v1.csv')).toBe(true);
    expect(spsText).toContain("/FILE='syntax-edge-v1.csv'");
    expect(spsText).toContain("'Hoàn toàn không đồng ý'");

    const doFile = await download('/api/coordinator/exports/syntax-edge/1.do?labels=en');
    expect(doFile.headers.get('content-disposition')).toBe('attachment; filename="syntax-edge-v1-labels-en.do"');
    const doText = doFile.bytes.toString('utf8');
    expect(doText).toContain('* Stata do-file reading syntax-edge-v1.csv');
    expect(doText).toContain('import delimited using "syntax-edge-v1.csv"');
    expect(doText).toContain('`"Strongly disagree"\'');

    expect((await download('/api/coordinator/exports/syntax-edge/1.sps?labels=fr')).status).toBe(400);
    for (const path of ['/api/coordinator/exports/syntax-edge/1.scores.sps', '/api/coordinator/exports/syntax-edge/2.do', '/api/coordinator/exports/syntax-edge/1.sav'])
      expect((await download(path)).status, path).toBe(404);

    const audit = (await get(server, '/api/coordinator/audit?action=export.downloaded&limit=500', { cookie: admin })).body as { entries: { actor: string; target: string; detail?: Record<string, unknown> }[] };
    expect(audit.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: 'dieuphoi', target: 'questionnaire:syntax-edge@1', detail: { file: 'syntax-edge-v1.sps', format: 'sps' } }),
        expect.objectContaining({ actor: 'dieuphoi', target: 'questionnaire:syntax-edge@1', detail: { file: 'syntax-edge-v1-labels-en.do', format: 'do', labels: 'en' } }),
      ]),
    );
  });

  it('refuses interview-level exports to a coordinator, saying why in both languages, and gives the scores', async () => {
    for (const file of ['1.csv', '1.csv?labels=vi', '1.xlsx', '1.json', '1.sps', '1.do?labels=en']) {
      const r = await get(server, `/api/coordinator/exports/sipas-citizen/${file}`, { cookie: coordinator });
      expect([r.status, errorCode(r)], file).toEqual([403, 'forbidden']);
      expect((r.body as { error: { message: string; details: unknown[] } }).error).toMatchObject({
        message: expect.stringContaining('Only an administrator can download interview-level data'),
        details: [{ path: 'role', message: expect.stringContaining('administrator'), messageVi: expect.stringContaining('Chỉ quản trị viên mới được tải dữ liệu từng phiếu') }],
      });
    }
    for (const file of ['1.scores.csv', '1.scores.json', '1.scores.csv?labels=en']) {
      const r = await download(`/api/coordinator/exports/sipas-citizen/${file}`, coordinator);
      expect(r.status, file).toBe(200);
    }
    // What was refused took nothing out and is not in the trail; the scores are.
    const audit = (await get(server, '/api/coordinator/audit?action=export.downloaded&actor=lan.nguyen&limit=500', { cookie: admin })).body as { entries: { detail: { file: string } }[] };
    expect(audit.entries.map((e) => e.detail.file).sort()).toEqual(['sipas-citizen-v1-scores-labels-en.csv', 'sipas-citizen-v1-scores.csv', 'sipas-citizen-v1-scores.json'].sort());
    // An administrator gets them all.
    for (const file of ['1.csv', '1.xlsx', '1.json', '1.sps', '1.do']) expect((await download(`/api/coordinator/exports/sipas-citizen/${file}`)).status, file).toBe(200);
  });

  it.skipIf(!PSPP)(`runs the .sps in PSPP on the downloaded CSV: every variable label, value label and value arrives${PSPP_NOTE}`, async () => {
    const catalog = loadCatalog(definitions!.dir);
    for (const [id, lang] of [
      ['syntax-edge', 'vi'],
      ['sipas-citizen', 'en'],
    ] as const) {
      const def = id === 'syntax-edge' ? edge : catalog.get(id, 1)!.definition;
      const csv = (await download(`/api/coordinator/exports/${id}/1.csv`)).bytes;
      const sps = (await download(`/api/coordinator/exports/${id}/1.sps${lang === 'en' ? '?labels=en' : ''}`)).bytes;
      const dictionary = dictionaryOf(def);
      const names = uniqueNames(
        dictionary.variables.map((v) => v.column),
        SPSS_LIMITS.name,
      );
      const frequencies = id === 'syntax-edge' ? 'FREQUENCIES VARIABLES=danhGia_so_noi_vu dong.\n' : '';
      const { tables, said } = runPspp({ [`${id}-v1.csv`]: csv, [`${id}.sps`]: sps }, `${id}.sps`, `DISPLAY DICTIONARY.\n${frequencies}LIST.`);
      expect(said, id).not.toMatch(/warning|error/i);

      // Every variable, in order, with its label.
      const variables = tables.get('Variables')!;
      const header = variables[0]!;
      const rows = variables.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!])));
      expect(rows.map((r) => r.Name), id).toEqual(names);
      dictionary.variables.forEach((v, i) => expect(rows[i]!.Label, `${id} ${v.column}`).toBe(fitLabel(v.label, lang, SPSS_LIMITS.variableLabel, 'bytes')));

      // Every value label of every labelled variable, each set's for every variable on it.
      const valueLabels = new Map<string, [string, string][]>();
      let current = '';
      for (const [variable, value, label] of tables.get('Value Labels')!.slice(1)) {
        if (variable) current = variable;
        valueLabels.set(current, [...(valueLabels.get(current) ?? []), [value!, label!]]);
      }
      for (const v of dictionary.variables) {
        const name = names[v.position - 1]!;
        if (!v.labels) {
          expect(valueLabels.has(name), `${id} ${name}`).toBe(false);
          continue;
        }
        const expected = v.labels.values.map((x) => [String(x.value), truncate(labelText(x.label[lang]), SPSS_LIMITS.valueLabel, 'bytes')]);
        expect([...(valueLabels.get(name) ?? [])].sort(), `${id} ${name}`).toEqual([...expected].sort());
      }

      // Every value of every interview, as in the CSV.
      const [csvHeader, ...csvRows] = parseCsv(csv.toString('utf8').replace(/^\uFEFF/, ''));
      const listed = tables.get('Data List')!;
      expect(listed[0], id).toEqual(names);
      expect(listed.length - 1, id).toBe(csvRows.length);
      expect(csvHeader).toEqual(dictionary.variables.map((v) => v.column));
      listed.slice(1).forEach((row, r) =>
        dictionary.variables.forEach((v, c) => {
          const inCsv = csvRows[r]![c]!;
          const read = row[c]!;
          if (v.numeric) expect(read.trim() === '.' ? '' : Number(read), `${id} row ${r} ${v.column}`).toEqual(inCsv === '' ? '' : Number(inCsv));
          else expect(read, `${id} row ${r} ${v.column}`).toBe(inCsv.trimEnd());
        }),
      );

      if (id === 'sipas-citizen') {
        // The two-line comment is one value on one line; the English labels arrived.
        expect(listed.slice(1).map((row) => row[names.indexOf('comment')])).toContain('Hai dòng: một, "hai"');
        expect(valueLabels.get('c1_location')).toContainEqual(['5', 'Very satisfied']);
        continue;
      }
      // The awkward questionnaire: Vietnamese labels, quotes and the long ones cut within the limits.
      const byName = new Map(rows.map((r) => [r.Name, r.Label]));
      expect(byName.get('q_a')).toBe("Câu hỏi 'A'");
      expect(byName.get('v_in')).toBe('Ông/Bà có biết "Chỉ số" không?');
      expect(byName.get('danhGia_so_noi_vu')).toMatch(/^Ông\/Bà đánh giá thế nào .* — Sở Nội vụ "tỉnh"$/);
      expect(Buffer.byteLength(byName.get(names.find((n) => n.startsWith('mucDo'))!)!)).toBeLessThanOrEqual(SPSS_LIMITS.variableLabel);
      expect(valueLabels.get('nhanDai')).toContainEqual(['1', truncate(LONG_OPTION.vi, SPSS_LIMITS.valueLabel, 'bytes')]);
      expect(valueLabels.get('q_a')).toContainEqual(["'-dk", 'Không biết "rõ"']);
      expect(valueLabels.get('stratum')).toEqual(valueLabels.get('noi'));
      expect(valueLabels.get('stratum')).toContainEqual(["o'brien", "Thôn O'Brien"]);
      // Frequencies: counted from the interviews sent, shown with their labels.
      const frequency = (name: string) =>
        new Map(
          [...tables.entries()]
            .find(([title]) => title === name || title.startsWith(`${name} (`))![1]
            .filter((r) => r[0] === 'Valid' || r[0] === '')
            .map((r) => [r[1]!, Number(r[2])]),
        );
      const rated = frequency('danhGia_so_noi_vu');
      expect([rated.get('Hoàn toàn đồng ý'), rated.get('Hoàn toàn không đồng ý'), rated.get('Không đồng ý')]).toEqual([2, 1, 1]);
      const odd = frequency('dong');
      expect([odd.get('Nói "chào"'), odd.get("Của 'họ'"), odd.get('Ký hiệu $ và `')]).toEqual([1, 1, 1]);
    }
  }, 120_000);
});
