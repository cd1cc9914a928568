// Lint probe (test/server/lint-rules.test.ts): a switch over a union that forgets a member.
export type Kind = 'single' | 'multiple' | 'text';
export function probe(kind: Kind): number {
  switch (kind) {
    case 'single':
      return 1;
    case 'multiple':
      return 2;
  }
  return 0;
}
