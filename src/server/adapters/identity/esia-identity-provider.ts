import { createPublicKey, type KeyObject } from 'node:crypto';
import {
  IdentityProviderError,
  type AuthorizationRequest,
  type IdentityProviderPort,
  type PersonItem,
  type ProviderPassport,
  type ProviderPerson,
  type ProviderTokens,
} from './identity-provider-port';
import { idpCall, isoDate, mobileOf, obj, sexOf, str } from './idp-http';
import type { EsiaSignerPort } from './signer-port';

/** ESIA's production address (the test contour is esia-portal1.test.gosuslugi.ru). */
export const ESIA_URL = 'https://esia.gosuslugi.ru';
/** The scopes a lender needs: names, birth date, sex, the passport (id_doc) and the mobile phone. */
export const ESIA_SCOPE = 'openid fullname birthdate gender id_doc mobile';

export type EsiaOptions = {
  baseUrl: string;
  /** The system's mnemonic registered on the technology portal. */
  clientId: string;
  scope?: string | undefined;
  signer: EsiaSignerPort;
  /** ESIA's token-signing certificate or public key (PEM) when tokens are RS256; otherwise claims are only read. */
  tokenKeyPem?: string | undefined;
  /** The `iss` of ESIA's tokens. */
  issuer?: string | undefined;
  clockSkewSec: number;
  timeoutMs?: number | undefined;
  now: () => Date;
};

/**
 * Gosuslugi (ESIA) over OAuth 2.0, the v2 authorize + v3 token flow (see integrations-research A.1):
 * - `GET /aas/oauth2/v2/ac` with `client_secret` = signature of `client_id + scope + timestamp + state +
 *   redirect_uri`, `client_certificate_hash`, `timestamp` 'yyyy.MM.dd HH:mm:ss +0000';
 * - `POST /aas/oauth2/v3/te` with the same fields + `code` (signed too), `grant_type=authorization_code`,
 *   `token_type=Bearer`; the answer's `state` must equal ours; the id_token's `aud`, `iss`, `exp`/`nbf` (± clock
 *   skew) and `nonce` are checked (signature too when `tokenKeyPem` is set: RS256 via jose);
 * - `GET /rs/prns/{oid}` (names, birthDate dd.MM.yyyy, gender, trusted), `/docs` (RF_PASSPORT with vrfStu),
 *   `/ctts` (MBT): a 403 on docs or contacts means the scope was not granted (reported in `missing`).
 * PKCE is not sent: ESIA's PKCE needs a GOST R 34.11 challenge (state, nonce and the signature protect the flow).
 */
export class EsiaIdentityProvider implements IdentityProviderPort {
  readonly id = 'esia' as const;
  private readonly base: string;
  private readonly scope: string;
  private readonly tokenKey: KeyObject | undefined;

  constructor(private readonly options: EsiaOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.scope = options.scope ?? ESIA_SCOPE;
    this.tokenKey = options.tokenKeyPem ? createPublicKey(options.tokenKeyPem) : undefined;
  }

  async authorizationUrl(request: AuthorizationRequest): Promise<string> {
    const params = await this.signedParams(request, '');
    const query = new URLSearchParams({
      ...params,
      response_type: 'code',
      access_type: 'online',
      nonce: request.nonce,
    });
    return `${this.base}/aas/oauth2/v2/ac?${query.toString()}`;
  }

  async exchangeCode(request: AuthorizationRequest & { code: string }): Promise<ProviderTokens> {
    const params = await this.signedParams(request, request.code);
    const answer = obj(
      await idpCall({
        provider: 'esia',
        url: `${this.base}/aas/oauth2/v3/te`,
        method: 'POST',
        form: { ...params, code: request.code, grant_type: 'authorization_code', token_type: 'Bearer' },
        timeoutMs: this.timeout(),
      }),
    );
    const accessToken = str(answer.access_token);
    const idToken = str(answer.id_token);
    if (!accessToken || !idToken) throw this.invalid('no access_token or id_token');
    if (answer.state !== request.state) throw this.invalid('state mismatch in the token answer');
    const claims = await this.checkIdToken(idToken, request.nonce);
    const sbj = obj(claims['urn:esia:sbj']);
    let access: Record<string, unknown> = {};
    try {
      access = (await import('jose')).decodeJwt(accessToken);
    } catch {
      // An opaque access token is allowed: the oid then comes from the id_token alone.
    }
    const oid = String(sbj['urn:esia:sbj:oid'] ?? access['urn:esia:sbj_id'] ?? claims.sub ?? '');
    if (!/^\d{1,20}$/.test(oid)) throw this.invalid('no oid');
    const scope = str(access.scope) ?? this.scope;
    return { accessToken, subject: oid, grantedScopes: scope.split(/\s+/), idClaims: claims };
  }

