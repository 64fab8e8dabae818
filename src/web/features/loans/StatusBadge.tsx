import type { ApplicationView } from '../../../contracts';
import { WordBadge } from '../../components/WordBadge';
import { STATUS_COLORS } from './labels';

/** The status of an application. */
export function StatusBadge({
  application,
}: {
  application: Pick<ApplicationView, 'status' | 'statusText'>;
}) {
  return <WordBadge color={STATUS_COLORS[application.status]} text={application.statusText} />;
}
