import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { ZProblem, type Endpoint } from '../../contracts';
import { closes, retryAfterSeconds, type MaintenanceScope } from '../../domain/maintenance';
import { AppError } from '../app-error';
import type { Deps, RequestMeta } from '../deps';
import type { ActorOf, Audience } from '../actor';
import { authenticate } from './auth';
import { readDeviceId } from './device-cookie';
import type { Permission } from './permissions';
import { roleCan } from './permissions';
import { servesRoute } from './surfaces';

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

/**
 * A binary document answer (a PDF; or `application/octet-stream` for stored files whose type the handler names in
 * FileAnswer.contentType), outside the JSON contract table.
 */
export type FileEndpoint = {
  method: 'GET';
  path: string;
  params?: z.ZodObject;
  summary: string;
  produces: 'application/pdf' | 'application/octet-stream';
};

/**
 * A live stream of Server-Sent Events (@fastify/sse): the handler writes the events itself through
 * `reply.sse` and returns when the stream ends; route() keeps the audience checks in front of it.
 */
export type StreamEndpoint = {
  method: 'GET';
  path: string;
  params?: z.ZodObject;
  summary: string;
  produces: 'text/event-stream';
};

/**
 * What a file route's handler returns: the bytes, the name to save them under, their SHA-256 if signed, and their
 * content type when the endpoint produces `application/octet-stream` (a sniffed, allowed type).
 */
export type FileAnswer = { file: Buffer; filename: string; sha256?: string | null; contentType?: string };

type AnyEndpoint = Endpoint | FileEndpoint | StreamEndpoint;
type AnswerOf<E> = E extends Endpoint ? z.input<E['response']> : E extends StreamEndpoint ? void : FileAnswer;

export type RouteContext<E extends AnyEndpoint, A extends Audience> = {
  body: E extends Endpoint ? Out<E['body']> : undefined;
  params: Out<E['params']>;
  request: FastifyRequest;
  reply: FastifyReply;
  meta: RequestMeta;
  actor: ActorOf<A>;
};

/**
 * Who may call a route: its audience (actor.ts), and for staff routes the permission required (permissions.ts).
 * `duringMaintenance`: still served during maintenance of the whole site (health, status); staff, webhook and dev
 * routes are always served (the back office and the providers work during the site's maintenance).
 * `maintenanceScope`: the part of the site the route belongs to — also closed by maintenance of that part alone
 * (the back office's switch: new applications only, or payments only).
 */
export type RouteOptions<A extends Audience> = {
  audience: A;
  duringMaintenance?: boolean;
  maintenanceScope?: Exclude<MaintenanceScope, 'all'>;
  /** A larger body than the app's default 64 KiB (bytes), for the few routes that carry files. */
  bodyLimit?: number;
} & (A extends 'staff' ? { permission: Permission } : { permission?: never });

/**
 * The caller's address, browser and device: the User-Agent is cut to 512 characters without control characters;
 * the device id only from a validly signed device cookie.
 */
export const metaOf = (request: FastifyRequest, deps: Pick<Deps, 'cipher' | 'config'>): RequestMeta => ({
  ip: request.ip,
  userAgent: request.headers['user-agent']?.replace(/\p{Cc}/gu, '').slice(0, 512),
  deviceId: readDeviceId(request, deps.cipher, deps.config),
});

/** One registered route as the route table lists it. */
export type RegisteredRoute = {
  method: string;
  path: string;
  audience: Audience;
  permission?: Permission;
  /** A file or an event stream; JSON otherwise. */
  produces?: string;
};

const tables = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** Every route registered through route() on this app, with its audience: for the access tests and the docs. */
export const routeTable = (app: FastifyInstance): readonly RegisteredRoute[] => tables.get(app) ?? [];

/** Audiences a state-changing request must carry the CSRF token for (a browser with a session cookie). */
const CSRF_AUDIENCES: readonly Audience[] = ['public', 'borrower', 'staff', 'dev'];
/** Audiences the maintenance switch closes (unless the route says otherwise). */
const MAINTAINED_AUDIENCES: readonly Audience[] = ['public', 'borrower'];

/**
 * Registers one route — the only way routes are registered. Uniformly, for JSON endpoints of the contract table and
 * for file endpoints alike: maintenance first, then CSRF on state-changing methods, then the auth step puts the
 * actor on the request and the audience (and permission) is enforced — all before the body is read; then the schemas
 * validate the request and serialise the answer. Throws at request time AppError MAINTENANCE (503), UNAUTHENTICATED (401), FORBIDDEN (403).
 */
