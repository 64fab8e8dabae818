import type { Deps } from '../../../deps';
import { AppError } from '../../../app-error';
import { getOpenAttempt, type AttemptRow } from './federation-repository';
import { sameBrowser } from './start-provider-sign-in';

/**
 * An attempt waiting for the next step (`register` or `link`), alive, in the browser that started it.
 * Throws PROVIDER_ATTEMPT_INVALID.
 */
export async function getAttemptFor(
  deps: Deps,
  input: { attemptId: string; browserToken: string | undefined; outcome?: 'register' | 'link' },
): Promise<AttemptRow> {
  const attempt = await getOpenAttempt(deps.db, input.attemptId, deps.clock.now());
  if (!sameBrowser(attempt.browserHash, input.browserToken)) throw new AppError('PROVIDER_ATTEMPT_INVALID');
  if (input.outcome && attempt.outcome !== input.outcome) throw new AppError('PROVIDER_ATTEMPT_INVALID');
  if (!attempt.personSealed || !attempt.subject) throw new AppError('PROVIDER_ATTEMPT_INVALID');
  return attempt;
}
