import type { Question } from '../../../survey';

export interface InputProps<Q extends Question> {
  question: Q;
  describedBy: string | undefined;
  invalid: boolean;
}
