import { beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getRecord } from '../../src/store';
import { def, section, single, multiple, matrix, integer, decimal, text, date, note, scale, opt, when, t } from '../survey/fixtures';
import { openInterview, question, resetDevice, shown, stored } from './helpers';

const survey = def({
  scales: { agree: scale(['a', 'b', 'c', 'dk']) },
  sections: [
    section('intro', [
      note('welcome'),
      single('employed', ['yes', 'no'], { required: true }),
      single('sector', ['farm', opt('other', { other: true })], { required: true, visibleIf: when('employed', { equals: 'yes' }) }),
      integer('age', { required: true, min: 18, max: 99 }),
    ]),
    section('rating', [
      matrix('depts', 'agree', ['d1', 'd2', 'd3'], { required: true }),
      multiple('improve', ['speed', 'cost', opt('none', { exclusive: true })], { maxSelected: 2 }),
      decimal('fee', { decimals: 2 }),
    ]),
    section('extra', [text('comment')], { visibleIf: when('employed', { equals: 'no' }) }),
    section('last', [single('overall', ['good', 'bad'], { required: true })]),
  ],
});

const user = userEvent.setup();
const radio = (qid: string, label: RegExp | string) => within(question(qid)).getByRole('radio', { name: label });
const next = () => user.click(screen.getByRole('button', { name: /Tiếp theo|Next/ }));
/** Waits for the frame after a tap to be painted: radios hand their answer to the form then. */
const painted = () => act(() => new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0))));
/** A tap on a radio, and the form having taken it (as seen one frame later). */
const tap = async (el: HTMLElement) => {
  await user.click(el);
  await painted();
};
const heading = () => screen.getByRole('heading', { level: 2 }).textContent;

beforeEach(resetDevice);

