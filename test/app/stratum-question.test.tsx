/**
 * The citizens' questionnaire asks the district the start page already chose as the stratum: the
 * form fills it from the stratum and shows it read-only, and a draft begun before the question was
 * linked to the stratum opens with its answer set to the stratum, saying what it said before.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import sipasV2Json from '../../survey-definitions/sipas-citizen-v2.json';
import { App } from '../../src/app/App';
import { navigate } from '../../src/app/router';
import { getRecord, listRecords, saveDraft, startInterview } from '../../src/store';
import { checkDefinitionData } from '../../src/survey/load';
import type { Definition } from '../../src/survey';
import { question, resetDevice } from './helpers';

const user = userEvent.setup();

beforeEach(async () => {
  await resetDevice();
  navigate('/', { replace: true });
});

/** sipas-citizen version 2 as it shipped before its district question was linked to the stratum. */
function unlinkedSipasV2(): Definition {
  const data = JSON.parse(JSON.stringify(sipasV2Json)) as { sections: { questions: { id: string; fromStratum?: boolean }[] }[] };
  for (const s of data.sections) for (const q of s.questions) delete q.fromStratum;
  const checked = checkDefinitionData(data, 'sipas-citizen-v2.json (before the link)');
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.definition;
}

describe('the district question of sipas-citizen', () => {
  it('is filled from the stratum chosen on the start page and shown read-only', async () => {
    render(<App />);
    const card = (await screen.findByRole('heading', { name: /khảo sát sự hài lòng/i })).closest('li')!;
    await user.click(within(card).getByRole('button', { name: 'Bắt đầu' }));
    // The home screen starts the newest version (sipas-citizen-v3.json: citizens stratified by commune).
    await user.selectOptions(await screen.findByLabelText('Địa bàn / đơn vị'), 'phuong-ba-don');
    await user.click(screen.getByRole('button', { name: 'Bắt đầu phỏng vấn' }));
    await screen.findByRole('heading', { level: 2, name: /^A\./ });

    const district = question('district');
    expect(district).toHaveTextContent('Phường Ba Đồn');
    expect(district).toHaveTextContent('Theo địa bàn / đơn vị đã chọn khi bắt đầu phiếu.');
    // Nothing to change it with.
    expect(within(district).queryByRole('combobox')).toBeNull();
    expect(district.querySelectorAll('input, select, textarea')).toHaveLength(0);
    const [record] = await listRecords();
    expect(record).toMatchObject({ surveyVersion: 3, stratum: 'phuong-ba-don', answers: { district: 'phuong-ba-don' } });
  });

  it('of a draft begun before the link: opens with the stratum, says what the draft said before, and keeps the draft and its answers', async () => {
    const old = unlinkedSipasV2();
    const draft = await startInterview({ definition: old, respondentGroup: 'citizen', stratum: 'ba-don', lang: 'vi' });
    await saveDraft(draft.id, { answers: { district: 'dong-hoi', sex: 'female' } });

    act(() => navigate(`/interview/${draft.id}`));
    render(<App />);
    const notice = await screen.findByText(/trước đây ghi “Thành phố Đồng Hới”/);
    expect(notice).toHaveTextContent('Câu trả lời nay là “Thị xã Ba Đồn”');
    expect(question('district')).toHaveTextContent('Thị xã Ba Đồn');
    await waitFor(async () => expect((await getRecord(draft.id))?.answers).toEqual({ district: 'ba-don', sex: 'female' }));
    expect((await getRecord(draft.id))?.status).toBe('draft');

    // Left and opened again: nothing more to say.
    act(() => navigate('/'));
    await screen.findByRole('region', { name: 'Phiếu đang làm' });
    act(() => navigate(`/interview/${draft.id}`));
    await screen.findByRole('heading', { level: 2, name: /^A\./ });
    expect(screen.queryByText(/trước đây ghi/)).toBeNull();
    expect(await listRecords()).toHaveLength(1);
  });
});
