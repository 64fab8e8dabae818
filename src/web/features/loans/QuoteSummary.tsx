import { Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { QuoteView } from '../../../contracts';
import { formatDate } from '../../i18n/format';
import { dailyRateText } from '../../../domain/rates';
import { PAYMENTS, plural } from '../../../domain/russian';
import { FIRST_LOAN_FREE, formatPsk, formatWire } from './terms';

function Figure({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <Stack gap={0} miw={0}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="xl" lh={1.3} style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
      {hint && <Text size="sm">{hint}</Text>}
    </Stack>
  );
}

/** The full cost of the loan in a frame, as the law wants it shown: in percent a year and in rubles. */
export function PskBox({ quote }: { quote: Pick<QuoteView, 'pskPercent' | 'pskRub'> }) {
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      style={{ borderWidth: 2, borderColor: 'var(--mantine-color-dark-4)' }}
      role="group"
      aria-label="Полная стоимость займа"
    >
      <Text size="sm" fw={600}>
        Полная стоимость займа (ПСК)
      </Text>
      <Group gap="md" align="baseline" wrap="wrap" mt={4} style={{ rowGap: 0 }}>
        <Text fw={800} fz="lg" style={{ whiteSpace: 'nowrap' }}>
          {formatPsk(quote.pskPercent)}
        </Text>
        <Text fw={700} style={{ whiteSpace: 'nowrap' }}>
          {formatWire(quote.pskRub)}
        </Text>
      </Group>
    </Paper>
  );
}

/** What a loan costs: what to repay and when, the overpayment, the rate and the ПСК. */
export function QuoteSummary({ quote }: { quote: QuoteView }) {
  const payments = quote.schedule.length;
  const promo = quote.firstLoan && quote.dailyRateBp === 0;
  return (
    <Stack gap="md">
      {promo && (
        <Badge size="lg" color="orange" variant="light" style={{ alignSelf: 'flex-start' }} tt="none">
          {FIRST_LOAN_FREE}
        </Badge>
      )}
      <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
        <Figure
          label="Вернуть"
          value={formatWire(quote.totalToRepay)}
          hint={`до ${formatDate(quote.lastDueDate)}`}
        />
        <Figure
          label="Переплата"
          value={formatWire(quote.totalInterest)}
          hint={dailyRateText(quote.dailyRateBp)}
        />
      </SimpleGrid>
      {quote.termUnit === 'weeks' && (
        <Figure
          label="Платёж раз в 2 недели"
          value={`${formatWire(quote.regularPayment)} × ${payments}`}
          hint={`${payments}\u00a0${plural(payments, PAYMENTS)}, первый — ${formatDate(quote.firstDueDate)}`}
        />
      )}
      <PskBox quote={quote} />
    </Stack>
  );
}