  async fetchPerson(tokens: ProviderTokens): Promise<ProviderPerson> {
    const oid = tokens.subject;
    const get = (path: string, absentOn: number[] = []) =>
      idpCall({
        provider: 'esia',
        url: `${this.base}/rs/prns/${encodeURIComponent(oid)}${path}`,
        method: 'GET',
        headers: { authorization: `Bearer ${tokens.accessToken}` },
        timeoutMs: this.timeout(),
        absentOn,
      });
    const person = obj(await get(''));
    const docs = await get('/docs?embed=(elements)', [403]);
    const contacts = await get('/ctts?embed=(elements)', [403]);

    const passportDoc = elements(docs).find((d) => d.type === 'RF_PASSPORT');
    const passport: ProviderPassport | undefined = passportDoc
      ? {
          series: String(passportDoc.series ?? '').replace(/\s/g, ''),
          number: String(passportDoc.number ?? '').replace(/\s/g, ''),
          issuedOn: isoDate(passportDoc.issueDate) ?? '',
          issuer: str(passportDoc.issuedBy) ?? '',
          divisionCode: String(passportDoc.issueId ?? ''),
          verified: passportDoc.vrfStu === 'VERIFIED',
        }
      : undefined;
    const mobile = elements(contacts).find((c) => c.type === 'MBT');
    const phone = mobileOf(mobile?.value);
    const sbj = obj(tokens.idClaims?.['urn:esia:sbj']);
    const trusted = person.trusted === true && 'urn:esia:sbj:is_tru' in sbj;

    const result: ProviderPerson = {
      subject: oid,
      lastName: str(person.lastName),
      firstName: str(person.firstName),
      middleName: str(person.middleName),
      birthDate: isoDate(person.birthDate),
      sex: sexOf(person.gender),
      phone,
      passport,
      trusted,
      grantedScopes: tokens.grantedScopes,
      missing: [],
    };
    result.missing = missingItems(result);
    return result;
  }

  private async signedParams(request: AuthorizationRequest, code: string): Promise<Record<string, string>> {
    const { clientId } = this.options;
    const timestamp = esiaTimestamp(this.options.now());
    const secret = await this.options.signer.sign(
      `${clientId}${this.scope}${timestamp}${request.state}${request.redirectUri}${code}`,
    );
    return {
      client_id: clientId,
      client_secret: secret,
      client_certificate_hash: await this.options.signer.certificateHash(),
      scope: this.scope,
      timestamp,
      state: request.state,
      redirect_uri: request.redirectUri,
    };
  }

  private async checkIdToken(idToken: string, nonce: string): Promise<Record<string, unknown>> {
    const skew = this.options.clockSkewSec;
    const issuer = this.options.issuer ?? 'http://esia.gosuslugi.ru/';
    // jose is imported at the first ЕСИА sign-in, not at start-up (issue 9: the restart).
    const { decodeJwt, jwtVerify } = await import('jose');
    let claims: Record<string, unknown>;
    if (this.tokenKey) {
      try {
        const verified = await jwtVerify(idToken, this.tokenKey, {
          issuer,
          audience: this.options.clientId,
          clockTolerance: skew,
          currentDate: this.options.now(),
        });
        claims = verified.payload;
      } catch (error) {
        throw this.invalid(`id_token: ${(error as Error).name}`);
      }
    } else {
      try {
        claims = decodeJwt(idToken);
      } catch {
        throw this.invalid('id_token is not a JWT');
      }
      const now = this.options.now().getTime() / 1000;
      const aud = claims.aud;
      if (claims.iss !== issuer) throw this.invalid('id_token: wrong iss');
      if (!(aud === this.options.clientId || (Array.isArray(aud) && aud.includes(this.options.clientId))))
        throw this.invalid('id_token: wrong aud');
      if (typeof claims.exp !== 'number' || claims.exp + skew < now) throw this.invalid('id_token: expired');
      if (typeof claims.nbf === 'number' && claims.nbf - skew > now)
        throw this.invalid('id_token: not yet valid');
    }
    if (claims.nonce !== undefined && claims.nonce !== nonce) throw this.invalid('id_token: nonce mismatch');
    return claims;
  }

  private timeout() {
    return this.options.timeoutMs ?? 10_000;
  }

  private invalid(message: string) {
    return new IdentityProviderError('invalid-response', `esia: ${message}`, 'esia');
  }
}

/** ESIA's `timestamp`: 'yyyy.MM.dd HH:mm:ss +0000' (UTC). */
export function esiaTimestamp(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${at.getUTCFullYear()}.${p(at.getUTCMonth() + 1)}.${p(at.getUTCDate())} ` +
    `${p(at.getUTCHours())}:${p(at.getUTCMinutes())}:${p(at.getUTCSeconds())} +0000`
  );
}

/** ESIA's collection shape `{ size, elements: [...] }` → the elements as objects. */
function elements(collection: unknown): Record<string, unknown>[] {
  const list = obj(collection).elements;
  return Array.isArray(list) ? list.map(obj) : [];
}

/** What a normalised person lacks. */
export function missingItems(person: Omit<ProviderPerson, 'missing'>): PersonItem[] {
  const missing: PersonItem[] = [];
  if (!person.lastName || !person.firstName) missing.push('name');
  if (!person.birthDate) missing.push('birthDate');
  if (!person.sex) missing.push('sex');
  if (!person.phone) missing.push('phone');
  if (!person.passport) missing.push('passport');
  return missing;
}
