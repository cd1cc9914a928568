// @vitest-environment node
/**
 * The shipped questionnaires as a whole: they load, every text is in Vietnamese and English, the
 * campaign gives each group a questionnaire written for it, the PAR INDEX forms follow the eight
 * reform domains on one rating scale, SIPAS version 2 keeps everything version 1 asked, the PAPI
 * module covers the eight dimensions, and each carries the scoring its index uses.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefinitionFolder } from '../../build/definitions-plugin';
import { loadCampaignFolder } from '../../src/server/campaigns/folder';
import { campaignsOf } from '../../src/server/campaigns/registry';
import { vietnamToday } from '../../src/server/campaigns/day';
import { checkAnswers, combineScores, totalsOf, countQuestions, isAnswerable, optionsOf, resolve, rowsOf, scoreContributions, stratumQuestion, validateAnswers } from '../../src/survey';
import type { Answers, Definition, Question } from '../../src/survey';
import { sipasAnswers, SIPAS_ID, SIPAS_VERSION, storedAnswers } from '../e2e/sipas';
import { validSipasAnswers, sipasV2Additions } from '../server/fixtures';
import { completeAnswers, DEFINITIONS_DIR, newestShipped, problemsOf, shippedDefinitions, TODAY } from './answer-sets';

const shipped = shippedDefinitions();
const definitions = shipped.map((s) => s.definition);
const byId = (id: string, version?: number): Definition => {
  const found = definitions.filter((d) => d.id === id && (version === undefined || d.version === version)).sort((a, b) => b.version - a.version)[0];
  if (!found) throw new Error(`no ${id}${version !== undefined ? `@${version}` : ''} in survey-definitions/`);
  return found;
};
const questions = (d: Definition): Question[] => d.sections.flatMap((s) => s.questions);
const PAR = ['par-delegates', 'par-department-leaders', 'par-unit-leaders', 'par-district-leaders'];
const campaigns = loadCampaignFolder(join(DEFINITIONS_DIR, 'campaigns'), 'survey-definitions/campaigns', definitions);

const VIETNAMESE_LETTER = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/iu;
const VIETNAMESE_WORD = /(^|[\s(])(của|và|được|những|các|cho|không|trong|Ông\/Bà)(?=[\s,.)]|$)/u;

const words = (text: string): number => text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

interface FoundText {
  path: string;
  vi: unknown;
  en: unknown;
}

/** Every {vi, en} object in a JSON document, with where it is. */
function textsIn(value: unknown, path = ''): FoundText[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => textsIn(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.includes('vi') || keys.includes('en')) return [{ path, vi: record.vi, en: record.en }];
  return keys.flatMap((k) => textsIn(record[k], path ? `${path}.${k}` : k));
}

const jsonFiles = [
  ...readdirSync(DEFINITIONS_DIR).filter((f) => f.endsWith('.json') && f !== 'schema.json'),
  ...readdirSync(join(DEFINITIONS_DIR, 'campaigns'))
    .filter((f) => f.endsWith('.json') && f !== 'schema.json')
    .map((f) => `campaigns/${f}`),
].sort();

