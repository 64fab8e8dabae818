import { createHmac, createHash, timingSafeEqual } from 'node:crypto';
import { missingItems } from './esia-identity-provider';
import {
  IdentityProviderError,
  type AuthorizationRequest,
  type IdentityProviderId,
  type IdentityProviderPort,
  type PersonItem,
  type ProviderPerson,
  type ProviderTokens,
} from './identity-provider-port';

/** What the demo page lets the person choose: who they are, what they share, how the provider sees them. */
export type FakeIdentityChoice = {
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  sex: 'male' | 'female';
  phone: string;
  passportSeries: string;
  passportNumber: string;
  passportIssuedOn: string;
  passportIssuer: string;
  passportDivisionCode: string;
  trusted: boolean;
  passportVerified: boolean;
  /** Items the person did not share (unticked on the consent screen). */
  withheld: PersonItem[];
};

type CodePayload = {
  choice: FakeIdentityChoice;
  state: string;
  nonce: string;
  redirectUri: string;
  exp: number;
};

/** How long a code of the fake lives, ms. */
const CODE_TTL_MS = 5 * 60_000;

/**
 * The demo default of the identity-provider port, one per provider: no provider exists, so the browser goes to
 * our own page (`/fake-idp/{provider}/authorize`, fake-identity-page.ts) where the person picks a test identity
 * (trusted or not, full or partial data) or declines. The code it hands back is the choice itself, signed with
 * HASH_KEY (HMAC-SHA-256) and bound to the attempt's state, nonce and callback: nothing is kept in memory, so any
 * instance can exchange it; our attempt row makes it single-use. The access token is the same signed payload.
 */
export class FakeIdentityProvider implements IdentityProviderPort {
  constructor(
    readonly id: IdentityProviderId,
    private readonly options: { pageBaseUrl: string; secret: Buffer; now: () => Date },
  ) {}

  authorizationUrl(request: AuthorizationRequest): Promise<string> {
    const query = new URLSearchParams({
      state: request.state,
      nonce: request.nonce,
      redirect_uri: request.redirectUri,
      code_challenge: createHash('sha256').update(request.codeVerifier).digest('base64url'),
    });
    return Promise.resolve(`${this.options.pageBaseUrl}/${this.id}/authorize?${query.toString()}`);
  }

  /** The code the demo page hands back for the person's choice (the page calls it). */
  issueCode(
    choice: FakeIdentityChoice,
    request: { state: string; nonce: string; redirectUri: string },
  ): string {
    const payload: CodePayload = { choice, ...request, exp: this.options.now().getTime() + CODE_TTL_MS };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  exchangeCode(request: AuthorizationRequest & { code: string }): Promise<ProviderTokens> {
    const payload = this.open(request.code);
    if (payload.state !== request.state || payload.nonce !== request.nonce)
      throw new IdentityProviderError('invalid-response', 'fake: state or nonce mismatch', this.id);
    if (payload.redirectUri !== request.redirectUri)
      throw new IdentityProviderError('rejected', 'fake: redirect_uri mismatch', this.id);
    if (payload.exp < this.options.now().getTime())
      throw new IdentityProviderError('rejected', 'fake: the code expired', this.id);
    return Promise.resolve({
      accessToken: request.code,
      subject: subjectOf(this.id, payload.choice),
      grantedScopes: grantedScopes(payload.choice.withheld),
    });
  }

  fetchPerson(tokens: ProviderTokens): Promise<ProviderPerson> {
    const { choice } = this.open(tokens.accessToken);
    const shares = (item: PersonItem) => !choice.withheld.includes(item);
    const person: Omit<ProviderPerson, 'missing'> = {
      subject: subjectOf(this.id, choice),
      lastName: shares('name') ? choice.lastName : null,
      firstName: shares('name') ? choice.firstName : null,
      middleName: shares('name') ? choice.middleName || null : null,
      birthDate: shares('birthDate') ? choice.birthDate : null,
      sex: shares('sex') ? choice.sex : null,
      phone: shares('phone') && choice.phone ? choice.phone : undefined,
      passport: shares('passport')
        ? {
            series: choice.passportSeries,
            number: choice.passportNumber,
            issuedOn: choice.passportIssuedOn,
            issuer: choice.passportIssuer,
            divisionCode: choice.passportDivisionCode,
            verified: choice.passportVerified,
          }
        : undefined,
      trusted: choice.trusted,
      grantedScopes: grantedScopes(choice.withheld),
    };
    return Promise.resolve({ ...person, missing: missingItems(person) });
  }

  private mac(body: string): string {
    return createHmac('sha256', this.options.secret)
      .update(`fake-idp:${this.id}:${body}`)
      .digest('base64url');
  }

  private open(code: string): CodePayload {
    const [body = '', mac = ''] = code.split('.');
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      throw new IdentityProviderError('rejected', 'fake: unknown code', this.id);
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as CodePayload;
  }
}

/** The same person always gets the same subject (as a real provider's oid/sub): from the name and birth date. */
function subjectOf(provider: IdentityProviderId, choice: FakeIdentityChoice): string {
  const key = [choice.lastName, choice.firstName, choice.middleName, choice.birthDate]
    .join('|')
    .toLowerCase();
  const digest = createHash('sha256').update(`${provider}:${key}`).digest('hex');
  return provider === 'esia'
    ? String(1_000_000_000 + (parseInt(digest.slice(0, 8), 16) % 1e9))
    : digest.slice(0, 32);
}

function grantedScopes(withheld: PersonItem[]): string[] {
  const scopes: Record<PersonItem, string> = {
    name: 'fullname',
    birthDate: 'birthdate',
    sex: 'gender',
    phone: 'mobile',
    passport: 'id_doc',
  };
  return [
    'openid',
    ...Object.entries(scopes)
      .filter(([item]) => !withheld.includes(item as PersonItem))
      .map(([, s]) => s),
  ];
}
