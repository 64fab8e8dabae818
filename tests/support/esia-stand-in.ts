import { generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';

/** What the ESIA stand-in does on its next calls: the happy path by default. */
export type EsiaScenario = {
  decline?: boolean;
  untrusted?: boolean;
  passportStatus?: 'VERIFIED' | 'NOT_VERIFIED' | 'none';
  noMobile?: boolean;
  /** The token answer carries another state. */
  stateMismatch?: boolean;
  /** The id_token's nonce differs. */
  nonceMismatch?: boolean;
  /** Seconds added to the token's iat/nbf/exp base (negative: issued in the past). */
  tokenClockOffsetSec?: number;
  tokenStatus?: 429 | 500 | 'hang';
  personStatus?: 500 | 'hang';
  docsForbidden?: boolean;
};

export const ESIA_CLIENT_ID = 'MFO_TEST';
export const ESIA_OID = '1000299353';

/**
 * A stand-in for ESIA's v2/ac, v3/te and /rs/prns on 127.0.0.1. It checks what real ESIA checks: the client id,
 * the registered redirect_uri, the timestamp (format and ±5 minutes), `client_certificate_hash` (ESIA-007053
 * otherwise) and `client_secret` — verified here with the LOCAL stand-in signer's public key over
 * client_id+scope+timestamp+state+redirect_uri(+code) (real ESIA verifies GOST) — codes single-use. Tokens are
 * RS256 JWTs of its own key (`publicKeyPem` for the adapter).
 */
export function esiaStandIn(options: {
  signerKey: KeyObject;
  certificateHash: string;
  redirectUri: string;
  now: () => Date;
}) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const scenario: EsiaScenario = {};
  const codes = new Map<string, { nonce: string; state: string; used: boolean }>();
  const calls: { method: string; path: string; form?: Record<string, string> }[] = [];
  const hanging: ServerResponse[] = [];
  let counter = 0;

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const checkCommon = (p: Record<string, string>, code = ''): string | null => {
    if (p.client_id !== ESIA_CLIENT_ID) return 'ESIA-007002';
    if (p.redirect_uri !== options.redirectUri) return 'ESIA-007004';
    const ts = /^(\d{4})\.(\d{2})\.(\d{2}) (\d{2}):(\d{2}):(\d{2}) \+0000$/.exec(p.timestamp ?? '');
    if (!ts) return 'ESIA-007005';
    const at = Date.UTC(+ts[1]!, +ts[2]! - 1, +ts[3]!, +ts[4]!, +ts[5]!, +ts[6]!);
    if (Math.abs(at - options.now().getTime()) > 5 * 60_000) return 'ESIA-007005';
    if (p.client_certificate_hash !== options.certificateHash) return 'ESIA-007053';
    const text = `${p.client_id}${p.scope}${p.timestamp}${p.state}${p.redirect_uri}${code}`;
    const ok = verify(
      null,
      Buffer.from(text),
      options.signerKey,
      Buffer.from(p.client_secret ?? '', 'base64url'),
    );
    return ok ? null : 'ESIA-007053';
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://stand-in');
        const form = Object.fromEntries(new URLSearchParams(raw));
        calls.push({ method: req.method ?? '', path: url.pathname, ...(raw ? { form } : {}) });
        if (req.method === 'GET' && url.pathname === '/aas/oauth2/v2/ac') {
          const p = Object.fromEntries(url.searchParams);
          const problem = checkCommon(p);
          if (problem) return json(res, 400, { error: problem });
          const back = new URL(p.redirect_uri!);
          back.searchParams.set('state', p.state!);
          if (scenario.decline) back.searchParams.set('error', 'access_denied');
          else {
            const code = `code-${++counter}`;
            codes.set(code, { nonce: p.nonce ?? '', state: p.state!, used: false });
            back.searchParams.set('code', code);
          }
          res.writeHead(302, { location: back.toString() });
          return res.end();
        }
        if (req.method === 'POST' && url.pathname === '/aas/oauth2/v3/te') {
          if (scenario.tokenStatus === 'hang') return void hanging.push(res);
          if (scenario.tokenStatus === 429)
            return json(res, 429, { error: 'too_many' }, { 'retry-after': '7' });
          if (scenario.tokenStatus === 500) return json(res, 500, { error: 'internal' });
          const problem = checkCommon(form, form.code ?? '');
          if (problem) return json(res, 400, { error: problem });
          const issued = codes.get(form.code ?? '');
          if (!issued || issued.used || issued.state !== form.state)
            return json(res, 400, { error: 'invalid_grant' });
          issued.used = true;
          const base = Math.floor(options.now().getTime() / 1000) + (scenario.tokenClockOffsetSec ?? 0);
          const sbj: Record<string, unknown> = {
            'urn:esia:sbj:oid': Number(ESIA_OID),
            'urn:esia:sbj:typ': 'P',
            'urn:esia:sbj:nam': `OID.${ESIA_OID}`,
          };
          if (!scenario.untrusted) sbj['urn:esia:sbj:is_tru'] = true;
          const idToken = await new SignJWT({
            'urn:esia:sbj': sbj,
            nonce: scenario.nonceMismatch ? 'другой' : issued.nonce,
            amr: 'PWD',
          })
            .setProtectedHeader({ alg: 'RS256' })
            .setIssuer('http://esia.gosuslugi.ru/')
            .setAudience(ESIA_CLIENT_ID)
            .setSubject(ESIA_OID)
            .setIssuedAt(base)
            .setNotBefore(base)
            .setExpirationTime(base + 3600)
            .sign(privateKey);
          const accessToken = await new SignJWT({ 'urn:esia:sbj_id': Number(ESIA_OID), scope: form.scope })
            .setProtectedHeader({ alg: 'RS256' })
            .setIssuedAt(base)
            .setExpirationTime(base + 3600)
            .sign(privateKey);
          return json(res, 200, {
            access_token: accessToken,
            id_token: idToken,
            state: scenario.stateMismatch ? crypto.randomUUID() : form.state,
            token_type: 'Bearer',
            expires_in: 3600,
          });
        }
        if (req.method === 'GET' && url.pathname.startsWith(`/rs/prns/${ESIA_OID}`)) {
          if (!req.headers.authorization?.startsWith('Bearer ')) return json(res, 401, { error: 'no token' });
          if (scenario.personStatus === 'hang') return void hanging.push(res);
          if (scenario.personStatus === 500) return json(res, 500, {});
          const rest = url.pathname.slice(`/rs/prns/${ESIA_OID}`.length);
          if (rest === '')
            return json(res, 200, {
              firstName: 'Анна',
              lastName: 'Гагарина',
              middleName: 'Сергеевна',
              birthDate: '12.04.1990',
              gender: 'F',
              trusted: !scenario.untrusted,
            });
          if (rest === '/docs') {
            if (scenario.docsForbidden) return json(res, 403, { error: 'scope' });
            const status = scenario.passportStatus ?? 'VERIFIED';
            const elements =
              status === 'none'
                ? []
                : [
                    {
                      type: 'RF_PASSPORT',
                      series: '4510',
                      number: '654321',
                      issueDate: '20.05.2015',
                      issueId: '770-001',
                      issuedBy: 'ОТДЕЛОМ УФМС РОССИИ ПО ГОР. МОСКВЕ',
                      vrfStu: status,
                    },
                  ];
            return json(res, 200, { size: elements.length, elements });
          }
          if (rest === '/ctts') {
            const elements = scenario.noMobile
              ? [{ type: 'EML', value: 'a@example.ru', vrfStu: 'VERIFIED' }]
              : [{ type: 'MBT', value: '+7(916)1234567', vrfStu: 'VERIFIED' }];
            return json(res, 200, { size: elements.length, elements });
          }
        }
        json(res, 404, { error: 'not found' });
      })();
    });
  });
  return {
    scenario,
    calls,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
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
