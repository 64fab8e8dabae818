import type { ApplicationView } from '../../../contracts';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import { findOwnApplication } from './application-repository';
import { applicationViews } from './list-applications';

/** One of the borrower's own applications as they see it; another person's id throws APPLICATION_NOT_FOUND. */
export async function getApplication(
  deps: Deps,
  { borrowerId, applicationId }: { borrowerId: string; applicationId: string },
): Promise<ApplicationView> {
  const row = await findOwnApplication(deps.db, borrowerId, applicationId);
  const [view] = row ? await applicationViews(deps.db, [row]) : [];
  if (!view) throw new AppError('APPLICATION_NOT_FOUND');
  return view;
}
