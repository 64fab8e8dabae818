import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { ZProblem, type Endpoint } from '../../contracts';
import { AppError } from '../app-error';
import type { Deps, RequestMeta } from '../deps';
import { resolveSession, type ActiveSession } from '../modules/identity/session-store';
import { readSessionToken, clearSessionCookie } from './session-cookie';

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

export type RouteContext<E extends Endpoint, Auth extends boolean> = {
  body: Out<E['body']>;
  params: Out<E['params']>;
  request: FastifyRequest;
  reply: FastifyReply;
  meta: RequestMeta;
  session: Auth extends true ? ActiveSession : null;
};

export type RouteOptions<Auth extends boolean> = {
  /** The borrower must be signed in; the handler gets their session. */
  auth: Auth;
  /** Still served during maintenance (health, status, documents). */
  duringMaintenance?: boolean;
};

export const metaOf = (request: FastifyRequest): RequestMeta => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'],
});

/**
 * Registers one endpoint of the contract table: its schemas validate the request and serialise the answer,
 * state-changing methods are CSRF-checked, maintenance and sign-in are enforced here and nowhere else.
 */
export function route<E extends Endpoint, Auth extends boolean>(
  app: FastifyInstance,
  deps: Deps,
  endpoint: E,
  options: RouteOptions<Auth>,
  handler: (ctx: RouteContext<E, Auth>) => Promise<z.input<E['response']>>,
): void {
  const changesState = endpoint.method !== 'GET';
  const maintenanceGuard = async () => {
    const { enabled, message } = deps.config.maintenance;
    if (enabled) throw new AppError('MAINTENANCE', message ? { detail: message } : {});
  };
  const status = endpoint.status ?? 200;
  app.withTypeProvider<ZodTypeProvider>().route({
    method: endpoint.method,
    url: endpoint.path,
    schema: {
      summary: endpoint.summary,
      tags: [endpoint.path.split('/')[2] ?? 'api'],
      ...(endpoint.params ? { params: endpoint.params } : {}),
      ...(endpoint.body ? { body: endpoint.body } : {}),
      response: { [status]: endpoint.response, '4XX': ZProblem, '5XX': ZProblem },
    },
    // Maintenance first: during works nothing else about the request matters.
    onRequest: [
      ...(options.duringMaintenance ? [] : [maintenanceGuard]),
      ...(changesState ? [app.csrfProtection] : []),
    ],
    handler: async (request, reply) => {
      let session: ActiveSession | null = null;
      if (options.auth) {
        const token = readSessionToken(request, deps.config);
        session = token ? await resolveSession(deps, token) : null;
        if (!session) {
          if (token) clearSessionCookie(reply, deps.config);
          throw new AppError('UNAUTHENTICATED');
        }
      }
      const result = await handler({
        body: request.body as Out<E['body']>,
        params: request.params as Out<E['params']>,
        request,
        reply,
        meta: metaOf(request),
        session: session as RouteContext<E, Auth>['session'],
      });
      return reply.status(status).send(result);
    },
  });
}
