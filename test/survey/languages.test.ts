/**
 * Questionnaires in further languages than Vietnamese and English: a definition's texts may carry
 * more translations beside vi and en; the definition lists its languages, a text is picked in a
 * language with a fallback (the default language, then Vietnamese, then English), and a language
 * missing from some texts is a note, never a refusal.
 */
import { describe, expect, it } from 'vitest';
import { checkDefinition, translationNotes, MAX_TRANSLATION_NOTES } from '../../src/survey/check';
import { definitionLanguages, textPicker, translationGaps } from '../../src/survey/definition-languages';
import { languageLabel } from '../../src/survey/language-names';
import { pickText } from '../../src/survey/languages';
import { tr } from '../../src/survey/model';
import type { Definition } from '../../src/survey/types';
import { load, untranslated } from './fixtures';
import { THREE_LANGUAGES } from './three-languages';

const clone = (d: Definition): Definition => JSON.parse(JSON.stringify(d)) as Definition;

describe('a definition in three languages', () => {
  it('loads and passes the checks, every translation kept', () => {
    const loaded = load(THREE_LANGUAGES);
    if (!loaded.ok) expect.fail(JSON.stringify(loaded.errors));
    expect(loaded.definition).toEqual(THREE_LANGUAGES);
    expect(loaded.definition.sections[0]!.questions[0]!.label).toEqual({ vi: 'Giới tính', en: 'Sex', km: 'ភេទ' });
    expect(checkDefinition(loaded.definition)).toEqual([]);
    expect(translationNotes(loaded.definition)).toEqual([]);
  });

  it('lists its languages: vi and en first, then the others in the order found', () => {
    const d = clone(THREE_LANGUAGES);
    // A language first named deep in the questionnaire comes after one named in its title.
    d.sections[1]!.questions[1]!.label.hmn = 'Ua tsaug';
    d.title = { km: d.title.km!, en: d.title.en, vi: d.title.vi };
    expect(definitionLanguages(d)).toEqual(['vi', 'en', 'km', 'hmn']);
    expect(definitionLanguages({ ...d, title: { vi: 'A', en: 'A' } })).toEqual(['vi', 'en', 'km', 'hmn']);
  });

  it('finds a language named only in a limit’s own message', () => {
    const d = clone(THREE_LANGUAGES);
    d.sections[1]!.questions.push({ id: 'note_text', type: 'text', label: { vi: 'Ghi chú', en: 'Note' }, maxLength: 10, limitMessage: { vi: 'Tối đa 10 ký tự', en: 'At most 10 characters', tyz: 'Tối đa 10 chữ' } });
    expect(definitionLanguages(d)).toEqual(['vi', 'en', 'km', 'tyz']);
  });

  it('a vi/en definition has only vi and en', () => {
    const d = clone(THREE_LANGUAGES);
    const strip = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(strip) : typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'km').map(([k, v]) => [k, strip(v)])) : value;
    expect(definitionLanguages(strip(d) as Definition)).toEqual(['vi', 'en']);
  });

  it('trims further translations like vi and en', () => {
    const d = clone(THREE_LANGUAGES);
    d.sections[0]!.questions[0]!.label.km = '  ភេទ ';
    const loaded = load(d);
    expect(loaded.ok && loaded.definition.sections[0]!.questions[0]!.label.km).toBe('ភេទ');
  });

  it('takes a default language that its texts carry', () => {
    const loaded = load({ ...THREE_LANGUAGES, defaultLanguage: 'km' });
    if (!loaded.ok) expect.fail(JSON.stringify(loaded.errors));
    expect(loaded.definition.defaultLanguage).toBe('km');
  });
});