export function route<E extends AnyEndpoint, A extends Audience>(
  app: FastifyInstance,
  deps: Deps,
  endpoint: E,
  options: RouteOptions<A>,
  handler: (ctx: RouteContext<E, A>) => Promise<AnswerOf<E>>,
): void {
  const { audience } = options;
  // An instance serving only some surfaces (SURFACES) does not register the others' routes at all.
  if (!servesRoute(deps.config.surfaces, endpoint.path, audience)) return;
  const table = tables.get(app) ?? [];
  tables.set(app, table);
  table.push({
    method: endpoint.method,
    path: endpoint.path,
    audience,
    ...(options.permission ? { permission: options.permission } : {}),
    ...('produces' in endpoint ? { produces: endpoint.produces } : {}),
  });
  // Maintenance as this instance knows it now (followed live from the back office's switch and MAINTENANCE_MODE).
  const maintenanceGuard = () => {
    const state = deps.maintenance.current();
    if (!closes(state, options.maintenanceScope)) return;
    throw new AppError('MAINTENANCE', {
      ...(state.message ? { detail: state.message } : {}),
      retryAfterSec: retryAfterSeconds(state, deps.clock.now()),
    });
  };
  // Who may call: before the body is even parsed, so a stranger learns nothing from validation errors.
  const admit = async (request: FastifyRequest, reply: FastifyReply) => {
    const actor = await authenticate(deps, request, reply, audience);
    if (audience === 'borrower' && actor.kind !== 'borrower') throw new AppError('UNAUTHENTICATED');
    if (audience === 'staff') {
      if (actor.kind !== 'staff') throw new AppError('UNAUTHENTICATED');
      if (!roleCan(actor.role, (options as { permission: Permission }).permission))
        throw new AppError('FORBIDDEN');
    }
  };
  const guarded = MAINTAINED_AUDIENCES.includes(audience) && !options.duringMaintenance;
  // Without CSRF (GET, webhooks) maintenance and admission are one hook: one step less on every read.
  const guardThenAdmit = async (request: FastifyRequest, reply: FastifyReply) => {
    if (guarded) maintenanceGuard();
    await admit(request, reply);
  };
  const csrf = endpoint.method !== 'GET' && CSRF_AUDIENCES.includes(audience);
  const isStream = 'produces' in endpoint && endpoint.produces === 'text/event-stream';
  const isFile = 'produces' in endpoint && !isStream;
  const status = isFile ? 200 : ((endpoint as Endpoint).status ?? 200);
  app.withTypeProvider<ZodTypeProvider>().route({
    method: endpoint.method,
    url: endpoint.path,
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
    // A stream answers with events, written by the handler through reply.sse (@fastify/sse), not a serialised body.
    ...(isStream ? { sse: { kind: 'only' as const } } : {}),
    schema: {
      summary: endpoint.summary,
      tags: [endpoint.path.split('/')[2] ?? 'api'],
      ...(endpoint.params ? { params: endpoint.params } : {}),
      ...(!isFile && (endpoint as Endpoint).body ? { body: (endpoint as Endpoint).body } : {}),
      response:
        isFile || isStream
          ? { '4XX': ZProblem, '5XX': ZProblem }
          : { [status]: (endpoint as Endpoint).response, '4XX': ZProblem, '5XX': ZProblem },
    },
    // Maintenance first: during works nothing else about the request matters.
    onRequest: csrf
      ? [...(guarded ? [async () => maintenanceGuard()] : []), app.csrfProtection, admit]
      : [guardThenAdmit],
    handler: async (request, reply) => {
      const actor = await authenticate(deps, request, reply, audience);
      const result = await handler({
        body: request.body as RouteContext<E, A>['body'],
        params: request.params as Out<E['params']>,
        request,
        reply,
        meta: metaOf(request, deps),
        actor: actor as ActorOf<A>,
      });
      // The schemas above checked the answer's shape; the typed reply cannot see through the union of endpoint kinds.
      const answer = reply as unknown as FastifyReply;
      if (isStream) return;
      if (!isFile) return answer.status(status).send(result);
      const document = result as FileAnswer;
      if (document.sha256) answer.header('x-document-sha256', document.sha256);
      return answer
        .type(document.contentType ?? (endpoint as FileEndpoint).produces)
        .header('content-disposition', `inline; filename="${encodeURIComponent(document.filename)}"`)
        .send(document.file);
    },
  });
}
