import { Text } from '@mantine/core';
import { PaymentSchedule, type ScheduleRow } from '../loans/ScheduleTable';

/** A loan's schedule with what remains after each payment (and, for the loan as it stands, each row's status). */
export function LoanScheduleTable({
  schedule,
  label = 'График платежей',
}: {
  schedule: ScheduleRow[];
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
