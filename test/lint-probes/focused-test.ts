// Lint probe (test/server/lint-rules.test.ts): a focused test.
import { describe, it } from 'vitest';
describe('probe', () => {
  it.only('runs alone', () => undefined);
});
