/**
 * The dashboard's Scores section: per questionnaire with scoring, overall and per component, for all
 * groups, per group and per stratum, each with its n; percent for "share", points out of the maximum
 * for "points", 1–10 for "papi"; "—" without data; Vietnamese and English.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CoordinatorDashboard, QuestionnaireScores } from '../../src/contract';
import { DashboardView } from '../../src/app/coordinator/Dashboard';
import { setLang } from '../../src/app/i18n';
import { dashboard } from './coordinator-fixtures';

const tx = (vi: string, en: string) => ({ vi, en });
const user = userEvent.setup();

beforeEach(() => setLang('vi'));

/** A share report: [interviews, index, service, depts] (null: no data). */
function share(interviews: number, index: number | null, service: number | null, depts: number | null) {
  const c = (id: string, score: number | null) => ({ id, count: score === null ? 0 : 3, value: score === null ? null : score / 100, score, max: 100 });
  return {
    method: 'share' as const,
    interviews,
    score: index,
    max: 100,
    withData: [service, depts].filter((x) => x !== null).length,
    components: [c('service', service), c('depts', depts)],
  };
}

const sipas = () =>
  QuestionnaireScores.parse({
    surveyId: 'scored',
    surveyVersion: 1,
    title: tx('Khảo sát hài lòng', 'Satisfaction survey'),
    method: 'share',
    components: [
      { id: 'service', label: tx('Phục vụ', 'Service'), max: 100 },
      { id: 'depts', label: tx('Các sở', 'Departments'), max: 100 },
    ],
    overall: share(4, 63.33333333, 60, 66.66666667),
    groups: [
      {
        id: 'citizen',
        label: tx('Người dân', 'Citizens'),
        report: share(3, 56.25, 62.5, 50),
        strata: [
          { value: 'd1', label: tx('Huyện 1', 'District 1'), report: share(2, 50, 50, 50) },
          { value: 'd2', label: tx('Huyện 2', 'District 2'), report: share(1, 75, 100, 50) },
          { value: 'd3', label: tx('Huyện 3', 'District 3'), report: share(0, null, null, null) },
        ],
      },
      { id: 'official', label: tx('Công chức', 'Officials'), report: share(1, 75, 50, 100), strata: [] },
    ],
  });

/** PAR INDEX style: domain a (2.5 points) has data, domain b (3 points) has none. */
const par = () => {
  const report = {
    method: 'points' as const,
    interviews: 2,
    score: 1.875,
    max: 5.5,
    withData: 1,
    components: [
      { id: 'a', count: 4, value: 0.75, score: 1.875, max: 2.5 },
      { id: 'b', count: 0, value: null, score: null, max: 3 },
    ],
  };
  return QuestionnaireScores.parse({
    surveyId: 'par',
    surveyVersion: 2,
    title: tx('Chỉ số CCHC', 'PAR INDEX'),
    method: 'points',
    components: [
      { id: 'a', label: tx('Lĩnh vực A', 'Domain A'), max: 2.5 },
      { id: 'b', label: tx('Lĩnh vực B', 'Domain B'), max: 3 },
    ],
    overall: report,
    groups: [{ id: 'delegate', label: tx('Đại biểu', 'Delegates'), report, strata: [] }],
  });
};

/** PAPI style: one dimension of two parts, 1 + 9 × 0.75 = 7.75. */
const papi = () => {
  const report = {
    method: 'papi' as const,
    interviews: 2,
    score: 7.75,
    max: 10,
    withData: 1,
    components: [
      {
        id: 'dim',
        count: 6,
        value: 0.75,
        score: 7.75,
        max: 10,
        parts: [
          { id: 'svc', key: 'dim.svc', count: 2, value: 0.75 },
          { id: 'dep', key: 'dim.dep', count: 4, value: 0.75 },
        ],
      },
    ],
  };
  return QuestionnaireScores.parse({
    surveyId: 'papi',
    surveyVersion: 1,
    title: tx('Chỉ số PAPI', 'PAPI'),
    method: 'papi',
    components: [{ id: 'dim', label: tx('Tham gia', 'Participation'), max: 10, parts: [{ id: 'svc', label: tx('a', 'a') }, { id: 'dep', label: tx('b', 'b') }] }],
    overall: report,
    groups: [{ id: 'citizen', label: tx('Người dân', 'Citizens'), report, strata: [] }],
  });
};

const withScores = (scores: QuestionnaireScores[]): CoordinatorDashboard => CoordinatorDashboard.parse({ ...dashboard(), scores });

/** The visible cells of a row: scope, n, overall, then each component. */
function cells(row: HTMLElement): string[] {
  return [...row.querySelectorAll<HTMLElement>('th, td')].map((c) => (c.querySelector('[aria-hidden="true"]')?.textContent ?? c.firstChild?.textContent ?? '').trim());
}

