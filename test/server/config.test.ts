// @vitest-environment node
/** The server's settings from the environment: what is taken, and what is refused with a clear message. */
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_MAX_EVENT_LOOP_DELAY_MS, readConfig } from '../../src/server/config';

describe('TRUST_PROXY', () => {
  it('is unset by default: the connection’s peer is the client', () => {
    expect(readConfig({}).trustProxy).toBeUndefined();
  });

  it('takes addresses, CIDR ranges and proxy-addr’s range names, separated by commas', () => {
    expect(readConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8, loopback' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', 'loopback']);
  });

  it.each(['true', '*', '1', '300.1.1.1', '10.0.0.0/33', '::1/129', '10.0.0.0/8/1', 'proxy.example', ','])('refuses %j, naming what was wrong', (value) => {
    expect(() => readConfig({ TRUST_PROXY: value })).toThrow(ConfigError);
    expect(() => readConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY must list the reverse proxy's addresses/);
  });
});

describe('MAX_EVENT_LOOP_DELAY_MS', () => {
  it('defaults to half a second, 0 turns shedding off, anything else is refused', () => {
    expect(readConfig({}).maxEventLoopDelayMs).toBe(DEFAULT_MAX_EVENT_LOOP_DELAY_MS);
    expect(readConfig({ MAX_EVENT_LOOP_DELAY_MS: '250' }).maxEventLoopDelayMs).toBe(250);
    expect(readConfig({ MAX_EVENT_LOOP_DELAY_MS: '0' }).maxEventLoopDelayMs).toBe(false);
    expect(() => readConfig({ MAX_EVENT_LOOP_DELAY_MS: 'fast' })).toThrow(/MAX_EVENT_LOOP_DELAY_MS must be a whole number/);
  });
});
