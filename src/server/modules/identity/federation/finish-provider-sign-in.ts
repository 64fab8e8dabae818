import { maskPhone, type ProviderOutcome } from '../../../../contracts';
import type { IdentityProviderId, ProviderPerson } from '../../../adapters/identity/identity-provider-port';
import { isUniqueViolation } from '../../../adapters/db/database';
import { AppError } from '../../../app-error';
import type { Deps, RequestMeta } from '../../../deps';
import type { DbOrTx } from '../../../adapters/db/database';
import { audit } from '../../audit/audit';
import { getBorrower } from '../borrower-repository';
import { openSession } from '../session-store';
import { toMe } from '../views';
import {
  claimAttemptCallback,
  findBorrowerIdByPassportHash,
  findBorrowerIdByPersonHash,
  findLink,
  insertLink,
  insertReview,
  settleAttempt,
  touchLink,
  type AttemptRow,
} from './federation-repository';
import {
  assertAcceptable,
  personHashes,
  providerOf,
  sealPerson,
  toPersonView,
  translateProviderError,
} from './provider-person';
import { sameBrowser } from './start-provider-sign-in';

/** What the callback page sent: the provider's `code` and `state`, or its `error`. */
export type CallbackInput = {
  provider: IdentityProviderId;
  state: string;
  code?: string | undefined;
  error?: string | undefined;
  /** The browser-binding cookie's token. */
  browserToken: string | undefined;
  /** The signed-in borrower making the request, if any (a link from the profile needs the same one). */
  borrowerId: string | null;
  meta: RequestMeta;
};

/**
 * The provider sent the person back. The attempt is taken once by its `state` (a replayed code finds nothing),
 * only in the browser that started it; then the code is exchanged (state, nonce, PKCE checked by the adapter) and
 * the person read. Then, for a sign-in:
 * - a linked identity (provider + subject) signs in: a session with the provider as its method, audited;
 * - no account matches the passport or the name + birth date: `register` (the form, filled with the provider's data);
 * - one account matches both (or one of them while the other was not shared): `link` — the person must prove
 *   control of that account (its password or an SMS code to its current phone) before anything is linked;
 * - a partial match (the passport but another name or birth date, or the reverse): a review row for a specialist,
 *   and PROVIDER_REVIEW_REQUIRED.
 * For a link from the profile the person must match the signed-in borrower.
 * Throws PROVIDER_ATTEMPT_INVALID, PROVIDER_DECLINED, PROVIDER_REJECTED, PROVIDER_UNAVAILABLE, PROVIDER_BUSY,
 * ESIA_ACCOUNT_NOT_TRUSTED, ESIA_PASSPORT_NOT_VERIFIED, PROVIDER_REVIEW_REQUIRED, PROVIDER_ALREADY_LINKED.
 */
