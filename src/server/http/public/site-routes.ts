import type { FastifyInstance } from 'fastify';
import { api } from '../../../contracts';
import { consentDocuments } from '../../documents/consent-documents';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import { issueCaptcha } from '../../modules/identity/issue-captcha';
import { route } from '../route';

const always = { audience: 'public', duringMaintenance: true } as const;

export function siteRoutes(app: FastifyInstance, deps: Deps, ping: () => Promise<void>) {
  route(app, deps, api.health, always, async () => ({ status: 'ok' as const }));

  route(app, deps, api.ready, always, async ({ request }) => {
    try {
      await ping();
      return { status: 'ready' as const };
    } catch (error) {
      request.log.error({ err: error }, 'readiness: database unreachable');
      throw new AppError('NOT_READY');
    }
  });

  route(app, deps, api.status, always, async () => {
    const maintenance = deps.maintenance.current();
    return {
      maintenance: maintenance.active,
      maintenanceScope: maintenance.scope,
      maintenanceMessage: maintenance.message,
      maintenancePlannedStart: maintenance.plannedStart?.toISOString() ?? null,
      maintenancePlannedEnd: maintenance.plannedEnd?.toISOString() ?? null,
      demo: deps.config.demo,
      ...deps.config.site,
    };
  });

  route(app, deps, api.csrf, always, async ({ reply }) => ({ token: reply.generateCsrf() }));

  route(app, deps, api.consentDocuments, always, async () => consentDocuments());

  route(app, deps, api.captcha, { audience: 'public' }, async ({ meta }) =>
    issueCaptcha(deps, { ip: meta.ip }),
  );
}