describe('survey-definitions/', () => {
  it('every questionnaire and campaign passes the engine’s checks', () => {
    expect(loadDefinitionFolder(DEFINITIONS_DIR).map((f) => `${f.definition.id}@${f.definition.version}`).sort()).toEqual(
      definitions.map((d) => `${d.id}@${d.version}`).sort(),
    );
    expect(campaigns.length).toBeGreaterThan(0);
  });

  it('ships the officials’ four questionnaires (two of them also in their 2026 version), the citizens’ SIPAS survey in three versions and the PAPI module, and nothing else', () => {
    expect(definitions.map((d) => `${d.id}@${d.version}`).sort()).toEqual([
      'papi-citizen@1',
      'par-delegates@1',
      'par-department-leaders@1',
      'par-department-leaders@2',
      'par-district-leaders@1',
      'par-unit-leaders@1',
      'par-unit-leaders@2',
      'sipas-citizen@1',
      'sipas-citizen@2',
      'sipas-citizen@3',
    ]);
  });

  it.each(jsonFiles)('%s has every text in Vietnamese and English', (file) => {
    const texts = textsIn(JSON.parse(readFileSync(join(DEFINITIONS_DIR, file), 'utf8')));
    expect(texts.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const { path, vi, en } of texts) {
      if (typeof vi !== 'string' || vi.trim() === '') problems.push(`${path}: no Vietnamese`);
      if (typeof en !== 'string' || en.trim() === '') problems.push(`${path}: no English`);
      if (typeof vi !== 'string' || typeof en !== 'string') continue;
      // Only names (ethnic groups such as "Kinh") read the same in both languages.
      if (vi === en && words(vi) > 3) problems.push(`${path}: English is a copy of the Vietnamese`);
      if (words(vi) >= 3 && !VIETNAMESE_LETTER.test(vi)) problems.push(`${path}: Vietnamese without diacritics: "${vi}"`);
      if (VIETNAMESE_WORD.test(en)) problems.push(`${path}: Vietnamese words in the English text: "${en}"`);
    }
    expect(problems).toEqual([]);
  });

  it.each(definitions.map((d) => [`${d.id}@${d.version}`, d] as const))(
    '%s: the description (shown when an interview starts) says nothing of scoring; the scoring note does',
    (_name, d) => {
      for (const lang of ['vi', 'en'] as const) expect(d.description?.[lang] ?? '').not.toMatch(/Cách tính|Scoring|điểm tối đa|points/iu);
      if (d.scoringNote) expect(d.scoringNote.en).not.toBe('');
    },
  );

  it.each(definitions.map((d) => [`${d.id}@${d.version}`, d] as const))('%s: “Chưa tốt” is “Not good” in English, as the scale reads (Very good, Good, Not good, Poor)', (_name, d) => {
    const texts = textsIn(d);
    expect(texts.filter((x) => typeof x.en === 'string' && /not yet good/iu.test(x.en)).map((x) => x.path)).toEqual([]);
    for (const x of texts.filter((x) => x.vi === 'Chưa tốt')) expect(x.en, x.path).toBe('Not good');
  });
});

/** The scores of one interview, as the dashboard combines them. */
function scoresOf(d: Definition, answers: Answers) {
  const totals = totalsOf(scoreContributions(d, answers));
  return combineScores(d, totals, 1);
}

describe('scoring', () => {
  it.each(definitions.map((d) => [`${d.id}@${d.version}`, d] as const))('%s: a complete interview has a score on every component', (_name, d) => {
    expect(d.scoring).toBeDefined();
    const report = scoresOf(d, completeAnswers(d));
    expect(report.withData).toBe(report.components.length);
    expect(report.score).not.toBeNull();
    expect(report.score!).toBeGreaterThanOrEqual(0);
    expect(report.score!).toBeLessThanOrEqual(report.max);
  });

  it.each(PAR)('%s: “very good” throughout earns every point; “don’t know” throughout earns no score at all', (id) => {
    const d = byId(id);
    const rated = questions(d).filter((q) => (q.type === 'single' || q.type === 'matrix') && q.scale === 'par4');
    const best = scoresOf(d, completeAnswers(d));
    expect([best.score, best.max]).toEqual([30, 30]);
    const unknown = new Map(
      rated.map((q) => [q.id, q.type === 'matrix' ? Object.fromEntries(rowsOf(d, q).map((r) => [r.value, '9'])) : '9'] as const),
    );
    const answers = completeAnswers(d, unknown);
    expect(problemsOf(d, answers)).toEqual({});
    expect(scoresOf(d, answers).score).toBeNull();
  });
});

