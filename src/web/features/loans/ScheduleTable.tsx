import { Box, Group, Paper, Stack, Table, Text } from '@mantine/core';
import type { LoanView, QuoteView } from '../../../contracts';
import { WordBadge } from '../../components/WordBadge';
import { formatDate } from '../../i18n/format';
import { formatWire } from './terms';

type InstalmentStatus = LoanView['schedule'][number]['status'];
/** A row of a schedule: an offer's, or a loan's as it stands (with its status). */
export type ScheduleRow = QuoteView['schedule'][number] & { status?: InstalmentStatus };
type Totals = { principal: string; interest: string; total: string };

const INSTALMENT_STATUS: Record<InstalmentStatus, { text: string; color: string } | null> = {
  paid: { text: 'Оплачен', color: 'green' },
  partly_paid: { text: 'Оплачен частично', color: 'teal' },
  overdue: { text: 'Просрочен', color: 'red' },
  upcoming: null,
};

/** «Оплачен», «Оплачен частично», «Просрочен»: nothing for a payment still to come. */
function RowStatus({ status }: { status?: InstalmentStatus }) {
  const shown = status && INSTALMENT_STATUS[status];
  return shown ? <WordBadge color={shown.color} text={shown.text} /> : null;
}

type Props = {
  schedule: ScheduleRow[];
  /** The «Итого» line (an offer); omitted for a loan's current schedule. */
  totals?: Totals;
  /** Show what remains owed after each payment (a loan being repaid). */
  withRemaining?: boolean;
  label?: string;
};

/** The schedule of an offer. */
export function ScheduleTable({ quote }: { quote: QuoteView }) {
  return (
    <PaymentSchedule
      schedule={quote.schedule}
      totals={{ principal: quote.amount, interest: quote.totalInterest, total: quote.totalToRepay }}
    />
  );
}

/** A repayment schedule: a table from 576 px, a card a payment on a phone. */
export function PaymentSchedule(props: Props) {
  return (
    <>
      <Box visibleFrom="xs">
        <WideSchedule {...props} />
      </Box>
      <Box hiddenFrom="xs">
        <NarrowSchedule {...props} />
      </Box>
    </>
  );
}

const money = (value: string, fw?: number) => (
  <Table.Td ta="right" fw={fw} style={{ whiteSpace: 'nowrap' }}>
    {formatWire(value)}
  </Table.Td>
);

/** One card a payment: the date and the sum, then what it is made of. */
function NarrowSchedule({ schedule, totals, withRemaining, label = 'График платежей' }: Props) {
  return (
    <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label={label}>
      {schedule.map((row) => (
        <Paper key={row.n} component="li" withBorder radius="md" p="xs">
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm">
              {row.n}. {formatDate(row.dueDate)} <RowStatus status={row.status} />
            </Text>
            <Text fw={700} style={{ whiteSpace: 'nowrap' }}>
              {formatWire(row.total)}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            Основной долг {formatWire(row.principal)} · проценты {formatWire(row.interest)}
            {withRemaining && ` · остаток ${formatWire(row.remainingPrincipal)}`}
          </Text>
        </Paper>
      ))}
      {totals && schedule.length > 1 && (
        <Group justify="space-between" gap="xs" wrap="nowrap" px="xs">
          <Text size="sm" fw={600}>
            Итого
          </Text>
          <Text fw={700} style={{ whiteSpace: 'nowrap' }}>
            {formatWire(totals.total)}
          </Text>
        </Group>
      )}
    </Stack>
  );
}

function WideSchedule({ schedule, totals, withRemaining, label = 'График платежей' }: Props) {
  const headers = ['Основной долг', 'Проценты', 'Платёж', ...(withRemaining ? ['Остаток'] : [])];
  return (
    <Table.ScrollContainer minWidth={withRemaining ? 540 : 460} type="native">
      <Table striped tabularNums horizontalSpacing="xs" verticalSpacing={6} fz="sm" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">№</Table.Th>
            <Table.Th scope="col">Дата</Table.Th>
            {headers.map((h) => (
              <Table.Th key={h} scope="col" ta="right">
                {h}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {schedule.map((row) => (
            <Table.Tr key={row.n}>
              <Table.Td>{row.n}</Table.Td>
              <Table.Td>
                {formatDate(row.dueDate)} <RowStatus status={row.status} />
              </Table.Td>
              {money(row.principal)}
              {money(row.interest)}
              {money(row.total, 600)}
              {withRemaining && money(row.remainingPrincipal)}
            </Table.Tr>
          ))}
        </Table.Tbody>
        {totals && schedule.length > 1 && (
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={2}>Итого</Table.Th>
              {[totals.principal, totals.interest, totals.total].map((v, i) => (
                <Table.Th key={i} ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatWire(v)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Tfoot>
        )}
      </Table>
    </Table.ScrollContainer>
  );
}
