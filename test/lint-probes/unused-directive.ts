// Lint probe (test/server/lint-rules.test.ts): a disable directive that disables nothing.
// eslint-disable-next-line no-console
export const probe = 1;