describe('the campaigns', () => {
  it.each(campaigns.flatMap((c) => c.campaign.groups.map((g) => [`${c.campaign.id} ${g.id}`, g, c.campaign] as const)))(
    '%s points to a questionnaire that serves the group, in its newest version (an earlier campaign: the version a later one replaced)',
    (_name, group, campaign) => {
      const d = definitions.find((x) => x.id === group.questionnaire.id && x.version === group.questionnaire.version);
      expect(d, `${group.questionnaire.id}@${group.questionnaire.version}`).toBeDefined();
      expect(d!.respondentGroups.map((r) => r.id)).toContain(group.id);
      const newest = newestShipped(group.questionnaire.id).version;
      if (group.questionnaire.version !== newest) {
        // An earlier campaign keeps the version it ran with: a later campaign surveys the group on a newer one.
        const later = campaigns
          .filter((c) => c.campaign.start > campaign.start)
          .flatMap((c) => c.campaign.groups)
          .filter((g) => g.id === group.id && g.questionnaire.id === group.questionnaire.id);
        expect(later.map((g) => g.questionnaire.version), `${campaign.id}: ${group.questionnaire.id}@${group.questionnaire.version}, newest ${newest}`).toContain(newest);
      }
      if (group.parentList !== undefined) expect(d!.lists?.[group.parentList]).toBeDefined();
    },
  );

  it('gives every officials’ group of the default campaign a questionnaire written for that group alone', () => {
    const campaign = campaigns.find((c) => c.campaign.id === 'quang-binh-2021')!.campaign;
    const officials = Object.fromEntries(campaign.groups.filter((g) => g.id !== 'citizen').map((g) => [g.id, g.questionnaire.id]));
    expect(officials).toEqual({
      delegate: 'par-delegates',
      'department-leader': 'par-department-leaders',
      'unit-leader': 'par-unit-leaders',
      'district-leader': 'par-district-leaders',
    });
    for (const [group, id] of Object.entries(officials)) expect(byId(id).respondentGroups.map((g) => g.id)).toEqual([group]);
    expect(campaign.groups.find((g) => g.id === 'citizen')?.questionnaire).toEqual({ id: 'sipas-citizen', version: 2 });
  });
});

const DOMAINS = ['direction', 'legal', 'procedures', 'organisation', 'civil-service', 'finance', 'modernisation', 'impact'];

describe.each(PAR)('%s (PAR INDEX)', (id) => {
  const d = byId(id);
  const rated = questions(d).filter((q) => (q.type === 'single' && q.scale !== undefined && d.scales?.[q.scale]?.options.some((o) => o.missing)) || q.type === 'matrix');

  it('opens with the respondent, then the eight reform domains in order, then comments', () => {
    expect(d.sections.map((s) => s.id)).toEqual([
      'a-respondent',
      'b1-direction',
      'b2-legal',
      'b3-procedures',
      'b4-organisation',
      'b5-civil-service',
      'b6-finance',
      'b7-modernisation',
      'b8-impact',
      'c-comment',
    ]);
    d.sections.slice(1, 9).forEach((s, i) => expect(s.title.vi.startsWith(`B${i + 1}. `)).toBe(true));
    const respondent = d.sections[0]!.questions.map((q) => q.id);
    expect(respondent).toEqual(expect.arrayContaining(['sex', 'ageBand', 'education']));
    // Position or role, and time in post (years, or terms for delegates).
    expect(respondent.some((q) => ['position', 'delegateStatus'].includes(q))).toBe(true);
    expect(respondent.some((q) => ['yearsInPost', 'terms'].includes(q))).toBe(true);
  });

  it('has a realistic length: 40 to 80 questions to answer, a matrix counted once', () => {
    expect(countQuestions(d)).toBeGreaterThanOrEqual(40);
    expect(countQuestions(d)).toBeLessThanOrEqual(80);
    for (const s of d.sections.slice(1, 9)) expect(s.questions.filter((q) => rated.includes(q)).length, s.id).toBeGreaterThanOrEqual(3);
  });

  it('rates everything on one four-level scale with “don’t know” left out of scores', () => {
    expect(new Set(rated.map((q) => (q.type === 'matrix' || q.type === 'single' ? q.scale : '')))).toEqual(new Set(['par4']));
    expect(d.scales?.par4?.options.map((o) => [o.label.vi, o.missing === true])).toEqual([
      ['Rất tốt', false],
      ['Tốt', false],
      ['Chưa tốt', false],
      ['Kém', false],
      ['Không biết', true],
    ]);
  });

  it('rates units over a list: delegates and district leaders rate each department, delegates each district too', () => {
    const matrices = questions(d).flatMap((q) => (q.type === 'matrix' ? [q] : []));
    for (const m of matrices) expect(m.rowsFrom, m.id).toBeDefined();
    const lists = matrices.map((m) => m.rowsFrom).sort();
    const expected: Record<string, string[]> = {
      'par-delegates': ['departments', 'districts'],
      'par-district-leaders': ['departments', 'departments'],
      'par-department-leaders': [],
      'par-unit-leaders': [],
    };
    expect(lists).toEqual(expected[id]);
    if (lists.includes('departments')) expect(d.lists?.departments).toHaveLength(20);
    if (lists.includes('districts')) expect(d.lists?.districts).toHaveLength(8);
  });

  it('scores points per domain: A/B/C/D = 1/0.6/0.2/0, every rated question of a domain counted there, the points stated in the scoring note', () => {
    const scoring = d.scoring!;
    expect(scoring.method).toBe('points');
    expect(scoring.weights).toEqual({ par4: { '1': 1, '2': 0.6, '3': 0.2, '4': 0 } });
    expect(scoring.components.map((c) => c.id)).toEqual(DOMAINS);
    d.sections.slice(1, 9).forEach((s, i) => {
      const singles = s.questions.filter((q) => q.type === 'single' && q.scale === 'par4').map((q) => q.id);
      expect(scoring.components[i]!.items).toEqual(singles);
    });
    const points = scoring.components.map((c) => c.points!);
    expect(points.reduce((a, b) => a + b, 0)).toBe(30);
    // The scoring note (for the compiling office) states them, domain by domain in this order ("…; văn bản quy phạm pháp luật 3,5; …").
    const inOrder = (decimal: string) => new RegExp(points.map((p) => ` ${String(p).replace('.', decimal)}[;.]`).join('.*'), 'u');
    expect(d.scoringNote?.vi).toMatch(inOrder(','));
    expect(d.scoringNote?.vi).toContain('tổng 30 điểm');
    expect(d.scoringNote?.en).toMatch(inOrder('.'));
  });
});

