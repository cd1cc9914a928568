/** The device's messages for the server's refusals: a busy server is said to be busy, whichever code says so. */
import { describe, expect, it } from 'vitest';
import { syncErrorKey } from '../../src/app/sync/messages';

describe('sync error messages', () => {
  it.each(['rate_limited', 'overloaded', 'database_unavailable'])('%s: the server is busy, sent again later', (code) => {
    expect(syncErrorKey({ code })).toBe('sync.error.rate_limited');
  });

  it('a code it does not know: the generic message, never the raw code', () => {
    expect(syncErrorKey({ code: 'something_new' })).toBe('sync.error.other');
  });
});
