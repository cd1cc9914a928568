/**
 * Radios handled by the browser's own events (src/app/form/inputs/native-radios.ts): a tap that
 * comes as soon as the radios are in the page reaches the form.
 */
import { render } from '@testing-library/react';
import { useLayoutEffect, useRef } from 'react';
import { describe, expect, it } from 'vitest';
import { useNativeRadios } from '../../src/app/form/inputs/native-radios';

function Group({ onPick }: { onPick: (value: string) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useNativeRadios(ref, (radio) => onPick(radio.value));
  return (
    <div ref={ref}>
      <input type="radio" name="g" value="a" aria-label="a" />
      <input type="radio" name="g" value="b" aria-label="b" />
    </div>
  );
}

/** Taps radio `value` in the commit that renders it, before any passive effect has run (as a tap on a radio already painted can). */
function TapInSameCommit({ value }: { value: string }) {
  useLayoutEffect(() => {
    const radio = document.querySelector<HTMLInputElement>(`input[type="radio"][value="${value}"]`)!;
    radio.checked = true;
    radio.dispatchEvent(new Event('change', { bubbles: true }));
  }, [value]);
  return null;
}

describe('native radios', () => {
  it('hand a tap to the form from the moment they are in the page', () => {
    const picked: string[] = [];
    render(
      <>
        <Group onPick={(v) => picked.push(v)} />
        <TapInSameCommit value="b" />
      </>,
    );
    expect(picked).toEqual(['b']);
  });
});
