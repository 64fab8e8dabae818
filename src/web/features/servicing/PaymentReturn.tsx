import { Alert, Anchor, Group, Loader, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { LoanView } from '../../../contracts';
import { isApiError } from '../../api/api-error';
import { queryKeys, usePayment } from '../../api/queries';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { formatDate } from '../../i18n/format';
import { formatWire } from '../loans/terms';
import { latestInForce } from './loan-texts';
import { forgetSettledPayment, sessionKeyStorage } from './payment-attempt';
import { PaymentReceipt } from './PaymentsList';

/**
 * The borrower is back from the provider's page (`?payment=<id>`): the payment is asked for every 1.5 s until
 * it is settled, then the outcome is shown and the loan is asked for again.
 */
export function PaymentReturn({
  loan,
  paymentId,
  onClose,
}: {
  loan: LoanView;
  paymentId: string;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const query = usePayment(loan.id, paymentId);
  const status = query.data?.status;

  useEffect(() => {
    if (status === undefined || status === 'processing') return;
    forgetSettledPayment(sessionKeyStorage(), loan.id, paymentId);
    void queryClient.invalidateQueries({ queryKey: queryKeys.loan(loan.id) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.loans, exact: true });
    void queryClient.invalidateQueries({ queryKey: queryKeys.notifications });
  }, [status, loan.id, paymentId, queryClient]);

  if (query.isError)
    return (
      <ApiErrorAlert error={query.error}>
        {isApiError(query.error, 'PAYMENT_NOT_FOUND') && (
          <Text size="sm" mt={4}>
            Все платежи по займу — в списке ниже.
          </Text>
        )}
      </ApiErrorAlert>
    );

  const payment = query.data;
  if (!payment || payment.status === 'processing')
    return (
      <Alert color="blue" variant="light" title="Проверяем платёж…" role="status">
        <Stack gap="xs">
          <Group gap="sm" wrap="nowrap">
            <Loader size="sm" aria-label="Проверяем платёж" />
            <Text size="sm">Обычно это занимает несколько секунд. Страница обновится сама.</Text>
          </Group>
          {payment?.confirmationUrl && (
            <Text size="sm">
              Если вы не завершили оплату,{' '}
              <Anchor href={payment.confirmationUrl} fw={600}>
                вернитесь на страницу оплаты
              </Anchor>
              .
            </Text>
          )}
        </Stack>
      </Alert>
    );

  if (payment.status === 'failed')
    return (
      <Alert
        color="red"
        variant="light"
        role="alert"
        title={`Платёж не прошёл${payment.failureReason ? `: ${payment.failureReason}` : ''}`}
        withCloseButton
        closeButtonLabel="Закрыть"
        onClose={onClose}
      >
        Деньги не списаны. Попробуйте ещё раз или выберите другой способ оплаты.
      </Alert>
    );

  const prolonged = payment.purpose === 'prolongation' ? latestInForce(loan) : undefined;
  return (
    <Alert
      color="green"
      variant="light"
      role="status"
      title="Платёж зачислен"
      withCloseButton
      closeButtonLabel="Закрыть"
      onClose={onClose}
    >
      <Stack gap="xs">
        <Text size="sm">
          {formatWire(payment.amount)}
          {payment.paymentDate ? `, дата платежа ${formatDate(payment.paymentDate)}` : ''}.
          {loan.status === 'closed' && ' Заём погашен полностью.'}
          {prolonged && ` Заём продлён до ${formatDate(prolonged.newDueDate)}.`}
        </Text>
        <PaymentReceipt payment={payment} />
      </Stack>
    </Alert>
  );
}
