/**
 * The questionnaires in survey-definitions/: every file loads, and the committed JSON Schema is the
 * one the zod schema generates. Iterates over whatever files exist, so new questionnaires are
 * checked as soon as they are added.
 */
import { mkdtempSync, readdirSync, readFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDefinitionFolder } from '../../build/definitions-plugin';
import { campaignJsonSchema, definitionJsonSchema } from '../../scripts/json-schema';
import { loadCampaignFolder } from '../../src/server/campaigns/folder';
import { DefinitionLoadError, formatDefinitionError, parseDefinition } from '../../src/survey/load';
import { COMPARISON_OPERATORS } from '../../src/survey/schema';
import { def, section, single } from './fixtures';

const DIR = join(import.meta.dirname, '../../survey-definitions');
const SCHEMA = join(DIR, 'schema.json');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json') && f !== 'schema.json')
  .sort();

describe('survey-definitions/', () => {
  it('loads every questionnaire without errors', () => {
    let loaded;
    try {
      loaded = loadDefinitionFolder(DIR);
    } catch (e) {
      // show every file, path and problem rather than a bare stack
      if (e instanceof DefinitionLoadError) expect.fail(e.message);
      throw e;
    }
    expect(loaded.map((f) => f.file)).toEqual(files.map((f) => `survey-definitions/${f}`));
  });

  if (files.length > 0) {
    it.each(files)('%s is a valid definition', (f) => {
      const file = `survey-definitions/${f}`;
      const result = parseDefinition(readFileSync(join(DIR, f), 'utf8'), file);
      expect(result.ok ? [] : result.errors.map(formatDefinitionError)).toEqual([]);
    });
  }

  it('schema.json is generated from the zod schema', () => {
    const hint = 'survey-definitions/schema.json is out of date: run `npm run schema` and commit the result';
    expect(existsSync(SCHEMA), hint).toBe(true);
    expect(readFileSync(SCHEMA, 'utf8'), hint).toBe(definitionJsonSchema());
  });

  it('campaigns/schema.json is generated from the zod schema', () => {
    const hint = 'survey-definitions/campaigns/schema.json is out of date: run `npm run schema` and commit the result';
    expect(readFileSync(join(DIR, 'campaigns', 'schema.json'), 'utf8'), hint).toBe(campaignJsonSchema());
    const schema = JSON.parse(campaignJsonSchema()) as { required?: string[] };
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'title', 'start', 'end', 'groups']));
  });

  it('loads every campaign in campaigns/ against the questionnaires', () => {
    const definitions = loadDefinitionFolder(DIR).map((f) => f.definition);
    try {
      const campaigns = loadCampaignFolder(join(DIR, 'campaigns'), 'survey-definitions/campaigns', definitions);
      expect(campaigns.length).toBeGreaterThan(0);
    } catch (e) {
      if (e instanceof DefinitionLoadError) expect.fail(e.message);
      throw e;
    }
  });

  it('the JSON Schema describes the format (sanity)', () => {
    const schema = JSON.parse(definitionJsonSchema()) as { type?: string; required?: string[]; properties?: object };
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'version', 'title', 'respondentGroups', 'sections']));
    expect(Object.keys(schema.properties ?? {})).toContain('$schema');
  });

  it('the JSON Schema gives an editor one exact shape per kind of condition and per method, so a mixture is flagged', () => {
    interface Shape {
      required?: string[];
      additionalProperties?: boolean;
      properties?: Record<string, { const?: string; items?: { $ref?: string }; not?: object }>;
    }
    const defs = (JSON.parse(definitionJsonSchema()) as { $defs: Record<string, { anyOf?: Shape[]; oneOf?: Shape[] } & Shape> }).$defs;
    const conditions = defs.Condition?.anyOf ?? [];
    expect(conditions.map((c) => c.required)).toEqual([['all'], ['any'], ['not'], ...COMPARISON_OPERATORS.map((op) => ['q', op])]);
    expect(conditions.every((c) => c.additionalProperties === false)).toBe(true);

    const methods = (defs.Scoring?.oneOf ?? []).map((m) => [m.properties?.method?.const, m.properties?.components?.items?.$ref]);
    expect(methods).toEqual([
      ['share', '#/$defs/ShareComponent'],
      ['points', '#/$defs/PointsComponent'],
      ['papi', '#/$defs/PapiComponent'],
    ]);
    const forbidden = (id: string) => Object.entries(defs[id]?.properties ?? {}).flatMap(([k, v]) => (v.not ? [k] : []));
    expect([forbidden('ShareComponent'), forbidden('PointsComponent'), forbidden('PapiComponent')]).toEqual([['points', 'parts'], ['parts'], ['items', 'points', 'base']]);
  });
});

describe('loadDefinitionFolder', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  const folder = (contents: Record<string, string>): string => {
    dir = mkdtempSync(join(tmpdir(), 'survey-definitions-'));
    for (const [name, text] of Object.entries(contents)) writeFileSync(join(dir, name), text);
    return dir;
  };
  const survey = (id: string, version = 1) =>
    JSON.stringify(def({ id, version, sections: [section('a', [single('q1', ['yes', 'no'])])] }));

  it('loads the .json files in name order, skipping schema.json and other files', () => {
    const d = folder({ 'b.json': survey('b'), 'a.json': survey('a'), 'schema.json': '{ not a definition', 'notes.md': '# x' });
    const loaded = loadDefinitionFolder(d);
    expect(loaded.map((f) => [f.file, f.definition.id])).toEqual([
      ['survey-definitions/a.json', 'a'],
      ['survey-definitions/b.json', 'b'],
    ]);
  });

  it('loads an empty folder', () => {
    expect(loadDefinitionFolder(folder({}))).toEqual([]);
  });

  it('throws one error listing the problems of every broken file', () => {
    const d = folder({ 'a.json': '{', 'b.json': survey('b'), 'c.json': survey('c').replace('"version":1', '"version":0') });
    let error: unknown;
    try {
      loadDefinitionFolder(d);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DefinitionLoadError);
    const errors = (error as DefinitionLoadError).errors;
    expect(errors).toEqual([
      { file: 'survey-definitions/a.json', path: '(file)', message: expect.stringContaining('not valid JSON'), messageVi: expect.stringContaining('JSON hợp lệ') },
      { file: 'survey-definitions/c.json', path: 'version', message: 'version is a whole number from 1 up', messageVi: 'phiên bản là số nguyên từ 1 trở lên' },
    ]);
    expect((error as Error).message).toContain('survey-definitions/c.json: version: version is a whole number from 1 up');
  });

  it('refuses two files with the same id and version', () => {
    const d = folder({ 'a.json': survey('par'), 'b.json': survey('par'), 'c.json': survey('par', 2) });
    expect(() => loadDefinitionFolder(d)).toThrow(DefinitionLoadError);
    try {
      loadDefinitionFolder(d);
    } catch (e) {
      expect((e as DefinitionLoadError).errors).toEqual([
        { file: 'survey-definitions/b.json', path: 'id', message: 'par@1 is also defined in survey-definitions/a.json' },
      ]);
    }
  });
});
