import { and, eq, gt, isNull } from 'drizzle-orm';
import { registrations } from '../../adapters/db/schema';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';

/** An open registration (not completed, not expired), or REGISTRATION_NOT_FOUND. */
export async function findOpenRegistration(deps: Deps, id: string) {
  const [row] = await deps.db
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.id, id),
        isNull(registrations.completedAt),
        gt(registrations.expiresAt, deps.clock.now()),
      ),
    );
  if (!row) throw new AppError('REGISTRATION_NOT_FOUND');
  return row;
}
