import { Badge } from '@mantine/core';
import type { ApplicationView } from '../../../contracts';
import { STATUS_COLORS } from './labels';

/** The status of an application as a coloured badge with the server's words. */
export function StatusBadge({
  application,
}: {
  application: Pick<ApplicationView, 'status' | 'statusText'>;
}) {
  return (
    <Badge
      color={STATUS_COLORS[application.status]}
      variant="light"
      size="lg"
      tt="none"
      maw="100%"
      h="auto"
      py={4}
      // A long status («Деньги отправлены») wraps on a phone instead of being cut off.
      styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }}
      style={{ flexShrink: 1 }}
    >
      {application.statusText}
    </Badge>
  );
}
