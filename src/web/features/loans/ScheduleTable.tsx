import { Box, Group, Paper, Stack, Table, Text } from '@mantine/core';
import type { QuoteView } from '../../../contracts';
import { formatDate } from '../../i18n/format';
import { formatWire } from './terms';

/** The repayment schedule: a table from 576 px, a list of payments on a phone. */
export function ScheduleTable({ quote }: { quote: QuoteView }) {
  return (
    <>
      <Box visibleFrom="xs">
        <WideSchedule quote={quote} />
      </Box>
      <Box hiddenFrom="xs">
        <NarrowSchedule quote={quote} />
      </Box>
    </>
  );
}

/** One card a payment: the date and the sum, then what it is made of. */
function NarrowSchedule({ quote }: { quote: QuoteView }) {
  return (
    <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label="График платежей">
      {quote.schedule.map((row) => (
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
            Основной долг {formatWire(row.principal)} · проценты {formatWire(row.interest)}
          </Text>
        </Paper>
      ))}
      {quote.schedule.length > 1 && (
        <Group justify="space-between" gap="xs" wrap="nowrap" px="xs">
          <Text size="sm" fw={600}>
            Итого
          </Text>
          <Text fw={700} style={{ whiteSpace: 'nowrap' }}>
            {formatWire(quote.totalToRepay)}
          </Text>
        </Group>
      )}
    </Stack>
  );
}

function WideSchedule({ quote }: { quote: QuoteView }) {
  return (
    <Table.ScrollContainer minWidth={460} type="native">
      <Table
        striped
        tabularNums
        horizontalSpacing="xs"
        verticalSpacing={6}
        fz="sm"
        aria-label="График платежей"
      >
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
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {quote.schedule.map((row) => (
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
            </Table.Tr>
          ))}
        </Table.Tbody>
        {quote.schedule.length > 1 && (
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={2}>Итого</Table.Th>
              <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                {formatWire(quote.amount)}
              </Table.Th>
              <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                {formatWire(quote.totalInterest)}
              </Table.Th>
              <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                {formatWire(quote.totalToRepay)}
              </Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        )}
      </Table>
    </Table.ScrollContainer>
  );
}
