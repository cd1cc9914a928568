/**
 * The start page shows the interviewer what the questionnaire is about, never how it is scored:
 * that is for the office that compiles the results.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import { App } from '../../src/app/App';
import { navigate } from '../../src/app/router';
import { resetDevice } from './helpers';

beforeEach(async () => {
  await resetDevice();
  navigate('/', { replace: true });
});

describe('the start page', () => {
  it.each([
    ['par-delegates', 'Thời gian trả lời khoảng 25 phút.'],
    ['par-department-leaders', 'Thời gian trả lời khoảng 20 phút.'],
    ['par-unit-leaders', 'Thời gian trả lời khoảng 20 phút.'],
    ['par-district-leaders', 'Thời gian trả lời khoảng 25 phút.'],
    ['sipas-citizen', 'Thời gian trả lời khoảng 15 phút.'],
    ['papi-citizen', 'Thời gian khoảng 20 phút.'],
  ])('of %s describes the questionnaire without its scoring rules', async (id, description) => {
    render(<App />);
    act(() => navigate(`/start/${id}`));
    expect(await screen.findByText(new RegExp(description.replace(/\./g, '\\.')))).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Bắt đầu phỏng vấn' })).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(/Cách tính|cơ quan tổng hợp|100%|tổng 30 điểm/);
  });
});
