/**
 * The English interface texts are not in the first load: they are a chunk of their own, loaded the
 * first time English is chosen, or before the first render when it was chosen on an earlier visit.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

beforeEach(() => {
  vi.resetModules();
  localStorage.clear();
});

describe('the interface language', () => {
  it('starts in Vietnamese without the English texts, and loads them when English is chosen', async () => {
    const { i18n, setLang } = await import('../../src/app/i18n');
    expect(i18n.language).toBe('vi');
    expect(i18n.hasResourceBundle('en', 'translation')).toBe(false);
    const vietnamese = i18n.t('form.next');
    const switched = setLang('en');
    // Until its texts are here, the interface stays as it was.
    expect(i18n.language).toBe('vi');
    await switched;
    expect(i18n.language).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(i18n.t('form.next')).not.toBe(vietnamese);
    expect(i18n.t('form.next')).toBe((await import('../../src/app/i18n/en')).default.form.next);
    expect(localStorage.getItem('governance-survey.lang')).toBe('en');
    // Back to Vietnamese at once.
    await setLang('vi');
    expect(i18n.t('form.next')).toBe(vietnamese);
  });

  it('keeps the language chosen last when Vietnamese is chosen while English is still loading', async () => {
    const { i18n, setLang } = await import('../../src/app/i18n');
    const english = setLang('en');
    await setLang('vi');
    await english;
    expect(i18n.language).toBe('vi');
    expect(document.documentElement.lang).toBe('vi');
    expect(localStorage.getItem('governance-survey.lang')).toBe('vi');
  });

  it('is English before the first render when English was chosen on an earlier visit', async () => {
    localStorage.setItem('governance-survey.lang', 'en');
    const { i18n, i18nReady } = await import('../../src/app/i18n');
    await i18nReady;
    expect(i18n.language).toBe('en');
    expect(i18n.hasResourceBundle('en', 'translation')).toBe(true);
  });
});