describe('picking a text in a language', () => {
  const full = { vi: 'Họ tên', en: 'Name', km: 'ឈ្មោះ' };

  it('gives the requested language when the text has it', () => {
    expect(pickText(full, 'km')).toBe('ឈ្មោះ');
    expect(pickText(full, 'en')).toBe('Name');
    expect(tr(full, 'km')).toBe('ឈ្មោះ');
  });

  it('falls back to the default language, then Vietnamese, then English', () => {
    const withFr = { vi: 'Họ tên', en: 'Name', fr: 'Nom' };
    expect(pickText(withFr, 'km', 'fr')).toBe('Nom');
    expect(pickText(withFr, 'km')).toBe('Họ tên');
    expect(pickText(withFr, 'hmn', 'km')).toBe('Họ tên');
    // A text made in code, not loaded, may have an empty slot: never an empty result while any is not.
    expect(pickText({ vi: '', en: 'Name' }, 'km')).toBe('Name');
    expect(pickText({ vi: 'Họ tên', en: 'Name', km: '' }, 'km')).toBe('Họ tên');
  });

  it('a form picks with its definition’s default language', () => {
    const d: Definition = { ...clone(THREE_LANGUAGES), defaultLanguage: 'km' };
    d.sections[0]!.questions[0]!.label = { vi: 'Giới tính', en: 'Sex', km: 'ភេទ' };
    d.sections[0]!.questions[1]!.label = { vi: 'Tuổi', en: 'Age', km: 'អាយុ', hmn: 'Hnub nyoog' };
    const hmong = textPicker(d, 'hmn');
    expect(hmong(d.sections[0]!.questions[1]!.label)).toBe('Hnub nyoog');
    expect(hmong(d.sections[0]!.questions[0]!.label)).toBe('ភេទ');
    expect(textPicker(THREE_LANGUAGES, 'hmn')(d.sections[0]!.questions[0]!.label)).toBe('Giới tính');
  });

  it('names languages for the device: their own name and code, or the code alone', () => {
    expect(languageLabel('vi')).toBe('Tiếng Việt');
    expect(languageLabel('en')).toBe('English');
    expect(languageLabel('km')).toBe('ភាសាខ្មែរ (km)');
    expect(languageLabel('xyz')).toBe('xyz');
  });
});

describe('a language missing from some texts', () => {
  const partial = (): Definition => {
    const d = clone(THREE_LANGUAGES);
    delete d.sections[0]!.questions[0]!.hint!.km;
    delete d.scales!.sat!.options[1]!.label.km;
    return d;
  };

  it('is valid: those texts fall back, and notes say where, in both languages', () => {
    const loaded = load(partial());
    if (!loaded.ok) expect.fail(JSON.stringify(loaded.errors));
    expect(checkDefinition(loaded.definition)).toEqual([]);
    expect(translationGaps(loaded.definition)).toEqual([
      { lang: 'km', path: ['scales', 'sat', 'options', 1, 'label'] },
      { lang: 'km', path: ['sections', 0, 'questions', 0, 'hint'] },
    ]);
    const notes = translationNotes(loaded.definition);
    expect(notes.map((n) => n.path)).toEqual([
      ['scales', 'sat', 'options', 1, 'label'],
      ['sections', 0, 'questions', 0, 'hint'],
    ]);
    expect(notes[0]!.message).toBe('no translation in ភាសាខ្មែរ (km): this text shows in Vietnamese');
    for (const n of notes) expect(untranslated(n.messageVi)).toBeUndefined();
    expect(textPicker(loaded.definition, 'km')(loaded.definition.sections[0]!.questions[0]!.hint!)).toBe('Chọn một');
  });

  it('says the default language the texts show in', () => {
    const d = { ...partial(), defaultLanguage: 'en' };
    expect(translationNotes(d)[0]!.message).toBe('no translation in ភាសាខ្មែរ (km): this text shows in English');
    expect(translationNotes(d)[0]!.messageVi).toBe('chưa có bản dịch ភាសាខ្មែរ (km): văn bản này hiển thị bằng tiếng Anh');
  });

  it('a language on a few texts only gives at most a bounded number of notes, the last counting the rest', () => {
    const d = clone(THREE_LANGUAGES);
    d.sections[1]!.questions[1]!.label.hmn = 'Ua tsaug';
    const gaps = translationGaps(d).filter((g) => g.lang === 'hmn').length;
    expect(gaps).toBeGreaterThan(MAX_TRANSLATION_NOTES);
    const notes = translationNotes(d);
    expect(notes).toHaveLength(MAX_TRANSLATION_NOTES);
    expect(notes.at(-1)).toMatchObject({ path: [], message: `${gaps - MAX_TRANSLATION_NOTES + 1} more texts have no translation in Hmoob (hmn) (they show in Vietnamese)` });
  });
});