function article(name: RegExp): HTMLElement {
  return screen.getByRole('article', { name });
}

/** What a column heading says to a screen reader: its visually hidden name when it has one. */
const heading = (h: HTMLElement) => h.querySelector('.sr-only')?.textContent ?? h.textContent;

describe('scores on the dashboard', () => {
  it('shows a share questionnaire overall, per group and per stratum with n, in percent, "—" without data', async () => {
    render(<DashboardView data={withScores([sipas()])} />);
    const section = screen.getByRole('region', { name: 'Điểm số' });
    const a = within(section).getByRole('article', { name: /Khảo sát hài lòng/ });
    const table = within(a).getByRole('table', { name: 'Điểm số của Khảo sát hài lòng theo nhóm đối tượng' });
    // A component's column is headed by its number (its name would break over many lines), its name
    // read aloud; the legend above the table names each number.
    expect(within(table).getAllByRole('columnheader').map(heading)).toEqual(['Phạm vi', 'Số phiếu (n)', 'Chung', 'Phục vụ', 'Các sở']);
    expect(within(table).getAllByRole('columnheader').map((h) => h.querySelector('[aria-hidden]')?.textContent ?? null)).toEqual([null, null, null, '1', '2']);
    expect(within(a).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Phục vụ', 'Các sở']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(cells)).toEqual([
      ['Tất cả các nhóm', '4', '63,3%', '60%', '66,7%'],
      ['Người dân', '3', '56,3%', '62,5%', '50%'],
      ['Công chức', '1', '75%', '50%', '100%'],
    ]);

    // Strata are folded under their group.
    await user.click(within(a).getByText('Theo địa bàn / đơn vị: Người dân (3)'));
    const strata = within(a).getByRole('table', { name: 'Điểm số của nhóm Người dân theo địa bàn / đơn vị' });
    expect(within(strata).getAllByRole('row').slice(1).map(cells)).toEqual([
      ['Huyện 1', '2', '50%', '50%', '50%'],
      ['Huyện 2', '1', '75%', '100%', '50%'],
      ['Huyện 3', '0', '—', '—', '—'],
    ]);
    // "—" is read out as "no data".
    const empty = within(strata).getAllByRole('row')[3]!;
    expect(within(empty).getAllByText('chưa có dữ liệu')).toHaveLength(3);

    const csv = within(a).getByRole('link', { name: 'Tải điểm số CSV — Khảo sát hài lòng phiên bản 1' });
    expect(csv.getAttribute('href')).toBe('/api/coordinator/exports/scored/1.scores.csv');
    expect(within(a).getByRole('link', { name: /Tải điểm số JSON/ }).getAttribute('href')).toBe('/api/coordinator/exports/scored/1.scores.json');
  });

  it('shows points out of their maximum, says when the total lacks a component, and papi on 1–10', () => {
    render(<DashboardView data={withScores([par(), papi()])} />);
    const parTable = within(article(/Chỉ số CCHC/)).getByRole('table');
    expect(within(parTable).getAllByRole('row').slice(1).map(cells)).toEqual([
      ['Tất cả các nhóm', '2', '1,88/5,5', '1,88/2,5', '—'],
      ['Đại biểu', '2', '1,88/5,5', '1,88/2,5', '—'],
    ]);
    expect(within(parTable).getAllByText(/1\/2 thành phần có dữ liệu/)).toHaveLength(2);
    expect(within(article(/Chỉ số CCHC/)).getByText(/tối đa 5,5/)).toBeTruthy();

    const papiTable = within(article(/Chỉ số PAPI/)).getByRole('table');
    expect(within(papiTable).getAllByRole('row').slice(1).map(cells)).toEqual([
      ['Tất cả các nhóm', '2', '7,75/10', '7,75'],
      ['Người dân', '2', '7,75/10', '7,75'],
    ]);
    expect(within(article(/Chỉ số PAPI/)).getByText(/thang 1–10/)).toBeTruthy();
  });

  it('speaks English', () => {
    void setLang('en');
    render(<DashboardView data={withScores([sipas()])} />);
    const table = within(screen.getByRole('region', { name: 'Scores' })).getByRole('table', { name: 'Scores of Satisfaction survey by respondent group' });
    expect(within(table).getAllByRole('columnheader').map(heading)).toEqual(['Scope', 'Interviews (n)', 'Overall', 'Service', 'Departments']);
    expect(within(table).getAllByRole('row').slice(1).map(cells)[0]).toEqual(['All groups', '4', '63.3%', '60%', '66.7%']);
  });

  it('has no Scores section when no questionnaire has scoring', () => {
    render(<DashboardView data={dashboard()} />);
    expect(screen.queryByRole('region', { name: 'Điểm số' })).toBeNull();
  });
});
