import type { LoanView } from '../../../contracts';
import { WordBadge } from '../../components/WordBadge';
import { LOAN_STATUS_COLORS } from './labels';

/** The status of a loan. */
export function LoanStatusBadge({ loan }: { loan: Pick<LoanView, 'status' | 'statusText'> }) {
  return <WordBadge color={LOAN_STATUS_COLORS[loan.status]} text={loan.statusText} />;
}
