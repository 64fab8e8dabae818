import { Text } from '@mantine/core';
import type { LoanView } from '../../../contracts';
import { PaymentSchedule } from '../loans/ScheduleTable';

/** A loan's schedule with what remains after each payment. */
export function LoanScheduleTable({
  schedule,
  label = 'График платежей',
}: {
  schedule: LoanView['schedule'];
  label?: string;
}) {
  if (schedule.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Платежей по графику не осталось.
      </Text>
    );
  return <PaymentSchedule schedule={schedule} withRemaining label={label} />;
}