describe('sipas-citizen (SIPAS)', () => {
  const v1 = byId('sipas-citizen', 1);
  const v2 = byId('sipas-citizen', 2);

  it.each([
    ['version 1', 1],
    ['version 2', 2],
  ] as const)('%s: the district asked is the stratum chosen at the start, never another one', (_name, version) => {
    const d = byId('sipas-citizen', version);
    const group = d.respondentGroups.find((g) => g.id === 'citizen')!;
    expect(group.stratumList).toBe('districts');
    expect(stratumQuestion(d, 'citizen')).toMatchObject({ id: 'district', optionsFrom: 'districts', fromStratum: true });
    const answers = version === 1 ? validSipasAnswers() : { ...validSipasAnswers(), ...sipasV2Additions() };
    const stratum = { respondentGroup: 'citizen', stratum: 'ba-don' };
    // The export that showed the problem: stratum ba-don, district answer dong-hoi.
    const refused = checkAnswers(d, { ...answers, district: 'dong-hoi' }, { strict: true, today: TODAY, stratum });
    expect(Object.keys(refused.errors)).toEqual(['district']);
    expect(refused.errors.district).toMatchObject({ code: 'stratumMismatch' });
    expect(refused.errors.district!.message.vi).toContain('Thị xã Ba Đồn');
    expect(refused.errors.district!.message.vi).toContain('Thành phố Đồng Hới');
    // Missing: filled from the stratum, and kept.
    const filled = checkAnswers(d, { ...answers, district: undefined }, { strict: true, today: TODAY, stratum });
    expect(filled.errors).toEqual({});
    expect(filled.kept.district).toBe('ba-don');
    expect(checkAnswers(d, { ...answers, district: 'ba-don' }, { strict: true, today: TODAY, stratum }).errors).toEqual({});
  });

  it('keeps version 1 for interviews begun with it, and version 2 asks everything version 1 asked, the same way', () => {
    expect(v1.version).toBe(1);
    for (const s1 of v1.sections) {
      const s2 = v2.sections.find((s) => s.id === s1.id);
      expect(s2, s1.id).toBeDefined();
      expect(s2!.visibleIf).toEqual(s1.visibleIf);
      expect(s2!.title).toEqual(s1.title);
      for (const q1 of s1.questions) {
        const q2 = s2!.questions.find((q) => q.id === q1.id);
        expect(q2, q1.id).toBeDefined();
        expect(q2).toEqual(q1);
      }
    }
    // Version 1's answers stay valid answers to version 1.
    expect(validateAnswers(v1, validSipasAnswers(), { strict: true, today: TODAY })).toEqual({});
    expect(v2.sections.map((s) => s.id)).toEqual(v1.sections.map((s) => s.id));
  });

  it('shows the feedback component (C5) only to those who gave feedback', () => {
    const c5 = v2.sections.find((s) => s.id === 'c5-feedback')!;
    expect(c5.visibleIf).toEqual({ q: 'feedbackGiven', equals: 'yes' });
    const answers = { ...validSipasAnswers(), ...sipasV2Additions() };
    expect(resolve(v2, answers).sections.has('c5-feedback')).toBe(false);
    expect(resolve(v2, { ...answers, feedbackGiven: 'yes' }).sections.has('c5-feedback')).toBe(true);
  });

  it('asks the procedure or field, about thirty statements on the five components, expectations, priorities and a comment', () => {
    const ids = questions(v2).map((q) => q.id);
    expect(ids).toEqual(expect.arrayContaining(['procedureField', 'procedureName', 'agencyLevel', 'expectChannel', 'onlineBarriers', 'improvePriorities', 'overallSat', 'comment']));
    const statements = questions(v2).filter((q) => q.type === 'single' && q.scale === 'sat5' && q.id !== 'overallSat');
    expect(statements.length).toBeGreaterThanOrEqual(25);
    expect(statements.length).toBeLessThanOrEqual(35);
    expect(v2.scales?.sat5?.options.map((o) => o.label.vi)).toEqual(['Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng']);
  });

  it.each([1, 2])('version %i scores the share satisfied in each of the five components', (version) => {
    const d = byId('sipas-citizen', version);
    const scoring = d.scoring!;
    expect(scoring.method).toBe('share');
    expect(scoring.weights).toEqual({ sat5: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 1 } });
    expect(scoring.components.map((c) => c.id)).toEqual(['access', 'procedure', 'official', 'result', 'feedback']);
    ['c1-access', 'c2-procedure', 'c3-official', 'c4-result', 'c5-feedback'].forEach((sid, i) => {
      const statements = d.sections.find((s) => s.id === sid)!.questions.filter((q) => q.type === 'single' && q.scale === 'sat5').map((q) => q.id);
      expect(scoring.components[i]!.items).toEqual(statements);
    });
  });

  it('the answers the real-browser scenarios give complete the version the home screen starts', () => {
    // The start page starts the version the running campaign assigns (src/app/quota/quota-check.ts
    // campaignPlan), else the newest one: the scenarios fill the newest, so the two must agree.
    expect([SIPAS_ID, SIPAS_VERSION]).toEqual(['sipas-citizen', newestShipped('sipas-citizen').version]);
    const today = vietnamToday();
    const current = campaignsOf(campaigns).current(today)!.campaign;
    const citizens = current.groups.find((g) => g.id === 'citizen' && g.questionnaire.id === SIPAS_ID);
    const running = current.start <= today && today <= current.end;
    if (running && citizens) expect(citizens.questionnaire.version, current.id).toBe(SIPAS_VERSION);
    const started = byId(SIPAS_ID, SIPAS_VERSION);
    for (const n of [0, 1, 2, 3, 4]) {
      const { stratum, sections } = sipasAnswers(n);
      const answers = storedAnswers(sections) as Answers;
      expect(problemsOf(started, answers), `interview ${n}`).toEqual({});
      const shown = started.sections.filter((s) => resolve(started, answers).sections.has(s.id)).map((s) => s.id);
      expect(sections.map(([id]) => id)).toEqual(shown);
      // The strata chosen are in the running campaign's plan (the start page lists them first).
      if (running && citizens) expect((citizens.strata ?? []).filter((s) => s.target > 0).map((s) => s.value), `interview ${n}`).toContain(stratum);
    }
  });

  it('the server fixtures for version 2 are a complete, valid interview', () => {
    expect(problemsOf(v2, { ...validSipasAnswers(), ...sipasV2Additions() })).toEqual({});
  });
});

