// Lint probe (test/server/lint-rules.test.ts): a promise nobody waits for or catches.
async function save(): Promise<void> {}
export function probe(): void {
  save();
}
