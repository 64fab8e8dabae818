import { Badge } from '@mantine/core';
import type { LoanView } from '../../../contracts';
import { LOAN_STATUS_COLORS } from './labels';

/** The status of a loan as a coloured badge with the server's words. */
export function LoanStatusBadge({ loan }: { loan: Pick<LoanView, 'status' | 'statusText'> }) {
  return (
    <Badge
      color={LOAN_STATUS_COLORS[loan.status]}
      variant="light"
      size="lg"
      tt="none"
      maw="100%"
      h="auto"
      py={4}
      // A long status («Есть просроченная задолженность») wraps on a phone instead of being cut off.
      styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }}
      style={{ flexShrink: 1 }}
    >
      {loan.statusText}
    </Badge>
  );
}
