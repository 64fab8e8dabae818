import { ProviderError } from '../provider-error';

/** The identity providers a borrower can sign up and sign in with: Gosuslugi (ESIA) and T-ID (T-Bank). */
export const IDENTITY_PROVIDERS = ['esia', 'tid'] as const;
export type IdentityProviderId = (typeof IDENTITY_PROVIDERS)[number];

/** Russian names of the providers, for messages and buttons. */
export const PROVIDER_NAMES: Record<IdentityProviderId, string> = { esia: 'Госуслуги', tid: 'T-ID' };

/** A passport as a provider reports it: dates 'YYYY-MM-DD', division code 'NNN-NNN'. */
export type ProviderPassport = {
  series: string;
  number: string;
  issuedOn: string;
  issuer: string;
  divisionCode: string;
  /** ESIA: `vrfStu = VERIFIED` (checked against the MVD); T-ID: the bank identified the client. */
  verified: boolean;
};

/** Items a person may withhold (untick on the consent screen) or the provider may not have. */
export const PERSON_ITEMS = ['name', 'birthDate', 'sex', 'phone', 'passport'] as const;
export type PersonItem = (typeof PERSON_ITEMS)[number];

/**
 * The person as one provider vouches for them, normalised: names as given, dates 'YYYY-MM-DD', phone '+7XXXXXXXXXX'.
 * `subject` is the provider's stable id (ESIA oid, T-ID sub): identities are keyed by provider + subject, never by
 * phone. `trusted`: ESIA's confirmed account (`is_tru`), T-ID's identified client. `missing` lists what the person
 * did not share (or the provider does not have), so the flow asks for it instead of failing.
 */
export type ProviderPerson = {
  subject: string;
  lastName: string | null;
  firstName: string | null;
  middleName: string | null;
  birthDate: string | null;
  sex: 'male' | 'female' | null;
  phone?: string | undefined;
  passport?: ProviderPassport | undefined;
  trusted: boolean;
  grantedScopes: string[];
  missing: PersonItem[];
};

/** What the token call gave: enough for fetchPerson. `subject` is read from the (checked) tokens. */
export type ProviderTokens = {
  accessToken: string;
  subject: string;
  grantedScopes: string[];
  /** Claims of a checked id_token, when the provider sent one. */
  idClaims?: Record<string, unknown> | undefined;
};

/** One sign-in attempt's secrets: `state` and `nonce` (random, single use), the PKCE verifier, the callback. */
export type AuthorizationRequest = {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
};

/**
 * The identity-provider port: an OAuth 2.0 authorization-code flow.
 * - `authorizationUrl` builds where to send the browser (ESIA signs it: client_secret).
 * - `exchangeCode` trades the code from the callback for tokens (the code is single-use at the provider; our
 *   attempt row makes it single-use on our side too) and checks them (state, nonce, audience, expiry with clock skew).
 * - `fetchPerson` reads the person with the access token.
 * Failures throw IdentityProviderError with a `reason` the use cases map to Russian messages.
 */
export interface IdentityProviderPort {
  readonly id: IdentityProviderId;
  authorizationUrl(request: AuthorizationRequest): Promise<string>;
  exchangeCode(request: AuthorizationRequest & { code: string }): Promise<ProviderTokens>;
  fetchPerson(tokens: ProviderTokens): Promise<ProviderPerson>;
}

/**
 * Why a provider step failed:
 * - `declined`: the person declined consent (`error=access_denied`);
 * - `rejected`: the provider refused our request (4xx: a used or expired code, a wrong signature or certificate hash);
 * - `invalid-response`: an answer we cannot trust (state/nonce mismatch, a bad or expired token, an unknown shape);
 * - `rate-limited`: HTTP 429; `unavailable`: 5xx, network failure or timeout.
 */
export type IdentityFailureReason =
  'declined' | 'rejected' | 'invalid-response' | 'rate-limited' | 'unavailable';

/** A failure of an identity provider; `retryable` for rate limits and outages. */
export class IdentityProviderError extends ProviderError {
  constructor(
    readonly reason: IdentityFailureReason,
    message: string,
    provider: IdentityProviderId,
    readonly retryAfterSec?: number,
  ) {
    super(message, reason === 'rate-limited' || reason === 'unavailable', provider);
  }
}
