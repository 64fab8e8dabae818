import { Alert, Anchor, Button, Divider, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api, type LoanView } from '../../../contracts';
import { parseKopecks } from '../../../domain/money';
import { dailyRateText } from '../../../domain/rates';
import { isApiError } from '../../api/api-error';
import { call } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { InfoList, Section } from '../../components/layout';
import { formatDate } from '../../i18n/format';
import { formatPsk, formatWire } from '../loans/terms';
import { isPositive } from './amount';
import { PAY_ANCHOR, isPayable } from './labels';
import { capUsedPercent, daysLate, dueText } from './loan-texts';

/** A line of the debt: the term on the left, the sum on the right, both on one line even on a phone. */
function DebtLine({
  label,
  value,
  strong,
  color,
}: {
  label: string;
  value: string;
  strong?: boolean;
  color?: string;
}) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap" align="baseline">
      <Text size="sm" fw={strong ? 700 : undefined} c={color}>
        {label}
      </Text>
      <Text fw={strong ? 800 : 500} fz={strong ? 'lg' : 'sm'} c={color} style={{ whiteSpace: 'nowrap' }}>
        {value}
      </Text>
    </Group>
  );
}

/** «Следующий платёж»: the date, the sum and how many days are left; an overdue one in red. */
export function NextPaymentCard({ loan }: { loan: LoanView }) {
  const next = loan.nextPayment;
  const overdue = next?.overdue ?? false;
  return (
    <Paper
      withBorder
      radius="lg"
      p={{ base: 'md', sm: 'lg' }}
      bg={overdue ? 'red.0' : undefined}
      style={overdue ? { borderColor: 'var(--mantine-color-red-4)' } : undefined}
    >
      <Stack gap="xs">
        <Title order={2} size="h3">
          Следующий платёж
        </Title>
        {next ? (
          <>
            <Text
              fw={800}
              fz={28}
              lh={1.2}
              c={overdue ? 'red.8' : undefined}
              style={{ overflowWrap: 'anywhere' }}
            >
              {formatWire(next.amount)}
            </Text>
            <Text fw={600} c={overdue ? 'red.8' : undefined}>
              {daysLate(next, loan.today) > 0 ? 'Срок был ' : 'до '}
              {formatDate(next.dueDate)} — {dueText(next, loan.today)}
            </Text>
            {overdue && (
              <Text size="sm" c="red.8">
                Платёж просрочен: каждый день начисляется неустойка. Оплатите как можно скорее.
              </Text>
            )}
            {isPayable(loan) && (
              <Button
                component="a"
                href={`#${PAY_ANCHOR}`}
                color={overdue ? 'red' : undefined}
                style={{ alignSelf: 'flex-start' }}
              >
                Оплатить
              </Button>
            )}
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {loan.status === 'closed'
              ? 'Заём погашен, платить больше не нужно.'
              : 'Платежей по графику не осталось.'}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * «Задолженность на сегодня» from the ledger: each part, the overpayment (which the borrower may take
 * back) and the total.
 */
export function DebtCard({ loan }: { loan: LoanView }) {
  const queryClient = useQueryClient();
  const refund = useMutation({
    // The amount goes along only for the message after it: the server returns the whole overpayment.
    mutationFn: (_amount: string) => call(api.refundOverpayment, { params: { id: loan.id } }),
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.loan(loan.id), updated);
      void queryClient.invalidateQueries({ queryKey: queryKeys.loans, exact: true });
    },
    onError: (error) => {
      if (isApiError(error, 'NO_OVERPAYMENT'))
        void queryClient.invalidateQueries({ queryKey: queryKeys.loan(loan.id) });
    },
  });
  const b = loan.balances;
  const lines: [string, string, string?][] = [['Основной долг', b.principal]];
  if (isPositive(b.principalOverdue)) lines.push(['Просроченный основной долг', b.principalOverdue, 'red.8']);
  lines.push(['Проценты', b.interest]);
  if (isPositive(b.interestOverdue)) lines.push(['Просроченные проценты', b.interestOverdue, 'red.8']);
  if (isPositive(b.penalty)) lines.push(['Неустойка', b.penalty, 'red.8']);
  return (
    <Paper withBorder radius="lg" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="xs">
        <Title order={2} size="h3">
          Задолженность на сегодня
        </Title>
        <Text size="xs" c="dimmed">
          на {formatDate(loan.today)}
        </Text>
        {lines.map(([label, value, color]) => (
          <DebtLine key={label} label={label} value={formatWire(value)} color={color} />
        ))}
        <Divider />
        <DebtLine label="Итого" value={formatWire(b.total)} strong />
        {isPayable(loan) && loan.payoff.amount !== b.total && (
          <Text size="xs" c="dimmed">
            Погасить заём полностью {formatDate(loan.payoff.date)}: {formatWire(loan.payoff.amount)}
          </Text>
        )}
        {isPositive(b.overpayment) && (
          <Alert color="teal" variant="light" title={`Переплата: ${formatWire(b.overpayment)}`}>
            <Stack gap="xs">
              <Text size="sm">
                Вы заплатили больше, чем нужно. Переплату можно вернуть туда, откуда пришли деньги.
              </Text>
              <ApiErrorAlert error={refund.error} />
              <Button
                variant="light"
                color="teal"
                onClick={() => refund.mutate(b.overpayment)}
                loading={refund.isPending}
                style={{ alignSelf: 'flex-start' }}
              >
                Вернуть переплату
              </Button>
            </Stack>
          </Alert>
        )}
        {refund.isSuccess && (
          <Alert color="teal" variant="light" role="status">
            Возвращаем {formatWire(refund.variables)}: деньги придут туда, откуда был платёж.
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

/** «Начислено … из предельных …»: interest and penalty stop growing at the legal cap. */
export function AccrualCap({ loan }: { loan: LoanView }) {
  const percent = capUsedPercent(loan.accrued, loan.accrualCap);
  const reached = parseKopecks(loan.accrued) >= parseKopecks(loan.accrualCap) && isPositive(loan.accrualCap);
  return (
    <Stack gap={6}>
      <Text size="sm">
        Начислено <b>{formatWire(loan.accrued)}</b> из предельных {formatWire(loan.accrualCap)}
      </Text>
      <Progress
        value={percent}
        color={reached ? 'orange' : 'teal'}
        size="sm"
        aria-label="Доля предельного размера начислений"
      />
      <Text size="xs" c="dimmed">
        {reached
          ? 'Предельный размер достигнут: проценты и неустойка больше не начисляются.'
          : 'По закону проценты и неустойка не начисляются сверх предельного размера.'}
      </Text>
    </Stack>
  );
}

/** The loan's terms and its documents: the contract and, once closed, the repayment certificate. */
export function LoanTermsCard({ loan }: { loan: LoanView }) {
  const items: [string, ReactNode][] = [
    ['Сумма займа', formatWire(loan.principal)],
    ['Ставка', dailyRateText(loan.dailyRateBp)],
    ['Полная стоимость займа', formatPsk(loan.pskPercent)],
  ];
  if (loan.disbursedOn) items.push(['Выдан', formatDate(loan.disbursedOn)]);
  if (loan.closedOn) items.push(['Погашен', formatDate(loan.closedOn)]);
  return (
    <Section title="Условия и документы">
      <InfoList items={items} />
      <AccrualCap loan={loan} />
      <Stack gap={4}>
        <Text size="sm">
          Договор № {loan.contractNumber} от {formatDate(loan.contractDate)}
        </Text>
        <Anchor href={loan.contractUrl} target="_blank" rel="noopener" fw={600}>
          Открыть договор (PDF)
        </Anchor>
        {loan.prolongation.history
          .filter((p) => p.status === 'in_force')
          .map((p) => (
            <Anchor key={p.id} href={p.documentUrl} target="_blank" rel="noopener" size="sm">
              Допсоглашение № {p.number} о пролонгации (PDF)
            </Anchor>
          ))}
      </Stack>
      {loan.certificateUrl && (
        <Anchor href={loan.certificateUrl} target="_blank" rel="noopener" size="sm">
          Справка о погашении (PDF)
        </Anchor>
      )}
      <Anchor component={Link} to={`/account/applications/${loan.applicationId}`} size="sm">
        Заявка на этот заём
      </Anchor>
    </Section>
  );
}
