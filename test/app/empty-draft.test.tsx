/**
 * Tapping Start and going back leaves no empty draft: the draft is made when the interview starts
 * (group, stratum and start time stored at once, so a reload or a crash keeps them), and one in
 * which nothing was answered is not kept when the enumerator leaves it. A draft with an answer is.
 */
import { StrictMode } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/app/App';
import { navigate } from '../../src/app/router';
import { listRecords } from '../../src/store';
import { question, resetDevice } from './helpers';

const user = userEvent.setup();

beforeEach(async () => {
  await resetDevice();
  navigate('/', { replace: true });
});

/** Starts the citizens' questionnaire (its newest version, by commune) in a commune, as the enumerator does, and waits for its first section. */
async function startSipas(stratum: string) {
  const card = (await screen.findByRole('heading', { name: /khảo sát sự hài lòng/i })).closest('li')!;
  await user.click(within(card).getByRole('button', { name: 'Bắt đầu' }));
  await user.selectOptions(await screen.findByLabelText('Địa bàn / đơn vị'), stratum);
  await user.click(screen.getByRole('button', { name: 'Bắt đầu phỏng vấn' }));
  await screen.findByRole('heading', { level: 2, name: /^A\./ });
}

const drafts = () => screen.findByRole('region', { name: 'Phiếu đang làm' });

describe('leaving an interview', () => {
  it('with no answer given: home lists no draft, and none is stored', async () => {
    render(<App />);
    for (const stratum of ['phuong-dong-hoi', 'xa-le-thuy']) {
      await startSipas(stratum);
      // Stored from the start (group, stratum, start time), while it is open.
      expect(await listRecords()).toHaveLength(1);
      await user.click(screen.getByRole('link', { name: /Khảo sát CCHC/ }));
      expect(await within(await drafts()).findByText('Chưa có phiếu nào đang làm.')).toBeInTheDocument();
      await waitFor(async () => expect(await listRecords()).toEqual([]));
    }
  });

  it('with an answer given: the draft stays and home lists it', async () => {
    render(<App />);
    await startSipas('phuong-dong-hoi');
    await user.click(within(question('sex')).getByRole('radio', { name: 'Nữ' }));
    await screen.findByText('Đã lưu trên thiết bị');
    act(() => navigate('/'));
    await waitFor(async () => expect(within(await drafts()).getAllByRole('listitem')).toHaveLength(1));
    expect((await listRecords()).map((r) => [r.status, r.answers.sex])).toEqual([['draft', 'female']]);
  });

  it('in React’s development mode, which closes and reopens the page at once: the open draft is kept until it is left', async () => {
    render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
    await startSipas('phuong-ba-don');
    await act(() => new Promise((done) => setTimeout(done, 100)));
    expect(await listRecords()).toHaveLength(1);
    await user.click(within(question('sex')).getByRole('radio', { name: 'Nam' }));
    await screen.findByText('Đã lưu trên thiết bị');
    act(() => navigate('/'));
    await waitFor(async () => expect(within(await drafts()).getAllByRole('listitem')).toHaveLength(1));
  });
});
