import { PROVIDER_NAMES, type IdentityProviderId } from '../../../adapters/identity/identity-provider-port';
import { AppError } from '../../../app-error';
import type { Deps, RequestMeta } from '../../../deps';
import { audit } from '../../audit/audit';
import { deleteLink, listLinks } from './federation-repository';

/** The borrower's linked providers, oldest first, for the profile. */
export async function listProviderLinks(deps: Deps, { borrowerId }: { borrowerId: string }) {
  const rows = await listLinks(deps.db, borrowerId);
  return rows.map((row) => ({
    provider: row.provider,
    name: PROVIDER_NAMES[row.provider],
    linkedAt: row.linkedAt.toISOString(),
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
  }));
}

/**
 * Unlinks one of the borrower's OWN providers (the row is chosen by borrower id and provider, so nobody can touch
 * another's). Refused when it is the last way to sign in: every account has a password today, so that guard only
 * matters if password-less accounts appear. Audited. Throws PROVIDER_NOT_LINKED, PROVIDER_LAST_SIGN_IN_METHOD.
 */
export async function unlinkProvider(
  deps: Deps,
  input: { borrowerId: string; provider: IdentityProviderId; meta: RequestMeta },
) {
  const { borrowerId } = input;
  await deps.db.transaction(async (tx) => {
    const links = await listLinks(tx, borrowerId);
    if (!links.some((l) => l.provider === input.provider)) throw new AppError('PROVIDER_NOT_LINKED');
    const hasPassword = true; // borrowers.password_hash is NOT NULL
    if (!hasPassword && links.length <= 1) throw new AppError('PROVIDER_LAST_SIGN_IN_METHOD');
    await deleteLink(tx, borrowerId, input.provider);
    await audit(tx, {
      meta: input.meta,
      actor: { kind: 'borrower', borrowerId },
      action: 'identity.provider-unlinked',
      subjectId: borrowerId,
      details: { provider: input.provider },
    });
  });
  return { ok: true as const };
}
