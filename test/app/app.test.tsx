/** The enumerator's whole path through the app with the shipped citizens' questionnaire. */
import { beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/app/App';
import { listRecords } from '../../src/store';
import { navigate } from '../../src/app/router';
import { resetDevice } from './helpers';

const user = userEvent.setup();

/** Answers every shown question on the page: the option given in `choose`, else the first one. */
async function fillPage(choose: Record<string, string>) {
  const form = document.querySelector('form.section-page')!;
  // A long section arrives in steps after its first screen (SectionQuestions).
  await waitFor(() => expect(form.querySelector('.questions[aria-busy]')).toBeNull());
  for (const q of Array.from(form.querySelectorAll<HTMLElement>('[data-question]'))) {
    const id = q.dataset.question!;
    if (q.classList.contains('note')) continue;
    const wanted = choose[id];
    const radios = q.querySelectorAll<HTMLInputElement>('input[type=radio]');
    const boxes = q.querySelectorAll<HTMLInputElement>('input[type=checkbox]');
    const select = q.querySelector('select');
    const input = q.querySelector<HTMLInputElement>('input[type=text], input[type=date], textarea');
    if (radios.length > 0) {
      const target = Array.from(radios).find((r) => r.value === wanted) ?? radios[0]!;
      if (!target.checked) await user.click(target);
    } else if (boxes.length > 0) {
      const target = Array.from(boxes).find((r) => r.value === wanted) ?? boxes[0]!;
      if (!target.checked) await user.click(target);
    } else if (select) {
      await user.selectOptions(select, wanted ?? select.options[1]!.value);
    } else if (input) {
      if (input.value) continue;
      if (input.type === 'date') fireEvent.change(input, { target: { value: wanted ?? '2026-11-02' } });
      else await user.type(input, wanted ?? (input.inputMode === 'numeric' ? '2' : 'Phường Hải Đình'));
    }
  }
}

const heading = () => screen.getByRole('heading', { level: 2 }).textContent ?? '';

beforeEach(async () => {
  await resetDevice();
  navigate('/', { replace: true });
});

describe('enumerator path', () => {
  it('starts the citizens’ questionnaire, skips the feedback section, completes it and lists it', async () => {
    render(<App />);
    const card = (await screen.findByRole('heading', { name: /khảo sát sự hài lòng/i })).closest('li')!;
    await user.click(within(card).getByRole('button', { name: 'Bắt đầu' }));
    await user.click(await screen.findByRole('button', { name: 'Bắt đầu phỏng vấn' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Vui lòng chọn địa bàn / đơn vị.');
    await user.selectOptions(screen.getByLabelText('Địa bàn / đơn vị'), 'xa-bo-trach');
    await user.click(screen.getByRole('button', { name: 'Bắt đầu phỏng vấn' }));
    await screen.findByRole('heading', { level: 2, name: /^A\./ });

    const seen: string[] = [];
    const choose = { feedbackGiven: 'no', submittedVia: 'commune', resultOnTime: 'on-time', extraPapers: 'no', improvePriorities: 'faster' };
    for (let page = 0; page < 12; page++) {
      seen.push(heading());
      await fillPage(choose);
      const finish = screen.queryByRole('button', { name: 'Hoàn thành phiếu' });
      if (finish) {
        await user.click(finish);
        break;
      }
      const before = heading();
      await user.click(screen.getByRole('button', { name: /Tiếp theo/ }));
      await waitFor(() => expect(heading()).not.toBe(before));
    }
    expect(seen.some((h) => h.startsWith('C5.'))).toBe(false);
    expect(seen).toHaveLength(7);

    expect(await screen.findByText('Phiếu đã được hoàn thành và lưu trên thiết bị.')).toBeInTheDocument();
    // Completing queued it and asked the syncer to send it (this device is not enrolled yet).
    const syncBar = screen.getByRole('status', { name: 'Trạng thái gửi phiếu' });
    await waitFor(() => expect(syncBar).toHaveTextContent('Chờ gửi: 1 phiếu'));
    expect(syncBar).toHaveTextContent('Thiết bị chưa đăng ký với máy chủ');
    const [record] = await listRecords();
    // The home screen starts the newest version (survey-definitions/sipas-citizen-v3.json, by commune).
    expect(record).toMatchObject({ status: 'completed', surveyId: 'sipas-citizen', surveyVersion: 3, respondentGroup: 'citizen', stratum: 'xa-bo-trach', lang: 'vi' });
    expect(record!.answers.feedbackGiven).toBe('no');
    expect(Object.keys(record!.answers).some((k) => k.startsWith('c5_'))).toBe(false);
    expect(record!.progress.answered).toBe(record!.progress.total);
    const completed = screen.getByRole('region', { name: 'Phiếu đã hoàn thành' });
    expect(await within(completed).findByText(/Xã Bố Trạch/)).toBeInTheDocument();
  });

  it('resumes a draft from the home screen and discards another only after confirmation', async () => {
    render(<App />);
    for (const commune of ['phuong-dong-hoi', 'xa-le-thuy']) {
      const card = (await screen.findByRole('heading', { name: /khảo sát sự hài lòng/i })).closest('li')!;
      await user.click(within(card).getByRole('button', { name: 'Bắt đầu' }));
      await user.selectOptions(await screen.findByLabelText('Địa bàn / đơn vị'), commune);
      await user.click(screen.getByRole('button', { name: 'Bắt đầu phỏng vấn' }));
      await screen.findByRole('heading', { level: 2, name: /^A\./ });
      await user.click(within(document.querySelector<HTMLElement>('[data-question="sex"]')!).getByRole('radio', { name: 'Nữ' }));
      await screen.findByText('Đã lưu trên thiết bị');
      act(() => navigate('/'));
    }
    const drafts = await screen.findByRole('region', { name: 'Phiếu đang làm' });
    await waitFor(() => expect(within(drafts).getAllByRole('listitem')).toHaveLength(2));
    const leThuy = within(drafts).getByText(/Xã Lệ Thủy/).closest('li')!;
    await user.click(within(leThuy).getByRole('button', { name: 'Xoá' }));
    await user.click(within(leThuy).getByRole('button', { name: 'Huỷ' }));
    expect(within(drafts).getAllByRole('listitem')).toHaveLength(2);
    await user.click(within(leThuy).getByRole('button', { name: 'Xoá' }));
    await user.click(within(leThuy).getByRole('button', { name: 'Xoá phiếu' }));
    await waitFor(() => expect(within(drafts).getAllByRole('listitem')).toHaveLength(1));
    expect((await listRecords()).map((r) => r.stratum)).toEqual(['phuong-dong-hoi']);

    await user.click(within(drafts).getByRole('button', { name: 'Tiếp tục' }));
    const sex = await waitFor(() => within(document.querySelector<HTMLElement>('[data-question="sex"]')!).getByRole('radio', { name: 'Nữ' }));
    expect(sex).toBeChecked();
  });

  it('switches interface and questionnaire to English together', async () => {
    render(<App />);
    await user.click(await screen.findByRole('button', { name: 'English' }));
    const card = (await screen.findByRole('heading', { name: /satisfaction with the service/i })).closest('li')!;
    await user.click(within(card).getByRole('button', { name: 'Start' }));
    await user.selectOptions(await screen.findByLabelText('Area / unit'), 'phuong-ba-don');
    await user.click(screen.getByRole('button', { name: 'Begin the interview' }));
    expect(await screen.findByRole('heading', { level: 2, name: /^A\. About the respondent/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Next/ })).toBeInTheDocument();
    expect((await listRecords())[0]!.lang).toBe('en');
    await user.click(screen.getByRole('button', { name: 'Tiếng Việt' }));
    expect(await screen.findByRole('heading', { level: 2, name: /^A\. Thông tin về người trả lời/ })).toBeInTheDocument();
    await waitFor(async () => expect((await listRecords())[0]!.lang).toBe('vi'));
  });
});
