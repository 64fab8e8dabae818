import { Group } from '@mantine/core';
import type { ApplicationView } from '../../../contracts';
import { WordBadge } from '../../components/WordBadge';
import { STATUS_COLORS } from './labels';

/** The status of an application on its own line; a repaid loan's application in grey (its story is over). */
export function StatusBadge({
  application,
}: {
  application: Pick<ApplicationView, 'status' | 'statusText' | 'loan'>;
}) {
  const color = application.loan?.status === 'closed' ? 'gray' : STATUS_COLORS[application.status];
  return (
    <Group gap="xs">
      <WordBadge color={color} text={application.statusText} />
    </Group>
  );
}
