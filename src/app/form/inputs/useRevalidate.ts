import { useCallback } from 'react';
import { useFormContext } from 'react-hook-form';
import type { Answers } from '../../../survey';

/** After a change, re-checks the field only if it currently shows an error (so errors clear as soon as they are fixed). */
export function useRevalidate(name: string): () => void {
  const { trigger, getFieldState } = useFormContext<Answers>();
  return useCallback(() => {
    if (getFieldState(name).error) void trigger(name);
  }, [name, trigger, getFieldState]);
}