export async function finishProviderSignIn(
  deps: Deps,
  input: CallbackInput,
): Promise<{ outcome: ProviderOutcome; session?: { token: string; sessionId: string } }> {
  const { provider, meta } = input;
  const adapter = providerOf(deps, provider);
  const now = deps.clock.now();
  const attempt = await claimAttemptCallback(deps.db, { state: input.state, provider, now });
  if (!attempt || !sameBrowser(attempt.browserHash, input.browserToken))
    throw new AppError('PROVIDER_ATTEMPT_INVALID');
  if (attempt.purpose !== 'sign-in' && attempt.borrowerId !== input.borrowerId)
    throw new AppError('PROVIDER_ATTEMPT_INVALID');

  const fail = async (error: unknown, reason: string): Promise<never> => {
    await settleAttempt(deps.db, attempt.id, { outcome: 'failed', completedAt: now });
    await audit(deps.db, {
      meta,
      actor: input.borrowerId ? { kind: 'borrower', borrowerId: input.borrowerId } : { kind: 'guest' },
      action: 'auth.provider-failed',
      details: { provider, reason },
    });
    throw error;
  };

  if (input.error !== undefined)
    return fail(
      new AppError(input.error === 'access_denied' ? 'PROVIDER_DECLINED' : 'PROVIDER_REJECTED'),
      input.error.slice(0, 64),
    );
  if (!input.code) return fail(new AppError('PROVIDER_ATTEMPT_INVALID'), 'no code');

  let person: ProviderPerson;
  try {
    const request = {
      state: attempt.state,
      nonce: attempt.nonce,
      codeVerifier: attempt.codeVerifier,
      redirectUri: attempt.redirectUri,
    };
    const tokens = await adapter.exchangeCode({ ...request, code: input.code });
    person = await adapter.fetchPerson(tokens);
    if (person.subject !== tokens.subject) throw new AppError('PROVIDER_REJECTED');
  } catch (error) {
    return fail(translateProviderError(error, provider), (error as Error).message.slice(0, 120));
  }
  try {
    assertAcceptable(provider, person);
  } catch (error) {
    return fail(error, (error as AppError).code);
  }

  if (attempt.purpose === 'link') return linkFromProfile(deps, attempt, person, meta);
  if (attempt.purpose === 'refresh') return readPassportForProfile(deps, attempt, person, meta);

  const link = await findLink(deps.db, provider, person.subject);
  if (link) {
    const borrower = await getBorrower(deps.db, link.borrowerId);
    if (borrower.endedAt) throw new AppError('RELATIONSHIP_ENDED');
    const session = await deps.db.transaction(async (tx) => {
      await touchLink(tx, link.id, now);
      await settleAttempt(tx, attempt.id, {
        outcome: 'signed-in',
        subject: person.subject,
        matchedBorrowerId: borrower.id,
        completedAt: now,
      });
      await audit(tx, {
        meta,
        actor: { kind: 'borrower', borrowerId: borrower.id },
        action: 'auth.signed-in',
        details: { method: provider },
      });
      return openSession(deps, { db: tx, borrowerId: borrower.id, meta, method: provider });
    });
    return { outcome: { outcome: 'signed-in', me: toMe(deps.cipher, borrower) }, session };
  }

  const { passportHash, personHash } = personHashes(deps.cipher, person);
  const byPassport = passportHash ? await findBorrowerIdByPassportHash(deps.db, passportHash) : undefined;
  const byPerson = personHash ? await findBorrowerIdByPersonHash(deps.db, personHash) : undefined;
  const personSealed = sealPerson(deps.cipher, person);

  if (!byPassport && !byPerson) {
    await settleAttempt(deps.db, attempt.id, { outcome: 'register', subject: person.subject, personSealed });
    return {
      outcome: {
        outcome: 'register',
        attemptId: attempt.id,
        provider,
        person: toPersonView(provider, person),
      },
    };
  }

  const candidate =
    byPassport && byPerson
      ? byPassport === byPerson
        ? byPassport
        : undefined
      : byPassport && !personHash
        ? byPassport
        : byPerson && !passportHash
          ? byPerson
          : undefined;
  if (!candidate) {
    await toReview(deps.db, {
      attempt,
      person,
      personSealed,
      borrowerId: byPassport ?? byPerson ?? null,
      reason: byPassport ? 'passport-matches-person-differs' : 'person-matches-passport-differs',
      meta,
      now,
    });
    throw new AppError('PROVIDER_REVIEW_REQUIRED');
  }
  const borrower = await getBorrower(deps.db, candidate);
  await settleAttempt(deps.db, attempt.id, {
    outcome: 'link',
    subject: person.subject,
    personSealed,
    matchedBorrowerId: candidate,
  });
  await audit(deps.db, {
    meta,
    actor: { kind: 'guest' },
    action: 'auth.provider-matched-account',
    subjectId: candidate,
    details: { provider },
  });
  return {
    outcome: { outcome: 'link', attemptId: attempt.id, provider, phoneMasked: maskPhone(borrower.phone) },
  };
}

