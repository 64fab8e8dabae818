import { Box, Group, Paper, Stack, Table, Text } from '@mantine/core';
import type { LoanView } from '../../../contracts';
import { formatDate } from '../../i18n/format';
import { formatWire } from '../loans/terms';

type Instalment = LoanView['schedule'][number];

/** A loan's schedule with what remains after each payment: a table from 576 px, cards on a phone. */
export function LoanScheduleTable({
  schedule,
  label = 'График платежей',
}: {
  schedule: Instalment[];
  label?: string;
}) {
  if (schedule.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Платежей по графику не осталось.
      </Text>
    );
  return (
    <>
      <Box visibleFrom="xs">
        <Table.ScrollContainer minWidth={540} type="native">
          <Table striped tabularNums horizontalSpacing="xs" verticalSpacing={6} fz="sm" aria-label={label}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">№</Table.Th>
                <Table.Th scope="col">Дата</Table.Th>
                <Table.Th scope="col" ta="right">
                  Основной долг
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Проценты
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Платёж
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Остаток
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {schedule.map((row) => (
                <Table.Tr key={row.n}>
                  <Table.Td>{row.n}</Table.Td>
                  <Table.Td>{formatDate(row.dueDate)}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatWire(row.principal)}
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatWire(row.interest)}
                  </Table.Td>
                  <Table.Td ta="right" fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {formatWire(row.total)}
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatWire(row.remainingPrincipal)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Box>
      <Box hiddenFrom="xs">
        <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label={label}>
          {schedule.map((row) => (
            <Paper key={row.n} component="li" withBorder radius="md" p="xs">
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm">
                  {row.n}. {formatDate(row.dueDate)}
                </Text>
                <Text fw={700} style={{ whiteSpace: 'nowrap' }}>
                  {formatWire(row.total)}
                </Text>
              </Group>
              <Text size="xs" c="dimmed">
                Основной долг {formatWire(row.principal)} · проценты {formatWire(row.interest)} · остаток{' '}
                {formatWire(row.remainingPrincipal)}
              </Text>
            </Paper>
          ))}
        </Stack>
      </Box>
    </>
  );
}
