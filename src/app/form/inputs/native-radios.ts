/**
 * Radios whose taps are handled by the browser's own events, not React's. A radio's click, input
 * and change events stop at the element that holds its group: React's event system never sees
 * them, so it neither walks the page for each of them nor restores every radio of the group after
 * each tap (what it does for any radio it renders). The radios are still rendered by React,
 * uncontrolled; their answers go to the form through the tap queue (see taps.ts).
 */
import { useLayoutEffect, useRef, type RefObject } from 'react';

const STOPPED = ['click', 'input', 'change'] as const;

const isRadio = (t: EventTarget | null): t is HTMLInputElement => t instanceof HTMLInputElement && t.type === 'radio';

/**
 * Puts an answer the form changed itself (cleared, restored, a whole column ticked) on the
 * uncontrolled radios inside `container`: the one whose value is `value` is checked, the others not.
 */
export function useCheckedRadio(container: RefObject<HTMLElement | null>, value: string | null, enabled = true): void {
  useLayoutEffect(() => {
    if (!enabled) return;
    for (const input of container.current?.querySelectorAll<HTMLInputElement>('input[type="radio"]') ?? []) input.checked = input.value === value;
  }, [container, value, enabled]);
}

/**
 * Calls `onPick` with each radio inside `container` that the user checks (tap, click or arrow key).
 * Listening starts in the commit that puts the radios in the page, before the browser can paint
 * them: a passive effect runs only after a paint, and a tap on a radio painted before it (the
 * first screen of a section just turned to, on a busy tablet) would check the radio and never
 * reach the form.
 */
export function useNativeRadios(container: RefObject<HTMLElement | null>, onPick: (radio: HTMLInputElement) => void): void {
  const pick = useRef(onPick);
  useLayoutEffect(() => {
    pick.current = onPick;
  });
  useLayoutEffect(() => {
    const el = container.current;
    if (!el) return;
    const stop = (e: Event) => {
      if (!isRadio(e.target)) return;
      e.stopPropagation();
      if (e.type === 'change' && e.target.checked) pick.current(e.target);
    };
    for (const type of STOPPED) el.addEventListener(type, stop);
    return () => {
      for (const type of STOPPED) el.removeEventListener(type, stop);
    };
  }, [container]);
}
