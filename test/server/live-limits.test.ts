// @vitest-environment node
/** The link route's limits follow the questionnaires loaded now: a larger one published later raises them at once. */
import { expect, it } from 'vitest';
import { catalogOf } from '../../src/server/definitions/catalog';
import { currentLimits } from '../../src/server/definitions/submission-size';
import { def, section, text } from '../survey/fixtures';

it('recomputes the limits when a version is added, and only then', () => {
  const small = def({ id: 'small', sections: [section('s', [text('a', { maxLength: 10 })])] });
  const catalog = catalogOf([small]);
  const limits = currentLimits(catalog);
  const before = limits();
  expect(limits()).toBe(before);
  const questions = Array.from({ length: 400 }, (_, i) => text(`q${i}`));
  catalog.add(def({ id: 'large', sections: [section('s', questions)] }));
  const after = limits();
  expect(after.answerFields).toBe(400);
  expect(after.bodyBytes).toBeGreaterThan(before.bodyBytes * 10);
});
