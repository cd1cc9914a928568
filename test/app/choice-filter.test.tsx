/**
 * A cascading select in the form: the commune question offers only the communes of the province
 * chosen, says to answer the province first, and loses a commune the new province does not have.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { def, opt, section, single, text } from '../survey/fixtures';
import { BY_PROVINCE, commune, province } from '../survey/choice-filter-fixtures';
import { openInterview, question, resetDevice, stored } from './helpers';

const survey = def({ sections: [section('place', [province({ required: true }), commune({ required: true }), single('mood', ['up', 'down'])]), section('end', [text('comment')])] });

const user = userEvent.setup();
/** Waits for the frame after a tap to be painted: radios hand their answer to the form then. */
const painted = () => act(() => new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0))));
const tap = async (el: HTMLElement) => {
  await user.click(el);
  await painted();
};
const radio = (qid: string, label: string) => within(question(qid)).getByRole('radio', { name: label });
const offered = (qid: string) => within(question(qid)).queryAllByRole('radio').map((r) => (r as HTMLInputElement).value);

beforeEach(resetDevice);

describe('a commune filtered by its province', () => {
  it('asks for the province first, then offers its communes only, and clears a commune of the province left', async () => {
    const { record } = await openInterview(survey);
    expect(offered('commune')).toEqual([]);
    expect(within(question('commune')).getByText('Hãy trả lời câu “question province (vi)” trước.')).toBeTruthy();

    await tap(radio('province', 'option quang-tri (vi)'));
    expect(offered('commune')).toEqual(['dong-ha', 'gio-linh']);
    expect(within(question('commune')).queryByText(/Hãy trả lời câu/)).toBeNull();
    await tap(radio('commune', 'option gio-linh (vi)'));
    await stored(record.id, (r) => r.answers.commune === 'gio-linh');

    await tap(radio('province', 'option quang-binh (vi)'));
    expect(offered('commune')).toEqual(['dong-hoi', 'ba-don', 'le-thuy']);
    expect(within(question('commune')).queryAllByRole('radio', { checked: true })).toHaveLength(0);
    const saved = await stored(record.id, (r) => r.answers.province === 'quang-binh');
    expect(saved.answers).toEqual({ province: 'quang-binh' });

    // The commune is required again, and the new province's communes are answered as usual.
    await user.click(screen.getByRole('button', { name: /Tiếp theo/ }));
    expect(within(question('commune')).getByText('Vui lòng trả lời câu hỏi này.')).toBeTruthy();
    await tap(radio('commune', 'option ba-don (vi)'));
    await stored(record.id, (r) => r.answers.commune === 'ba-don');
  });

  it('says it in English too', async () => {
    await openInterview(survey);
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(within(question('commune')).getByText('Answer “question province” first.')).toBeTruthy();
  });

  it('renders the commune again when the province changes, not when another question is answered', async () => {
    const { renders } = await openInterview(survey);
    renders.clear();
    await tap(radio('mood', 'option up (vi)'));
    expect(renders.get('commune')).toBeUndefined();
    await tap(radio('province', 'option quang-tri (vi)'));
    expect(renders.get('commune')).toBeGreaterThan(0);
    expect(renders.get('mood')).toBeUndefined();
  });

  it('works as a dropdown of hundreds of communes', async () => {
    const communes = Array.from({ length: 600 }, (_, i) => opt(`c${i}`, { data: { province: i % 2 === 0 ? 'quang-tri' : 'quang-binh' } }));
    const big = def({
      sections: [section('place', [province({ layout: 'dropdown' }), single('commune', communes, { layout: 'dropdown', choiceFilter: BY_PROVINCE })])],
    });
    const { record } = await openInterview(big);
    const select = (qid: string) => within(question(qid)).getByRole('combobox');
    const choices = () => [...(select('commune') as HTMLSelectElement).options].map((o) => o.value);
    expect(within(question('commune')).queryByRole('combobox')).toBeNull();
    expect(within(question('commune')).getByText('Hãy trả lời câu “question province (vi)” trước.')).toBeTruthy();

    await user.selectOptions(select('province'), 'quang-tri');
    expect(choices()).toHaveLength(301);
    expect(choices().slice(0, 3)).toEqual(['', 'c0', 'c2']);
    await user.selectOptions(select('commune'), 'c598');
    await stored(record.id, (r) => r.answers.commune === 'c598');

    await user.selectOptions(select('province'), 'quang-binh');
    expect(choices().slice(0, 3)).toEqual(['', 'c1', 'c3']);
    expect((select('commune') as HTMLSelectElement).value).toBe('');
    const saved = await stored(record.id, (r) => r.answers.province === 'quang-binh');
    expect(saved.answers).toEqual({ province: 'quang-binh' });
  });
});
