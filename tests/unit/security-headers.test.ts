import fastifyHelmet from '@fastify/helmet';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { addSecurityHeaders, securityHeaderOptions } from '../../src/server/http/security-headers';

/** The headers of one answer of a bare Fastify app set up by `setUp`, minus those Fastify itself adds. */
async function headersOf(setUp: (app: ReturnType<typeof Fastify>) => Promise<void> | void) {
  const app = Fastify();
  await setUp(app);
  app.get('/', async () => ({ ok: true }));
  app.get('/fails', async () => {
    throw new Error('boom');
  });
  const [ok, failed] = [await app.inject('/'), await app.inject('/fails')];
  await app.close();
  const strip = (headers: Record<string, unknown>) => {
    const { date: _d, connection: _c, 'content-length': _l, 'content-type': _t, ...rest } = headers;
    return rest;
  };
  return { ok: strip(ok.headers), failed: strip(failed.headers) };
}

describe('security headers', () => {
  it.each([false, true])(
    'are exactly what @fastify/helmet sends (production: %s), errors included',
    async (production) => {
      const options = securityHeaderOptions({ production });
      const plugin = await headersOf((app) => app.register(fastifyHelmet, options));
      const ours = await headersOf((app) => addSecurityHeaders(app, { production }));
      expect(ours).toEqual(plugin);
      expect(ours.ok['content-security-policy']).toContain("frame-ancestors 'none'");
      expect('strict-transport-security' in ours.ok).toBe(production);
    },
  );
});
