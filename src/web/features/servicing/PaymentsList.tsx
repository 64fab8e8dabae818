import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { PaymentView } from '../../../contracts';
import { formatDate, formatInstant } from '../../i18n/format';
import { formatWire } from '../loans/terms';
import {
  PAYMENT_METHOD_LABELS,
  PAYMENT_PURPOSE_LABELS,
  PAYMENT_STATUS_COLORS,
  PAYMENT_STATUS_LABELS,
} from './labels';

export function PaymentStatusBadge({ payment }: { payment: Pick<PaymentView, 'status'> }) {
  return (
    <Badge color={PAYMENT_STATUS_COLORS[payment.status]} variant="light" tt="none">
      {PAYMENT_STATUS_LABELS[payment.status]}
    </Badge>
  );
}

/** What a credited payment left behind: how it was applied, and the link to its receipt. */
export function PaymentReceipt({ payment }: { payment: PaymentView }) {
  return (
    <>
      {payment.allocation && payment.allocation.length > 0 && <Allocation lines={payment.allocation} />}
      {payment.receiptUrl && (
        <Anchor href={payment.receiptUrl} target="_blank" rel="noopener" size="sm">
          Чек об оплате
        </Anchor>
      )}
    </>
  );
}

/** How a credited payment was applied: «Проценты — 1 200 ₽», one line each. */
function Allocation({ lines }: { lines: NonNullable<PaymentView['allocation']> }) {
  return (
    <Stack gap={2} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Как зачтён платёж">
      {lines.map((line, i) => (
        <Group key={`${line.label}-${i}`} component="li" justify="space-between" gap="xs" wrap="nowrap">
          <Text size="sm" c="dimmed">
            {line.label}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {formatWire(line.amount)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** The date that counts: the day the provider took the money, or when the attempt was made. */
const paymentWhen = (payment: PaymentView): string =>
  payment.paymentDate
    ? `дата платежа ${formatDate(payment.paymentDate)}`
    : `${formatInstant(payment.createdAt)} мск`;

/** The loan's payments, newest first: status, date, what they paid off, the receipt. */
export function PaymentsList({ payments }: { payments: PaymentView[] }) {
  if (payments.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Платежей пока не было.
      </Text>
    );
  const sorted = [...payments].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {sorted.map((payment) => (
        <Paper key={payment.id} component="li" withBorder radius="md" p="sm">
          <Stack gap={6}>
            <Group justify="space-between" gap="xs" align="flex-start">
              <Stack gap={0} miw={0} style={{ flex: 1 }}>
                <Text fw={700} style={{ whiteSpace: 'nowrap' }}>
                  {formatWire(payment.amount)}
                </Text>
                <Text size="xs" c="dimmed">
                  {PAYMENT_PURPOSE_LABELS[payment.purpose]} · {PAYMENT_METHOD_LABELS[payment.method]} ·{' '}
                  {paymentWhen(payment)}
                </Text>
              </Stack>
              <PaymentStatusBadge payment={payment} />
            </Group>
            {payment.status === 'failed' && (
              <Text size="sm" c="red.8">
                Не прошёл{payment.failureReason ? `: ${payment.failureReason}` : ''}
              </Text>
            )}
            {payment.status === 'processing' && payment.confirmationUrl && (
              <Anchor href={payment.confirmationUrl} size="sm">
                Вернуться на страницу оплаты
              </Anchor>
            )}
            <PaymentReceipt payment={payment} />
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
