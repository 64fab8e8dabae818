import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config';
import { registerBorrower, TestClient, useTestApp } from '../support/test-app';

const PROXY = '10.0.0.7';
const t = useTestApp({ env: { TRUST_PROXY: `${PROXY},192.168.0.0/16` } });

describe('TRUST_PROXY: a list of proxy addresses and ranges', () => {
  it.each([
    ['10.0.0.0/8, 127.0.0.1', ['10.0.0.0/8', '127.0.0.1']],
    ['loopback', ['loopback']],
    ['::1,fd00::/8', ['::1', 'fd00::/8']],
    ['false', false],
  ])('TRUST_PROXY=%s → %j', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each(['true', '1', 'yes', '10.0.0.0/33', 'proxy.example.ru', '10.0.0.1/8/1'])(
    'refuses TRUST_PROXY=%s (believing anyone would let a client choose its address)',
    (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(ConfigError);
    },
  );

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    const { person } = await registerBorrower(new TestClient(t.app, '198.51.100.1'), t.deps);
    /** Signs in from `remoteAddress` claiming X-Forwarded-For 203.0.113.99; returns the session's recorded IP. */
    const ipSeenFrom = async (remoteAddress: string) => {
      const csrf = await t.app.inject({ url: '/api/csrf', remoteAddress });
      const cookie = csrf.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const headers = { 'x-forwarded-for': '203.0.113.99', 'x-csrf-token': csrf.json().token, cookie };
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress,
        headers,
        payload: { phone: person.phone, password: person.password },
      });
      expect(login.statusCode).toBe(200);
      const sid = login.cookies.find((c) => c.name === 'sid')?.value;
      const sessions = await t.app.inject({
        url: '/api/me/sessions',
        remoteAddress,
        headers: { cookie: `sid=${sid}` },
      });
      return sessions.json<{ current: boolean; ip: string }[]>().find((s) => s.current)?.ip;
    };
    expect(await ipSeenFrom(PROXY)).toBe('203.0.113.99');
    expect(await ipSeenFrom('192.168.4.2')).toBe('203.0.113.99');
    expect(await ipSeenFrom('198.51.100.50')).toBe('198.51.100.50');
  });
});
