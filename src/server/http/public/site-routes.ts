import type { FastifyInstance } from 'fastify';
import { api } from '../../../contracts';
import { consentDocuments } from '../../documents/consent-documents';
import type { Deps } from '../../deps';
import { issueCaptcha } from '../../modules/identity/issue-captcha';
import { route } from '../route';

const always = { auth: false, duringMaintenance: true } as const;

export function siteRoutes(app: FastifyInstance, deps: Deps, ping: () => Promise<void>) {
  route(app, deps, api.health, always, async () => ({ status: 'ok' as const }));

  app.get(
    api.ready.path,
    { schema: { summary: api.ready.summary, tags: ['ready'] } },
    async (request, reply) => {
      try {
        await ping();
        return { status: 'ready' };
      } catch (error) {
        request.log.error({ err: error }, 'readiness: database unreachable');
        return reply.status(503).send({ status: 'unavailable' });
      }
    },
  );

  route(app, deps, api.status, always, async () => ({
    maintenance: deps.config.maintenance.enabled,
    maintenanceMessage: deps.config.maintenance.message,
    demo: deps.config.demo,
    ...deps.config.site,
  }));

  route(app, deps, api.csrf, always, async ({ reply }) => ({ token: reply.generateCsrf() }));

  route(app, deps, api.consentDocuments, always, async () => consentDocuments());

  route(app, deps, api.captcha, { auth: false }, async ({ meta }) => issueCaptcha(deps, { ip: meta.ip }));
}