describe('survey form', () => {
  it('saves each answer to the device right after it changes', async () => {
    const { record } = await openInterview(survey);
    await tap(radio('employed', 'option no (vi)'));
    await user.type(within(question('age')).getByRole('textbox'), '42');
    const saved = await stored(record.id, (r) => r.answers.age === 42);
    expect(saved.answers).toEqual({ employed: 'no', age: 42 });
    // Shown: employed, age, depts, improve, fee, comment (employed = no), overall.
    expect(saved.progress).toEqual({ answered: 2, total: 7 });
  });

  it('offers to clear an optional single choice once chosen, without moving what follows', async () => {
    const optional = def({ sections: [section('s', [single('mood', ['up', 'down']), text('why')])] });
    const { record } = await openInterview(optional);
    const clear = within(question('mood')).getByText('Bỏ chọn');
    // In its place before anything is chosen, but neither shown nor reachable.
    expect(clear.style.visibility).toBe('hidden');
    expect(within(question('mood')).queryByRole('button', { name: 'Bỏ chọn' })).toBeNull();
    await tap(radio('mood', 'option up (vi)'));
    await stored(record.id, (r) => r.answers.mood === 'up');
    expect(within(question('mood')).getByRole('button', { name: 'Bỏ chọn' })).toBe(clear);
    await user.click(clear);
    await stored(record.id, (r) => r.answers.mood === undefined);
    expect(radio('mood', 'option up (vi)')).not.toBeChecked();
    expect(clear.style.visibility).toBe('hidden');
  });

  it('shows a question only when its condition holds and drops the hidden answer', async () => {
    const { record } = await openInterview(survey);
    expect(shown('sector')).toBe(false);
    await tap(radio('employed', 'option yes (vi)'));
    expect(shown('sector')).toBe(true);
    await tap(radio('sector', 'option farm (vi)'));
    await stored(record.id, (r) => r.answers.sector === 'farm');
    await tap(radio('employed', 'option no (vi)'));
    expect(shown('sector')).toBe(false);
    const saved = await stored(record.id, (r) => r.answers.employed === 'no');
    expect(saved.answers).not.toHaveProperty('sector');
    // Shown again, it starts empty: the hidden answer was not kept.
    await tap(radio('employed', 'option yes (vi)'));
    expect(radio('sector', 'option farm (vi)')).not.toBeChecked();
  });

  it('asks to specify “other” and requires the text', async () => {
    await openInterview(survey);
    await tap(radio('employed', 'option yes (vi)'));
    await tap(radio('sector', 'option other (vi)'));
    const specify = within(question('sector')).getByLabelText('Ghi rõ');
    await user.type(within(question('age')).getByRole('textbox'), '30');
    await next();
    expect(within(question('sector')).getByText('Vui lòng ghi rõ.')).toBeTruthy();
    await user.type(specify, 'Fishing');
    await waitFor(() => expect(within(question('sector')).queryByText('Vui lòng ghi rõ.')).toBeNull());
    await next();
    expect(heading()).toBe('section rating (vi)');
  });

  it('keeps the page and shows errors in the current language until they are fixed', async () => {
    await openInterview(survey);
    await next();
    expect(heading()).toBe('section intro (vi)');
    expect(within(question('employed')).getByText('Vui lòng trả lời câu hỏi này.')).toBeTruthy();
    expect(screen.getByText('Còn 2 câu cần sửa trên trang này.')).toBeTruthy();
    await user.type(within(question('age')).getByRole('textbox'), '12');
    await next();
    expect(within(question('age')).getByText('Giá trị nhỏ nhất là 18.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(within(question('age')).getByText('The smallest allowed value is 18.')).toBeTruthy();
    expect(within(question('employed')).getByText('question employed')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Next/ })).toBeTruthy();

    await tap(radio('employed', 'option no'));
    await waitFor(() => expect(within(question('employed')).queryByText('Please answer this question.')).toBeNull());
    const age = within(question('age')).getByRole('textbox');
    await user.clear(age);
    await user.type(age, '40');
    await waitFor(() => expect(within(question('age')).queryByText(/smallest/)).toBeNull());
    await next();
    expect(heading()).toBe('section rating');
  });

  it('shows a required question’s own message, in the current language, when Next is pressed without an answer', async () => {
    const own = def({
      scales: { agree: scale(['a', 'b']) },
      sections: [
        section('s', [
          integer('households', { required: true, requiredMessage: { vi: 'Xin nhập số hộ trong thôn.', en: 'Enter the number of households.' } }),
          matrix('rate', 'agree', ['r1', 'r2'], { required: true, requiredMessage: { vi: 'Hãy đánh giá đủ các dòng.', en: 'Rate every row.' } }),
          single('plain', ['x', 'y'], { required: true }),
        ]),
        section('after', [text('comment')]),
      ],
    });
    await openInterview(own);
    await next();
    expect(heading()).toBe('section s (vi)');
    expect(within(question('households')).getByText('Xin nhập số hộ trong thôn.')).toBeTruthy();
    expect(within(question('households')).queryByText('Vui lòng trả lời câu hỏi này.')).toBeNull();
    expect(within(question('rate')).getByText('Hãy đánh giá đủ các dòng.')).toBeTruthy();
    expect(within(question('plain')).getByText('Vui lòng trả lời câu hỏi này.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(within(question('households')).getByText('Enter the number of households.')).toBeTruthy();
    expect(within(question('rate')).getByText('Rate every row.')).toBeTruthy();
  });

  it('shows a limit’s own message, in the current language, when a number of choices or a date is out of bounds', async () => {
    const three = { vi: 'Tối đa 3 lựa chọn: chọn 3 vấn đề quan trọng nhất', en: 'At most 3: choose the 3 most important issues' };
    const past = { vi: 'Ngày nộp hồ sơ không thể sau hôm nay.', en: 'The date cannot be later than today.' };
    const own = def({
      sections: [
        section('s', [
          multiple('issues', ['a', 'b', 'c', 'd'], { maxSelected: 3, limitMessage: three }),
          date('submitted', { max: 'today', limitMessage: past }),
          multiple('plain', ['x', 'y', 'z'], { maxSelected: 1 }),
        ]),
        section('after', [text('comment')]),
      ],
    });
    const { record } = await openInterview(own);
    const box = (qid: string, v: string) => within(question(qid)).getByRole('checkbox', { name: `option ${v} (vi)` });
    for (const v of ['a', 'b', 'c', 'd']) await user.click(box('issues', v));
    for (const v of ['x', 'y']) await user.click(box('plain', v));
    fireEvent.change(question('submitted').querySelector('input[type="date"]')!, { target: { value: '2999-01-01' } });
    await stored(record.id, (r) => r.answers.submitted === '2999-01-01' && (r.answers.issues as string[] | undefined)?.length === 4);
    await next();
    expect(heading()).toBe('section s (vi)');
    expect(within(question('issues')).getByText(three.vi)).toBeTruthy();
    expect(within(question('issues')).queryByText('Chọn tối đa 3 lựa chọn.')).toBeNull();
    expect(within(question('submitted')).getByText(past.vi)).toBeTruthy();
    expect(within(question('plain')).getByText('Chọn tối đa 1 lựa chọn.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(within(question('issues')).getByText(three.en)).toBeTruthy();
    expect(within(question('submitted')).getByText(past.en)).toBeTruthy();
    // Back within the limit, the message goes.
    await user.click(within(question('issues')).getByRole('checkbox', { name: 'option d' }));
    await waitFor(() => expect(within(question('issues')).queryByText(three.en)).toBeNull());
  });

  it('pages forward and back, skips a hidden section, jumps from the section list', async () => {
    const { record } = await openInterview(survey);
    await tap(radio('employed', 'option yes (vi)'));
    await tap(radio('sector', 'option farm (vi)'));
    await user.type(within(question('age')).getByRole('textbox'), '30');
    await next();
    expect(heading()).toBe('section rating (vi)');
    expect(screen.getByText('Phần 2/3')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Các phần của phiếu' });
    expect(within(nav).queryByText('section extra (vi)')).toBeNull();
    await user.click(within(nav).getByRole('button', { name: /section last/ }));
    expect(heading()).toBe('section last (vi)');
    await user.click(screen.getByRole('button', { name: /Quay lại/ }));
    expect(heading()).toBe('section rating (vi)');
    await stored(record.id, (r) => r.currentSectionId === 'rating');
  });

  it('focuses the field of the question with the error, not a text area earlier on the page', async () => {
    const page = def({ sections: [section('s', [text('remarks'), single('pick', ['a', 'b'], { required: true })]), section('t', [text('end')])] });
    page.sections[0]!.questions[0] = { type: 'longtext', id: 'remarks', label: t('remarks') };
    await openInterview(page);
    await next();
    await waitFor(() => expect(within(question('pick')).getAllByRole('radio')[0]).toHaveFocus());
  });

  it('shows the next section from its top, its heading focused for screen readers', async () => {
    await openInterview(survey);
    await tap(radio('employed', 'option yes (vi)'));
    await tap(radio('sector', 'option farm (vi)'));
    await user.type(within(question('age')).getByRole('textbox'), '30');
    const scrolls: unknown[] = [];
    const original = window.scrollTo;
    window.scrollTo = ((options: unknown) => void scrolls.push(options)) as typeof window.scrollTo;
    try {
      await next();
      expect(screen.getByRole('heading', { level: 2, name: 'section rating (vi)' })).toHaveFocus();
      expect(scrolls).toEqual([{ top: 0, behavior: 'instant' }]);
    } finally {
      window.scrollTo = original;
    }
  });

  it('ticks a whole matrix column with one tap and lets a row be changed after', async () => {
    const { record } = await openInterview(survey);
    await user.click(within(screen.getByRole('navigation')).getByRole('button', { name: /section rating/ }));
    await user.click(within(question('depts')).getByRole('button', { name: 'Chọn “option b (vi)” cho mọi dòng' }));
    const cell = (r: string, o: string) => within(question('depts')).getByRole('radio', { name: `item ${r} (vi): option ${o} (vi)` });
    for (const r of ['d1', 'd2', 'd3']) expect(cell(r, 'b')).toBeChecked();
    expect(cell('d1', 'a')).not.toBeChecked();
    await user.click(cell('d2', 'c'));
    const saved = await stored(record.id, (r) => (r.answers.depts as Record<string, string> | undefined)?.d2 === 'c');
    expect(saved.answers.depts).toEqual({ d1: 'b', d2: 'c', d3: 'b' });
  });

  it('clears the other options when an exclusive one is chosen, and the reverse', async () => {
    const { record } = await openInterview(survey);
    await user.click(within(screen.getByRole('navigation')).getByRole('button', { name: /section rating/ }));
    const box = (v: string) => within(question('improve')).getByRole('checkbox', { name: `option ${v} (vi)` });
    await user.click(box('speed'));
    await user.click(box('cost'));
    await user.click(box('none'));
    expect(box('speed')).not.toBeChecked();
    expect(box('none')).toBeChecked();
    await stored(record.id, (r) => JSON.stringify(r.answers.improve) === '["none"]');
    await user.click(box('cost'));
    expect(box('none')).not.toBeChecked();
    await stored(record.id, (r) => JSON.stringify(r.answers.improve) === '["cost"]');
  });

  it('reads a decimal typed with a Vietnamese comma', async () => {
    const { record } = await openInterview(survey);
    await user.click(within(screen.getByRole('navigation')).getByRole('button', { name: /section rating/ }));
    await user.type(within(question('fee')).getByRole('textbox'), '12,5');
    await stored(record.id, (r) => r.answers.fee === 12.5);
  });

  it('answering one question re-renders that question only', async () => {
    const { renders } = await openInterview(survey);
    await user.type(within(question('age')).getByRole('textbox'), '3');
    await tap(radio('employed', 'option no (vi)'));
    renders.clear();
    await tap(radio('employed', 'option yes (vi)'));
    // Only the input inside “employed” re-renders; “sector” appears because of the answer and
    // renders for the first time; no other question renders.
    expect([...renders.keys()]).toEqual(['sector']);
    renders.clear();
    await user.clear(within(question('age')).getByRole('textbox'));
    await user.type(within(question('age')).getByRole('textbox'), '45');
    expect([...renders.keys()]).toEqual([]);
  });

  it('completes only when every shown question is valid, then freezes the interview', async () => {
    const { record, completed } = await openInterview(survey);
    await tap(radio('employed', 'option no (vi)'));
    await user.type(within(question('age')).getByRole('textbox'), '50');
    await next();
    await user.click(within(screen.getByRole('navigation')).getByRole('button', { name: /section last/ }));
    await tap(radio('overall', 'option good (vi)'));
    await user.click(screen.getByRole('button', { name: 'Hoàn thành phiếu' }));
    // The matrix on page 2 is required and empty: completion takes the user there.
    await waitFor(() => expect(heading()).toBe('section rating (vi)'));
    expect(within(question('depts')).getByText('Vui lòng trả lời câu hỏi này.')).toBeTruthy();
    expect(completed).toHaveLength(0);
    await user.click(within(question('depts')).getByRole('button', { name: 'Chọn “option a (vi)” cho mọi dòng' }));
    await next();
    expect(heading()).toBe('section extra (vi)');
    await next();
    await user.click(screen.getByRole('button', { name: 'Hoàn thành phiếu' }));
    await waitFor(() => expect(completed).toHaveLength(1));
    const done = await getRecord(record.id);
    expect(done?.status).toBe('completed');
    expect(done?.answers).toEqual({ employed: 'no', age: 50, depts: { d1: 'a', d2: 'a', d3: 'a' }, overall: 'good' });
    expect(done?.completedAt).toBeTruthy();
    expect(Object.keys(done!.sectionTimes).sort()).toEqual(['extra', 'intro', 'last', 'rating']);
  });

  it('brings a draft back exactly as it was left after the page is closed', async () => {
    const first = await openInterview(survey);
    await tap(radio('employed', 'option yes (vi)'));
    await tap(radio('sector', 'option other (vi)'));
    await user.type(within(question('sector')).getByLabelText('Ghi rõ'), 'Fishing');
    await user.type(within(question('age')).getByRole('textbox'), '33');
    await next();
    await user.click(within(question('depts')).getByRole('button', { name: 'Chọn “option c (vi)” cho mọi dòng' }));
    await stored(first.record.id, (r) => r.currentSectionId === 'rating' && r.answers.depts !== undefined);
    act(() => first.unmount());

    const again = await openInterview(survey, await getRecord(first.record.id));
    expect(heading()).toBe('section rating (vi)');
    expect(within(question('depts')).getAllByRole('radio', { checked: true })).toHaveLength(3);
    await user.click(screen.getByRole('button', { name: /Quay lại/ }));
    expect(radio('sector', 'option other (vi)')).toBeChecked();
    expect(within(question('sector')).getByLabelText('Ghi rõ')).toHaveProperty('value', 'Fishing');
    expect(within(question('age')).getByRole('textbox')).toHaveProperty('value', '33');
    again.unmount();
  });

  it('keeps each single choice and each matrix row one radio group, with one answer checked', async () => {
    const { record } = await openInterview(survey);
    const employed = within(question('employed')).getAllByRole('radio');
    expect(employed.map((r) => r.getAttribute('name'))).toEqual(['employed', 'employed']);
    await tap(radio('employed', 'option yes (vi)'));
    await tap(radio('employed', 'option no (vi)'));
    expect(employed.map((r) => (r as HTMLInputElement).checked)).toEqual([false, true]);
    await user.type(within(question('age')).getByRole('textbox'), '30');
    await next();
    const rows = ['d1', 'd2', 'd3'].map((row) => within(question('depts')).getAllByRole('radio').filter((r) => r.getAttribute('name') === `depts.${row}`));
    expect(rows.map((r) => r.length)).toEqual([4, 4, 4]);
    await tap(rows[0]![0]!);
    await tap(rows[0]![2]!);
    await tap(rows[1]![1]!);
    expect(rows.map((r) => r.map((x) => (x as HTMLInputElement).checked))).toEqual([
      [false, false, true, false],
      [false, true, false, false],
      [false, false, false, false],
    ]);
    await stored(record.id, (r) => JSON.stringify(r.answers.depts) === JSON.stringify({ d1: 'c', d2: 'b' }));
  });

  it('paints a tapped radio before the form handles it, and the form has it a frame later', async () => {
    const { record } = await openInterview(survey);
    const yes = radio('employed', 'option yes (vi)');
    fireEvent.click(yes);
    // The browser's own check is on screen at once; skip logic and the save follow the frame.
    expect(yes).toBeChecked();
    expect(yes.closest('label')).toHaveClass('option');
    expect(shown('sector')).toBe(false);
    await painted();
    expect(shown('sector')).toBe(true);
    expect(yes.closest('label')).toHaveClass('selected');
    await stored(record.id, (r) => r.answers.employed === 'yes');
  });

  it('never loses a tap followed at once by Next, a matrix tap included', async () => {
    const { record } = await openInterview(survey);
    await user.type(within(question('age')).getByRole('textbox'), '30');
    // No frame between the tap and Next: Next applies the tap before it validates the page.
    fireEvent.click(radio('employed', 'option no (vi)'));
    fireEvent.click(screen.getByRole('button', { name: /Tiếp theo/ }));
    await waitFor(() => expect(heading()).toBe('section rating (vi)'));
    const d1 = within(question('depts')).getAllByRole('radio').filter((r) => r.getAttribute('name') === 'depts.d1');
    fireEvent.click(d1[1]!);
    fireEvent.click(screen.getByRole('button', { name: /Tiếp theo/ }));
    // The matrix is required: the page stays, and the error counts two rows left, so the tapped d1 was taken.
    await waitFor(() => expect(within(question('depts')).getByText('Vui lòng đánh giá tất cả các dòng (còn 2 dòng).')).toBeTruthy());
    expect(heading()).toBe('section rating (vi)');
    const saved = await stored(record.id, (r) => r.answers.employed === 'no' && r.answers.depts !== undefined);
    expect(saved.answers.depts).toEqual({ d1: 'b' });
  });

  it('saves a tap made just before the form closes', async () => {
    const first = await openInterview(survey);
    fireEvent.click(radio('employed', 'option no (vi)'));
    act(() => first.unmount());
    const saved = await stored(first.record.id, (r) => r.answers.employed === 'no');
    expect(saved.answers).toEqual({ employed: 'no' });
  });

  it('shows an answer the form changes itself on the radios (a hidden answer cleared, a column ticked)', async () => {
    await openInterview(survey);
    await tap(radio('employed', 'option yes (vi)'));
    await tap(radio('sector', 'option farm (vi)'));
    await tap(radio('employed', 'option no (vi)'));
    await tap(radio('employed', 'option yes (vi)'));
    expect(within(question('sector')).queryAllByRole('radio', { checked: true })).toHaveLength(0);
    await next();
    await waitFor(() => expect(within(question('sector')).getByText('Vui lòng trả lời câu hỏi này.')).toBeTruthy());
    await tap(radio('sector', 'option farm (vi)'));
    await user.type(within(question('age')).getByRole('textbox'), '30');
    await next();
    const d1 = within(question('depts')).getAllByRole('radio').filter((r) => r.getAttribute('name') === 'depts.d1');
    await tap(d1[0]!);
    await user.click(within(question('depts')).getByRole('button', { name: 'Chọn “option c (vi)” cho mọi dòng' }));
    expect(d1.map((r) => (r as HTMLInputElement).checked)).toEqual([false, false, true, false]);
  });

  it('lets a whole-column tap made right after a row tap win, as the later action', async () => {
    const { record } = await openInterview(survey);
    await user.click(within(screen.getByRole('navigation')).getByRole('button', { name: /section rating/ }));
    const d1 = within(question('depts')).getAllByRole('radio').filter((r) => r.getAttribute('name') === 'depts.d1');
    // No frame between the two taps.
    fireEvent.click(d1[0]!);
    fireEvent.click(within(question('depts')).getByRole('button', { name: 'Chọn “option c (vi)” cho mọi dòng' }));
    await painted();
    expect(d1.map((r) => (r as HTMLInputElement).checked)).toEqual([false, false, true, false]);
    const saved = await stored(record.id, (r) => r.answers.depts !== undefined);
    expect(saved.answers.depts).toEqual({ d1: 'c', d2: 'c', d3: 'c' });
  });

  it('updates the progress bar and the section’s count in the jump list after an answer', async () => {
    await openInterview(survey);
    // Shown at first: employed, age, depts, improve, fee, overall (sector and the extra section hidden).
    expect(screen.getByText('Đã trả lời 0/6 câu')).toBeInTheDocument();
    const intro = within(screen.getByRole('navigation', { name: /Các phần|Sections/ })).getAllByRole('button')[0]!;
    expect(intro).toHaveTextContent('0/2');
    await user.type(within(question('age')).getByRole('textbox'), '42');
    await waitFor(() => expect(screen.getByText('Đã trả lời 1/6 câu')).toBeInTheDocument());
    expect(intro).toHaveTextContent('1/2');
    // Answering "yes" shows "sector": the total changes with it.
    await tap(radio('employed', 'option yes (vi)'));
    await waitFor(() => expect(screen.getByText('Đã trả lời 2/7 câu')).toBeInTheDocument());
    expect(intro).toHaveTextContent('2/3');
  });

  it('shows a tap’s counts in the same frame as the form taking the answer, not one later', async () => {
    const plain = def({ sections: [section('one', [single('mood', ['up', 'down']), single('pace', ['slow', 'fast'])]), section('two', [text('why')])] });
    await openInterview(plain);
    const one = within(screen.getByRole('navigation', { name: /Các phần|Sections/ })).getAllByRole('button')[0]!;
    await user.click(radio('mood', 'option up (vi)'));
    // One frame after the tap's own: the form has taken it, and the counts with it.
    await painted();
    expect(screen.getByText('Đã trả lời 1/3 câu')).toBeInTheDocument();
    expect(one).toHaveTextContent('1/2');
  });

  it('turns to a long section showing its first screen at once, the rest right after, and still finds an error at its end', async () => {
    const long = def({
      sections: [
        section('first', [single('go', ['yes', 'no'])]),
        section('long', Array.from({ length: 30 }, (_, i) => single(`q${i}`, ['a', 'b'], { required: i === 29 }))),
        section('end', [single('done', ['yes', 'no'])]),
      ],
    });
    await openInterview(long);
    // The page's frames held until the test lets them come.
    const frames: FrameRequestCallback[] = [];
    const realFrame = window.requestAnimationFrame;
    window.requestAnimationFrame = (callback) => frames.push(callback);
    try {
      await next();
      // The frame that shows the turn: the new heading, the top of the section, the rest on its way.
      expect(heading()).toMatch(/long/);
      expect(shown('q0')).toBe(true);
      expect(shown('q29')).toBe(false);
      expect(document.querySelector('.questions')).toHaveAttribute('aria-busy', 'true');
      // Nothing more is rendered before that frame is painted, however long it takes to come (work
      // rendered first would hold it back).
      await act(() => new Promise<void>((done) => setTimeout(done, 20)));
      expect(document.querySelectorAll('[data-question]')).toHaveLength(6);
    } finally {
      window.requestAnimationFrame = realFrame;
    }
    await act(async () => {
      for (const frame of frames.splice(0)) frame(performance.now());
    });
    await waitFor(() => expect(document.querySelectorAll('[data-question]').length).toBeGreaterThan(6));
    // Next pressed at once: the missing answer at the end is found, shown and focused.
    await next();
    await waitFor(() => expect(document.activeElement).toBe(within(question('q29')).getAllByRole('radio')[0]));
    expect(heading()).toMatch(/long/);
    expect(document.querySelector('.questions')).not.toHaveAttribute('aria-busy');
    expect(document.querySelectorAll('[data-question]')).toHaveLength(30);
  });

  it('opens an interview on a long section with the whole section there at once', async () => {
    const long = def({ sections: [section('long', Array.from({ length: 30 }, (_, i) => single(`q${i}`, ['a', 'b'])))] });
    await openInterview(long);
    expect(shown('q29')).toBe(true);
    expect(document.querySelector('.questions')).not.toHaveAttribute('aria-busy');
  });
});

export { t };
