/**
 * The everyday cascading select for choice-filter tests: a province, then a commune offered only
 * among the chosen province's communes (each commune's `data.province`).
 */
import type { Option, SingleQuestion } from '../../src/survey/types';
import { opt, single } from './fixtures';

export const PROVINCES = {
  'quang-tri': ['dong-ha', 'gio-linh'],
  'quang-binh': ['dong-hoi', 'ba-don', 'le-thuy'],
} as const;

/** Communes offered only for their province. */
export const BY_PROVINCE = [{ field: 'province', q: 'province' }];

/** Every commune, each with its province in `data`, in the order of PROVINCES. */
export const communeOptions = (): Option[] =>
  Object.entries(PROVINCES).flatMap(([province, communes]) => communes.map((c) => opt(c, { data: { province } })));

/** What `single` takes besides its id and options, and another id than the default. */
type Extra = Parameters<typeof single>[2] & { id?: string };

export const province = ({ id = 'province', ...extra }: Extra = {}): SingleQuestion => single(id, Object.keys(PROVINCES), extra);

export const commune = ({ id = 'commune', ...extra }: Extra = {}): SingleQuestion =>
  single(id, communeOptions(), { choiceFilter: BY_PROVINCE, ...extra });
