// @vitest-environment node
/**
 * The canonical JSON is what stored interviews' fingerprints are computed from, so its text may
 * never change: it is checked against the straightforward definition (sorted entries, joined) on
 * arbitrary values, and against fixed texts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/contract/canonical';

/** The definition, written plainly: the text every stored fingerprint was computed from. */
function definition(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(definition).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${definition(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('canonicalJson', () => {
  it('writes exactly the text of the definition for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        expect(canonicalJson(v)).toBe(definition(v));
      }),
      { numRuns: 500 },
    );
  });

  it('writes exactly the text of the definition for values that are not JSON (undefined, holes, keys of every kind)', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('10', '9', '__proto__x', 'é', '\u{1F600}', '\ud800', '"', ''));
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(undefined, null, true, 0, -0, 1.5, 1e21, Number.NaN),
        fc.string(),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.sparseArray(tie('node'), { maxLength: 4 }),
        fc.dictionary(key, tie('node'), { maxKeys: 5 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(definition(v));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts keys by UTF-16 code units at every level and drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined }], c: 'x' }, '10': 0, '9': 0, Z: null })).toBe(
      '{"10":0,"9":0,"Z":null,"a":{"c":"x","d":[3,{"z":1}]},"b":1}',
    );
    expect(canonicalJson([1, undefined, 'é\n"'])).toBe('[1,,"é\\n\\""]');
    expect(canonicalJson('text')).toBe('"text"');
  });

  it('does not depend on the order keys arrive in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 8 }), (d) => {
        const reversed = Object.fromEntries(Object.entries(d).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(d));
      }),
    );
  });
});
