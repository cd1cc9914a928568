import { describe, expect, it } from 'vitest';
import { newId } from '../../src/store';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newId', () => {
  it('makes a UUID v4 with crypto.randomUUID', () => {
    expect(newId()).toMatch(UUID_V4);
  });

  it('falls back to getRandomValues where randomUUID is missing (plain-http pages)', () => {
    const insecure = { getRandomValues: (a: Uint8Array<ArrayBuffer>) => crypto.getRandomValues(a) };
    const ids = new Set(Array.from({ length: 200 }, () => newId(insecure)));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });
});