describe('papi-citizen (PAPI)', () => {
  const d = byId('papi-citizen');
  const dimensions = d.sections.filter((s) => /^d\d-/.test(s.id));

  it('is a short interview over the eight PAPI dimensions', () => {
    expect(dimensions.map((s) => s.id)).toEqual([
      'd1-participation',
      'd2-transparency',
      'd3-accountability',
      'd4-corruption',
      'd5-procedures',
      'd6-services',
      'd7-environment',
      'd8-egovernance',
    ]);
    expect(countQuestions(d)).toBeLessThanOrEqual(70);
    expect(d.respondentGroups.map((g) => g.id)).toEqual(['citizen']);
    // Experience questions refer to the past 12 months.
    expect(questions(d).filter((q) => q.label.vi.includes('12 tháng qua')).length).toBeGreaterThanOrEqual(10);
  });

  it('asks experience, knowledge, agree/disagree statements and service ratings', () => {
    const scales = new Set(questions(d).flatMap((q) => (q.type === 'single' && q.scale !== undefined ? [q.scale] : [])));
    expect([...scales].sort()).toEqual(['agree4', 'agree4Neg', 'quality4', 'resolved3', 'yesno', 'yesnoDk', 'yesnoRefusedNeg']);
    expect(d.scales?.agree4?.options.map((o) => o.label.vi)).toEqual(['Hoàn toàn đồng ý', 'Đồng ý', 'Không đồng ý', 'Hoàn toàn không đồng ý', 'Không biết']);
  });

  it('lets only those who used a procedure or a service rate it', () => {
    const ratings = questions(d).filter((q) => q.type === 'single' && q.scale === 'quality4' && /^(a_|s_hospital|s_school)/.test(q.id));
    expect(ratings.length).toBeGreaterThanOrEqual(8);
    for (const q of ratings) expect(q.visibleIf, q.id).toBeDefined();
  });

  it('scores each dimension 1–10 from two or three equally weighted sub-dimensions', () => {
    const scoring = d.scoring!;
    expect(scoring.method).toBe('papi');
    expect(scoring.components.map((c) => c.id)).toEqual(['participation', 'transparency', 'accountability', 'corruption', 'procedures', 'services', 'environment', 'egovernance']);
    scoring.components.forEach((c, i) => {
      expect(c.parts!.length, c.id).toBeGreaterThanOrEqual(2);
      expect(c.parts!.length, c.id).toBeLessThanOrEqual(3);
      // Each part scores questions of its own dimension.
      const own = new Set(dimensions[i]!.questions.map((q) => q.id));
      for (const p of c.parts!) for (const item of p.items) expect(own.has(item), `${c.id}.${p.id}: ${item}`).toBe(true);
    });
    // A negative statement is reversed: agreeing scores 0.
    expect(scoring.weights.agree4Neg?.['1']).toBe(0);
    expect(scoring.weights.yesnoRefusedNeg?.yes).toBe(0);
  });

  it('scores every rated question of a dimension except those that only route the interview', () => {
    const scored = new Set(d.scoring!.components.flatMap((c) => c.parts!.flatMap((p) => p.items)));
    const routing = new Set(questions(d).flatMap((q) => (q.visibleIf ? [q.visibleIf.q] : [])));
    for (const s of dimensions)
      for (const q of s.questions) {
        if (!isAnswerable(q) || q.type !== 'single' || q.scale === undefined) continue;
        expect(scored.has(q.id) || routing.has(q.id), q.id).toBe(true);
        if (scored.has(q.id)) expect(optionsOf(d, q).some((o) => !o.missing)).toBe(true);
      }
  });
});
