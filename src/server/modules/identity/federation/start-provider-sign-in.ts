import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IdentityProviderId } from '../../../adapters/identity/identity-provider-port';
import { AppError } from '../../../app-error';
import type { Deps } from '../../../deps';
import { newToken, sha256 } from '../../../security/secrets';
import { LIMITS } from '../limit-rules';
import { insertAttempt } from './federation-repository';
import { providerOf, translateProviderError } from './provider-person';

/** How long a provider sign-in may take, from the button to the end of the registration form. */
export const ATTEMPT_TTL_MS = 30 * 60_000;

/** Our callback page for a provider: absolute with PUBLIC_URL (real providers need it), a path otherwise. */
export const callbackUri = (deps: Deps, provider: IdentityProviderId) =>
  `${deps.config.publicUrl?.replace(/\/+$/, '') ?? ''}/federation/${provider}/callback`;

/**
 * Starts a sign-in (a guest), a link from the profile (`borrowerId`, purpose 'link') or a passport read for the
 * profile's update (purpose 'refresh', Gosuslugi only) with `provider`: fresh
 * random `state`, `nonce` and PKCE verifier are stored with the hash of a new browser-binding token (the caller
 * sets it as a cookie, so the callback is accepted only in the browser that started). Returns the provider's
 * authorization URL and the token. At most 60 starts per IP an hour. Throws PROVIDER_NOT_CONFIGURED,
 * UNAUTHENTICATED (link without a session), TOO_MANY_ATTEMPTS,
 * PROVIDER_UNAVAILABLE (the ESIA signer failed).
 */
export async function startProviderSignIn(
  deps: Deps,
  input: {
    provider: IdentityProviderId;
    purpose: 'sign-in' | 'link' | 'refresh';
    borrowerId: string | null;
    ip: string;
  },
): Promise<{ url: string; browserToken: string }> {
  const adapter = providerOf(deps, input.provider);
  if (input.purpose !== 'sign-in' && !input.borrowerId) throw new AppError('UNAUTHENTICATED');
  // Only Gosuslugi vouches for a passport: the profile update reads it from there.
  if (input.purpose === 'refresh' && input.provider !== 'esia') throw new AppError('PROVIDER_NOT_CONFIGURED');
  const verdict = await deps.limiter.consume(LIMITS.providerStartPerIp, input.ip);
  if (!verdict.allowed) throw new AppError('TOO_MANY_ATTEMPTS', { retryAfterSec: verdict.retryAfterSec });
  const state = crypto.randomUUID();
  const nonce = randomBytes(16).toString('base64url');
  const codeVerifier = randomBytes(32).toString('base64url');
  const browserToken = newToken();
  const redirectUri = callbackUri(deps, input.provider);
  const now = deps.clock.now();
  await insertAttempt(deps.db, {
    provider: input.provider,
    purpose: input.purpose,
    borrowerId: input.purpose === 'sign-in' ? null : input.borrowerId,
    state,
    nonce,
    codeVerifier,
    browserHash: sha256(browserToken),
    redirectUri,
    createdAt: now,
    expiresAt: new Date(now.getTime() + ATTEMPT_TTL_MS),
  });
  try {
    const url = await adapter.authorizationUrl({ state, nonce, codeVerifier, redirectUri });
    return { url, browserToken };
  } catch (error) {
    throw translateProviderError(error, input.provider);
  }
}

/** The browser-binding check: the cookie's token must be the one the attempt was started with. */
export function sameBrowser(browserHash: string, browserToken: string | undefined): boolean {
  if (!browserToken) return false;
  const given = Buffer.from(sha256(browserToken));
  const expected = Buffer.from(browserHash);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
