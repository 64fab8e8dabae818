import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the T-ID stand-in does on its next calls: the happy path by default. */
export type TidScenario = {
  /** The scopes introspection reports (the person may untick some); default: all. */
  scopes?: string[];
  identified?: boolean;
  inactive?: boolean;
  expiredSecondsAgo?: number;
  noPassportDocument?: boolean;
  subMismatch?: boolean;
  tokenStatus?: 429 | 500 | 'hang';
  userinfoStatus?: 500;
};

export const TID_CLIENT = { id: 'tid-client', secret: 'tid-secret' };
export const TID_SUB = 'b7c1f2e0-0000-4000-8000-000000000001';
export const TID_ALL_SCOPES = [
  'profile',
  'phone',
  'opensme/individual/passport/get',
  'opensme/individual/identification/status/get',
];

/**
 * A stand-in for T-ID on 127.0.0.1: authorize (redirect with code, state, session_state), token (HTTP Basic — 401
 * otherwise; the code single-use; PKCE S256 checked), introspect (Basic; the granted scopes), userinfo (Bearer +
 * client credentials in the form), and the bank's passport (403 without its scope, 422 without a document) and
 * identification status.
 */
export function tidStandIn(options: { now: () => Date }) {
  const scenario: TidScenario = {};
  const codes = new Map<string, { challenge: string; redirectUri: string; used: boolean }>();
  const tokens = new Map<string, { exp: number }>();
  const calls: { method: string; path: string; authorization?: string; form?: Record<string, string> }[] = [];
  const hanging: ServerResponse[] = [];
  const basic = `Basic ${Buffer.from(`${TID_CLIENT.id}:${TID_CLIENT.secret}`).toString('base64')}`;
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const scopes = () => scenario.scopes ?? TID_ALL_SCOPES;

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const form = Object.fromEntries(new URLSearchParams(raw));
      calls.push({
        method: req.method ?? '',
        path: url.pathname,
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        ...(raw ? { form } : {}),
      });
      const bearer = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
      const tokenOk = () => tokens.has(bearer);
      switch (`${req.method} ${url.pathname}`) {
        case 'GET /auth/authorize': {
          const q = url.searchParams;
          if (q.get('client_id') !== TID_CLIENT.id || q.get('code_challenge_method') !== 'S256')
            return json(res, 400, { error: 'invalid_request' });
          const code = randomBytes(8).toString('hex');
          codes.set(code, {
            challenge: q.get('code_challenge')!,
            redirectUri: q.get('redirect_uri')!,
            used: false,
          });
          const back = new URL(q.get('redirect_uri')!);
          back.searchParams.set('state', q.get('state')!);
          back.searchParams.set('code', code);
          back.searchParams.set('session_state', 'ss-1');
          res.writeHead(302, { location: back.toString() });
          return res.end();
        }
        case 'POST /auth/token': {
          if (scenario.tokenStatus === 'hang') return void hanging.push(res);
          if (scenario.tokenStatus === 429)
            return json(res, 429, { error: 'slow_down' }, { 'retry-after': '3' });
          if (scenario.tokenStatus === 500) return json(res, 500, { error: 'server_error' });
          if (req.headers.authorization !== basic) return json(res, 401, { error: 'invalid_client' });
          const issued = codes.get(form.code ?? '');
          const challenge = createHash('sha256')
            .update(form.code_verifier ?? '')
            .digest('base64url');
          if (
            !issued ||
            issued.used ||
            issued.redirectUri !== form.redirect_uri ||
            issued.challenge !== challenge
          )
            return json(res, 400, { error: 'invalid_grant' });
          issued.used = true;
          const token = randomBytes(16).toString('hex');
          const nowSec = Math.floor(options.now().getTime() / 1000);
          tokens.set(token, {
            exp: nowSec + 1800 - (scenario.expiredSecondsAgo ? 1800 + scenario.expiredSecondsAgo : 0),
          });
          return json(res, 200, {
            access_token: token,
            token_type: 'Bearer',
            expires_in: 1800,
            refresh_token: 'r',
            id_token: 'technical',
          });
        }
        case 'POST /auth/introspect': {
          if (req.headers.authorization !== basic) return json(res, 401, { error: 'invalid_client' });
          const token = tokens.get(form.token ?? '');
          if (!token || scenario.inactive) return json(res, 200, { active: false });
          return json(res, 200, {
            active: true,
            scope: scopes(),
            sub: TID_SUB,
            exp: token.exp,
            iss: 'https://id.tbank.ru',
          });
        }
        case 'POST /userinfo/userinfo': {
          if (scenario.userinfoStatus === 500) return json(res, 500, {});
          if (!tokenOk() || form.client_id !== TID_CLIENT.id || form.client_secret !== TID_CLIENT.secret)
            return json(res, 401, { error: 'invalid_token' });
          return json(res, 200, {
            sub: scenario.subMismatch ? 'someone-else' : TID_SUB,
            family_name: 'Гагарина',
            given_name: 'Анна',
            middle_name: 'Сергеевна',
            gender: 'female',
            birthdate: '1990-04-12',
            ...(scopes().includes('phone') ? { phone_number: '+79161234567' } : {}),
          });
        }
        case 'GET /openapi/api/v1/individual/documents/passport': {
          if (!tokenOk()) return json(res, 401, {});
          if (!scopes().includes('opensme/individual/passport/get'))
            return json(res, 403, { errorCode: 'FORBIDDEN' });
          if (scenario.noPassportDocument) return json(res, 422, { errorCode: 'NO_DOCUMENT' });
          return json(res, 200, {
            serialNumber: '4510 654321',
            issueDate: '2015-05-20',
            unitCode: '770-001',
            unitName: 'ОТДЕЛОМ УФМС РОССИИ ПО ГОР. МОСКВЕ',
            birthDate: '1990-04-12',
          });
        }
        case 'GET /openapi/api/v1/individual/identification/status':
          if (!tokenOk()) return json(res, 401, {});
          return json(res, 200, { isIdentified: scenario.identified ?? true });
        default:
          return json(res, 404, {});
      }
    });
  });
  return {
    scenario,
    calls,
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    close: () => {
      for (const res of hanging) res.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