/** A signed-in borrower links the identity from the profile: it must be the same person. */
async function linkFromProfile(
  deps: Deps,
  attempt: AttemptRow,
  person: ProviderPerson,
  meta: RequestMeta,
): Promise<{ outcome: ProviderOutcome }> {
  const borrowerId = attempt.borrowerId!;
  const now = deps.clock.now();
  const existing = await findLink(deps.db, attempt.provider, person.subject);
  if (existing) {
    if (existing.borrowerId !== borrowerId) throw new AppError('PROVIDER_ALREADY_LINKED');
    await settleAttempt(deps.db, attempt.id, {
      outcome: 'linked',
      subject: person.subject,
      completedAt: now,
    });
    return { outcome: { outcome: 'linked', provider: attempt.provider } };
  }
  const borrower = await getBorrower(deps.db, borrowerId);
  const { passportHash, personHash } = personHashes(deps.cipher, person);
  const passportOk =
    !passportHash ||
    passportHash === borrower.passportHash ||
    (await findBorrowerIdByPassportHash(deps.db, passportHash)) === borrowerId;
  const personOk = !personHash || personHash === borrower.personHash;
  if (!passportOk || !personOk || (!passportHash && !personHash)) {
    await toReview(deps.db, {
      attempt,
      person,
      personSealed: sealPerson(deps.cipher, person),
      borrowerId,
      reason: 'profile-link-mismatch',
      meta,
      now,
    });
    throw new AppError('PROVIDER_REVIEW_REQUIRED');
  }
  try {
    await deps.db.transaction(async (tx) => {
      await insertLink(tx, {
        provider: attempt.provider,
        subject: person.subject,
        borrowerId,
        evidence: 'profile',
        linkedAt: now,
      });
      await settleAttempt(tx, attempt.id, { outcome: 'linked', subject: person.subject, completedAt: now });
      await audit(tx, {
        meta,
        actor: { kind: 'borrower', borrowerId },
        action: 'identity.provider-linked',
        subjectId: borrowerId,
        details: { provider: attempt.provider, evidence: 'profile' },
      });
    });
  } catch (error) {
    throw translateLinkConflict(error);
  }
  return { outcome: { outcome: 'linked', provider: attempt.provider } };
}

/**
 * The profile's «update from Gosuslugi»: the identity must be the one linked to the signed-in borrower; the
 * passport Gosuslugi vouches for comes back for the side-by-side diff. Applying it is the ordinary passport change
 * (the same checks and an SMS code bound to the new data). Throws PROVIDER_NOT_LINKED.
 */
async function readPassportForProfile(
  deps: Deps,
  attempt: AttemptRow,
  person: ProviderPerson,
  meta: RequestMeta,
): Promise<{ outcome: ProviderOutcome }> {
  const borrowerId = attempt.borrowerId!;
  const link = await findLink(deps.db, attempt.provider, person.subject);
  if (link?.borrowerId !== borrowerId) {
    await settleAttempt(deps.db, attempt.id, { outcome: 'failed', completedAt: deps.clock.now() });
    throw new AppError('PROVIDER_NOT_LINKED', {
      detail: 'Эта учётная запись Госуслуг не привязана к вашему личному кабинету. Сначала привяжите её',
    });
  }
  await settleAttempt(deps.db, attempt.id, {
    outcome: 'refreshed',
    subject: person.subject,
    completedAt: deps.clock.now(),
  });
  await audit(deps.db, {
    meta,
    actor: { kind: 'borrower', borrowerId },
    action: 'identity.provider-passport-read',
    subjectId: borrowerId,
    details: { provider: attempt.provider },
  });
  return {
    outcome: {
      outcome: 'refresh',
      provider: attempt.provider,
      passport: toPersonView(attempt.provider, person).passport,
    },
  };
}

/** A second link of one identity, or a second identity of one provider for one account → PROVIDER_ALREADY_LINKED. */
export function translateLinkConflict(error: unknown): unknown {
  if (
    isUniqueViolation(error, 'provider_links_subject_uq') ||
    isUniqueViolation(error, 'provider_links_borrower_uq')
  )
    return new AppError('PROVIDER_ALREADY_LINKED');
  return error;
}

/** Stores a review row for a specialist and audits it (the back office will list pending rows). */
async function toReview(
  db: DbOrTx,
  input: {
    attempt: AttemptRow;
    person: ProviderPerson;
    personSealed: string;
    borrowerId: string | null;
    reason: 'passport-matches-person-differs' | 'person-matches-passport-differs' | 'profile-link-mismatch';
    meta: RequestMeta;
    now: Date;
  },
) {
  await db.transaction(async (tx) => {
    await insertReview(tx, {
      provider: input.attempt.provider,
      subject: input.person.subject,
      borrowerId: input.borrowerId,
      reason: input.reason,
      personSealed: input.personSealed,
      createdAt: input.now,
    });
    await settleAttempt(tx, input.attempt.id, {
      outcome: 'review',
      subject: input.person.subject,
      completedAt: input.now,
    });
    await audit(tx, {
      meta: input.meta,
      actor: { kind: 'guest' },
      action: 'auth.provider-review',
      subjectId: input.borrowerId,
      details: { provider: input.attempt.provider, reason: input.reason },
    });
  });
}
