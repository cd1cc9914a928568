/**
 * A questionnaire in further languages on the device: the interview's language is any of the
 * questionnaire's (Vietnamese, English, Khmer…), chosen when it starts or switched in the form;
 * the questionnaire's texts show in it (falling back where a text lacks it) while the app's own
 * texts stay in the interface language, Vietnamese or English.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/app/App';
import { navigate } from '../../src/app/router';
import { cacheDefinition, listRecords, startInterview } from '../../src/store';
import type { Definition, IntegerQuestion } from '../../src/survey';
import { THREE_LANGUAGES } from '../survey/three-languages';
import { openInterview, question, resetDevice, stored } from './helpers';

/** The three-language questionnaire, its one group without strata (the form alone is under test). */
const KHMER: Definition = { ...THREE_LANGUAGES, respondentGroups: [{ id: 'citizens', label: THREE_LANGUAGES.respondentGroups[0]!.label }] };

const user = userEvent.setup();
const heading = () => screen.getByRole('heading', { level: 2 }).textContent;
const painted = () => act(() => new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0))));
const switcher = () => screen.getByRole('group', { name: /Ngôn ngữ của phiếu|Language of the questionnaire/ });

beforeEach(async () => {
  await resetDevice();
  navigate('/', { replace: true });
});

describe('an interview in another language than Vietnamese and English', () => {
  it('the form offers the questionnaire’s languages and switches its texts to Khmer, its own texts staying Vietnamese', async () => {
    const { record, completed } = await openInterview(KHMER);
    expect(heading()).toBe('Thông tin chung');
    expect(within(switcher()).getAllByRole('button').map((b) => b.textContent)).toEqual(['Tiếng Việt', 'English', 'ភាសាខ្មែរ (km)']);

    await user.click(within(switcher()).getByRole('button', { name: 'ភាសាខ្មែរ (km)' }));
    expect(heading()).toBe('ព័ត៌មានទូទៅ');
    expect(within(switcher()).getByRole('button', { name: 'ភាសាខ្មែរ (km)' })).toHaveAttribute('aria-pressed', 'true');
    expect(question('gioi')).toHaveAccessibleName(/^ភេទ/);
    expect(within(question('gioi')).getByRole('radio', { name: 'ស្រី' })).toBeTruthy();
    expect(within(question('gioi')).getByText('ជ្រើសរើសមួយ')).toBeTruthy();
    expect(within(question('tuoi')).getByText('ឆ្នាំ')).toBeTruthy();
    // The questions are marked as Khmer; the app's own texts stay Vietnamese.
    expect(question('gioi').closest('[lang]')).toHaveAttribute('lang', 'km');
    expect(screen.getByRole('button', { name: /Tiếp theo/ })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('ការស្ទង់មតិប្រជាពលរដ្ឋ');
    expect((await stored(record.id, (r) => r.lang === 'km')).lang).toBe('km');

    // The questionnaire's own messages in Khmer; the app's own in the interface language.
    await user.click(screen.getByRole('button', { name: /Tiếp theo/ }));
    expect(within(question('gioi')).getByText('សូមជ្រើសរើសភេទ')).toHaveAttribute('lang', 'km');
    await user.type(within(question('tuoi')).getByRole('textbox'), '12');
    await user.click(screen.getByRole('button', { name: /Tiếp theo/ }));
    expect(within(question('tuoi')).getByText('ចាប់ពី ១៨ ឆ្នាំ')).toBeTruthy();
    await user.type(within(question('dien_thoai')).getByRole('textbox'), '12');
    await user.click(screen.getByRole('button', { name: /Tiếp theo/ }));
    expect(within(question('dien_thoai')).getByText('លេខ ១០ ខ្ទង់')).toBeTruthy();

    // English switches both the questionnaire and the interface; Khmer again leaves the interface English.
    await user.click(within(switcher()).getByRole('button', { name: 'English' }));
    expect(heading()).toBe('About you');
    expect(within(question('gioi')).getByText('Choose a sex')).toBeTruthy();
    await user.click(within(switcher()).getByRole('button', { name: 'ភាសាខ្មែរ (km)' }));
    expect(heading()).toBe('ព័ត៌មានទូទៅ');
    expect(screen.getByRole('button', { name: /Next/ })).toBeTruthy();

    await user.click(within(question('gioi')).getByRole('radio', { name: 'ស្រី' }));
    await painted();
    const age = within(question('tuoi')).getByRole('textbox');
    await user.clear(age);
    await user.type(age, '41');
    await user.clear(within(question('dien_thoai')).getByRole('textbox'));
    await user.click(screen.getByRole('button', { name: /Next/ }));
    expect(heading()).toBe('ការវាយតម្លៃ');
    expect(within(question('hai_long')).getByRole('rowheader', { name: 'អាកប្បកិរិយា' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Complete the questionnaire' }));
    await waitFor(() => expect(completed).toHaveLength(1));
    expect(completed[0]).toMatchObject({ status: 'completed', lang: 'km', answers: { gioi: 'nu', tuoi: 41 } });
  });

  it('a text lacking the language shows in the questionnaire’s default language, else in Vietnamese', async () => {
    const partial = JSON.parse(JSON.stringify(KHMER)) as Definition;
    delete partial.sections[0]!.questions[1]!.label.km;
    delete (partial.sections[0]!.questions[1] as IntegerQuestion).unit!.km;
    const record = await startInterview({ definition: partial, respondentGroup: 'citizens', lang: 'km' });
    const first = await openInterview(partial, record);
    expect(heading()).toBe('ព័ត៌មានទូទៅ');
    expect(within(question('tuoi')).getByText('Tuổi')).toBeTruthy();
    expect(within(question('tuoi')).getByText('tuổi')).toBeTruthy();
    first.unmount();

    const english = { ...partial, id: 'ba-ngon-ngu-en', defaultLanguage: 'en' };
    await openInterview(english, await startInterview({ definition: english, respondentGroup: 'citizens', lang: 'km' }));
    expect(within(question('tuoi')).getByText('Age')).toBeTruthy();
    expect(within(question('gioi')).getByRole('radio', { name: 'ប្រុស' })).toBeTruthy();
  });

  it('a draft begun in Khmer reopens in Khmer, the interface as it was', async () => {
    const record = await startInterview({ definition: KHMER, respondentGroup: 'citizens', lang: 'km' });
    await openInterview(KHMER, record);
    expect(heading()).toBe('ព័ត៌មានទូទៅ');
    expect(screen.getByRole('button', { name: /Tiếp theo/ })).toBeTruthy();
    expect(document.documentElement.lang).toBe('vi');
  });

  it('a questionnaire in Vietnamese and English only keeps its two-language switch', async () => {
    const bilingual: Definition = JSON.parse(JSON.stringify(KHMER, (k, v: unknown) => (k === 'km' ? undefined : v))) as Definition;
    await openInterview(bilingual);
    expect(screen.queryByRole('group', { name: /Ngôn ngữ của phiếu/ })).toBeNull();
    expect(within(screen.getByRole('group', { name: 'Ngôn ngữ' })).getAllByRole('button').map((b) => b.textContent)).toEqual(['Tiếng Việt', 'English']);
  });

  it('the start page offers every language of the questionnaire and starts the interview in the one chosen', async () => {
    await cacheDefinition(KHMER);
    render(<App />);
    act(() => navigate('/start/ba-ngon-ngu'));
    const languages = await screen.findByRole('group', { name: 'Ngôn ngữ phỏng vấn' });
    expect(within(languages).getAllByRole('radio').map((r) => r.closest('label')?.textContent)).toEqual(['Tiếng Việt', 'English', 'ភាសាខ្មែរ (km)']);
    await user.click(within(languages).getByRole('radio', { name: 'ភាសាខ្មែរ (km)' }));
    await user.click(screen.getByRole('button', { name: 'Bắt đầu phỏng vấn' }));
    await screen.findByRole('heading', { name: 'ព័ត៌មានទូទៅ', level: 2 });
    expect(screen.getByRole('button', { name: /Tiếp theo/ })).toBeTruthy();
    const [draft] = await listRecords();
    expect(draft).toMatchObject({ surveyId: 'ba-ngon-ngu', lang: 'km', status: 'draft' });
  });
});
