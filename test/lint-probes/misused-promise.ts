// Lint probe (test/server/lint-rules.test.ts): an async callback where nobody waits for it.
async function save(n: number): Promise<number> {
  return n;
}
export function probe(): void {
  [1, 2].forEach(async (n) => {
    await save(n);
  });
}
