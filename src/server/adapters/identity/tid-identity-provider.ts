import { createHash } from 'node:crypto';
import { missingItems } from './esia-identity-provider';
import {
  IdentityProviderError,
  type AuthorizationRequest,
  type IdentityProviderPort,
  type ProviderPassport,
  type ProviderPerson,
  type ProviderTokens,
} from './identity-provider-port';
import { idpCall, isoDate, mobileOf, obj, sexOf, str } from './idp-http';

/** T-ID's sign-in host and the bank's open API host (passport, identification status). */
export const TID_URL = 'https://id.tbank.ru';
export const TID_API_URL = 'https://business.tbank.ru';

/** Scopes whose grant the introspection reports. */
export const TID_SCOPES = {
  passport: 'opensme/individual/passport/get',
  identified: 'opensme/individual/identification/status/get',
} as const;

export type TidOptions = {
  baseUrl: string;
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
  clockSkewSec: number;
  timeoutMs?: number | undefined;
  now: () => Date;
};

/**
 * T-ID (T-Bank ID) over OAuth 2.0 (see integrations-research A.2):
 * - authorize `GET /auth/authorize` (client_id, redirect_uri, state, response_type=code, PKCE S256);
 * - token `POST /auth/token` with HTTP Basic (client_id:client_secret), form grant_type, code, redirect_uri,
 *   code_verifier;
 * - introspect `POST /auth/introspect` (Basic, token=…): `active`, `scope` (what the person actually granted — they
 *   may untick items), `exp` checked with the clock skew;
 * - userinfo `POST /userinfo/userinfo` (Bearer + client_id/client_secret in the form): names, gender, birthdate,
 *   phone_number; its `sub` must be the introspected one;
 * - the passport `GET /openapi/api/v1/individual/documents/passport?idType=PASSPORT` and the identification status
 *   `GET /openapi/api/v1/individual/identification/status`, each only when its scope was granted; a 403 or 422
 *   there means "not available" and lands in `missing` — the flow asks the person for it instead of failing.
 */
export class TidIdentityProvider implements IdentityProviderPort {
  readonly id = 'tid' as const;
  private readonly base: string;
  private readonly apiBase: string;

  constructor(private readonly options: TidOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.apiBase = options.apiBaseUrl.replace(/\/+$/, '');
  }

  authorizationUrl(request: AuthorizationRequest): Promise<string> {
    const query = new URLSearchParams({
      client_id: this.options.clientId,
      redirect_uri: request.redirectUri,
      state: request.state,
      response_type: 'code',
      code_challenge: createHash('sha256').update(request.codeVerifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    return Promise.resolve(`${this.base}/auth/authorize?${query.toString()}`);
  }

  async exchangeCode(request: AuthorizationRequest & { code: string }): Promise<ProviderTokens> {
    const basic = `Basic ${Buffer.from(`${this.options.clientId}:${this.options.clientSecret}`).toString('base64')}`;
    const token = obj(
      await idpCall({
        provider: 'tid',
        url: `${this.base}/auth/token`,
        method: 'POST',
        headers: { authorization: basic },
        form: {
          grant_type: 'authorization_code',
          code: request.code,
          redirect_uri: request.redirectUri,
          code_verifier: request.codeVerifier,
        },
        timeoutMs: this.timeout(),
      }),
    );
    const accessToken = str(token.access_token);
    if (!accessToken) throw this.invalid('no access_token');
    const info = obj(
      await idpCall({
        provider: 'tid',
        url: `${this.base}/auth/introspect`,
        method: 'POST',
        headers: { authorization: basic },
        form: { token: accessToken },
        timeoutMs: this.timeout(),
      }),
    );
    if (info.active !== true) throw this.invalid('the token is not active');
    const now = this.options.now().getTime() / 1000;
    if (typeof info.exp === 'number' && info.exp + this.options.clockSkewSec < now)
      throw this.invalid('the token expired');
    const sub = str(info.sub);
    if (!sub) throw this.invalid('no sub');
    const scope = Array.isArray(info.scope)
      ? info.scope.filter((s): s is string => typeof s === 'string')
      : (str(info.scope)?.split(/\s+/) ?? []);
    return { accessToken, subject: sub, grantedScopes: scope };
  }

  async fetchPerson(tokens: ProviderTokens): Promise<ProviderPerson> {
    const bearer = { authorization: `Bearer ${tokens.accessToken}` };
    const info = obj(
      await idpCall({
        provider: 'tid',
        url: `${this.base}/userinfo/userinfo`,
        method: 'POST',
        headers: bearer,
        form: { client_id: this.options.clientId, client_secret: this.options.clientSecret },
        timeoutMs: this.timeout(),
      }),
    );
    if (str(info.sub) !== tokens.subject) throw this.invalid('userinfo sub differs from the token');
    const granted = (scope: string) => tokens.grantedScopes.includes(scope);
    const apiGet = (path: string) =>
      idpCall({
        provider: 'tid',
        url: `${this.apiBase}${path}`,
        method: 'GET',
        headers: bearer,
        timeoutMs: this.timeout(),
        absentOn: [403, 404, 422],
      });
    const identified = granted(TID_SCOPES.identified)
      ? obj(await apiGet('/openapi/api/v1/individual/identification/status')).isIdentified === true
      : false;
    let passport: ProviderPassport | undefined;
    if (granted(TID_SCOPES.passport)) {
      const doc = await apiGet('/openapi/api/v1/individual/documents/passport?idType=PASSPORT');
      if (doc !== undefined) {
        const d = obj(doc);
        const digits = String(d.serialNumber ?? '').replace(/\D/g, '');
        if (digits.length === 10)
          passport = {
            series: digits.slice(0, 4),
            number: digits.slice(4),
            issuedOn: isoDate(d.issueDate) ?? '',
            issuer: str(d.unitName) ?? '',
            divisionCode: String(d.unitCode ?? ''),
            verified: identified,
          };
      }
    }
    const person: Omit<ProviderPerson, 'missing'> = {
      subject: tokens.subject,
      lastName: str(info.family_name),
      firstName: str(info.given_name),
      middleName: str(info.middle_name),
      birthDate: isoDate(info.birthdate),
      sex: sexOf(info.gender),
      phone: mobileOf(info.phone_number),
      passport,
      trusted: identified,
      grantedScopes: tokens.grantedScopes,
    };
    return { ...person, missing: missingItems(person) };
  }

  private timeout() {
    return this.options.timeoutMs ?? 10_000;
  }

  private invalid(message: string) {
    return new IdentityProviderError('invalid-response', `tid: ${message}`, 'tid');
  }
}
