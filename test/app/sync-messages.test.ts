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

describe('the error catalogue on the device', () => {
  it('has a Vietnamese and an English text for every API error code, and uses it where the context has none', async () => {
    const { API_ERROR_CODES } = await import('../../src/contract');
    const { default: vi } = await import('../../src/app/i18n/vi');
    const { default: en } = await import('../../src/app/i18n/en');
    const { enrolErrorKey, rejectionKey } = await import('../../src/app/sync/messages');
    for (const code of API_ERROR_CODES) {
      expect(vi.apiError[code], code).toMatch(/\S/);
      expect(en.apiError[code], code).toMatch(/\S/);
    }
    // A refusal the device's own list has no sentence for still gets its own text, not "refused (code …)".
    expect(rejectionKey('quota_full')).toBe('apiError.quota_full');
    expect(rejectionKey('link_mismatch')).toBe('apiError.link_mismatch');
    expect(rejectionKey('conflict')).toBe('device.reason.conflict');
    expect(enrolErrorKey('forbidden')).toBe('apiError.forbidden');
    expect(syncErrorKey({ code: 'forbidden' })).toBe('apiError.forbidden');
    expect(rejectionKey('something_new')).toBe('device.reason.other');
  });
});

describe('the error catalogue on the server', () => {
  it('gives each code one status: a refusal carries its code’s', async () => {
    const { API_ERRORS } = await import('../../src/contract');
    const { ServerRefusal } = await import('../../src/server/errors');
    for (const [code, spec] of Object.entries(API_ERRORS)) expect(new ServerRefusal(code as keyof typeof API_ERRORS, 'x').statusCode, code).toBe(spec.status);
    expect(API_ERRORS.unknown_version.status).toBe(422);
    // Retryable codes are exactly those the device keeps and sends again.
    expect(Object.entries(API_ERRORS).filter(([, s]) => s.retryable).map(([c]) => c).sort()).toEqual(['database_unavailable', 'internal', 'overloaded', 'rate_limited']);
  });
});
