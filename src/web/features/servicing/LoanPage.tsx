import { Alert, Button, Grid, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useLocation, useParams, useSearchParams } from 'react-router';
import { ZUuid, type LoanView, type PaymentView } from '../../../contracts';
import { isApiError } from '../../api/api-error';
import { useLoan } from '../../api/queries';
import { PageLoader } from '../../app/guards';
import { BackToAccount, LoadFailed, PageMissing } from '../../components/page-states';
import { Section } from '../../components/layout';
import { usePageTitle } from '../../hooks/usePageTitle';
import { formatDate } from '../../i18n/format';
import { isPositive } from './amount';
import { BankTransfer } from './BankTransfer';
import { isPayable } from './labels';
import { LoanScheduleTable } from './LoanScheduleTable';
import { LoanStatusBadge } from './LoanStatusBadge';
import { DebtCard, LoanTermsCard, NextPaymentCard } from './LoanSummary';
import { PaymentReturn } from './PaymentReturn';
import { PaymentsList } from './PaymentsList';
import { PaySection } from './PaySection';
import { ProlongationSection } from './ProlongationSection';

/** The query parameter the provider's page returns with: `/account/loans/:id?payment=<paymentId>`. */
export const PAYMENT_PARAM = 'payment';

/** One loan: the debt today, the next payment, paying and prolonging, the schedule, payments and documents. */
export function LoanPage() {
  usePageTitle('Мой заём');
  const { id = '' } = useParams();
  if (!ZUuid.safeParse(id).success) return <LoanMissing />;
  return <LoanDetails id={id} />;
}

function LoanMissing() {
  return (
    <PageMissing
      title="Заём не найден"
      text="Возможно, ссылка устарела или в адресе опечатка. Все ваши займы — в личном кабинете."
    />
  );
}

/** A link to #pay or #prolongation from another page: scrolled to once the loan has loaded. */
function useScrollToHash(ready: boolean) {
  const { hash } = useLocation();
  const done = useRef<string | null>(null);
  useEffect(() => {
    if (!ready || hash === '' || done.current === hash) return;
    const element = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!element) return;
    done.current = hash;
    element.scrollIntoView({ block: 'start' });
  }, [ready, hash]);
}

function LoanDetails({ id }: { id: string }) {
  const query = useLoan(id);
  const [search, setSearch] = useSearchParams();
  const rawPaymentId = search.get(PAYMENT_PARAM);
  const paymentId = rawPaymentId && ZUuid.safeParse(rawPaymentId).success ? rawPaymentId : null;
  useScrollToHash(query.isSuccess);

  if (query.isPending) return <PageLoader />;
  if (query.isError) {
    if (isApiError(query.error, 'LOAN_NOT_FOUND', 'NOT_FOUND')) return <LoanMissing />;
    return <LoadFailed query={query} />;
  }
  const loan = query.data;

  /** Follow a payment on this page: the one the provider returned with, or one made without leaving. */
  const follow = (payment: PaymentView) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set(PAYMENT_PARAM, payment.id);
        return next;
      },
      { replace: true },
    );
  const stopFollowing = () =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.delete(PAYMENT_PARAM);
        return next;
      },
      { replace: true },
    );
  const payable = isPayable(loan);
  // Only a loan that has prolongations (a payday loan being serviced) shows the card; an unfinished one always.
  const showProlongation = loan.prolongation.offered || loan.prolongation.current !== null;

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <BackToAccount />
        <Title order={1} size="h2">
          Заём «{loan.productName.replace(/ /g, '\u00a0')}»
        </Title>
        <Text c="dimmed">
          Договор № {loan.contractNumber} от {formatDate(loan.contractDate)}
        </Text>
        <Group gap="xs">
          <LoanStatusBadge loan={loan} />
        </Group>
      </Stack>

      {paymentId && (
        <PaymentReturn key={paymentId} loan={loan} paymentId={paymentId} onClose={stopFollowing} />
      )}
      <StatusAlert loan={loan} />

      {(payable || isPositive(loan.balances.overpayment)) && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          {payable && <NextPaymentCard loan={loan} />}
          {/* A repaid loan keeps the card while there is an overpayment to take back. */}
          <DebtCard loan={loan} />
        </SimpleGrid>
      )}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            {payable && <PaySection loan={loan} onStay={follow} />}
            {showProlongation && <ProlongationSection loan={loan} onStay={follow} />}
            <Section title="График платежей">
              <LoanScheduleTable schedule={loan.schedule} />
            </Section>
            <Section title="Платежи">
              <PaymentsList payments={loan.payments} />
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="lg">
            <LoanTermsCard loan={loan} />
            {payable && <BankTransfer details={loan.bankTransfer} />}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** What the status means now: money on its way, the loan repaid or cancelled. */
function StatusAlert({ loan }: { loan: LoanView }) {
  switch (loan.status) {
    case 'awaiting_payout':
      return (
        <Alert color="blue" variant="light" title="Перечисляем деньги…">
          <Group gap="sm" wrap="nowrap">
            <Loader size="sm" aria-label="Перечисляем деньги" />
            <Text size="sm">Оплатить заём можно будет, когда деньги поступят. Страница обновится сама.</Text>
          </Group>
        </Alert>
      );
    case 'overdue':
      return (
        <Alert color="red" variant="light" title="Есть просроченный платёж">
          Оплатите задолженность как можно скорее: за каждый день просрочки начисляется неустойка.
        </Alert>
      );
    case 'closed':
      return (
        <Alert color="green" variant="light" title="Заём погашен">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">
              {loan.closedOn
                ? `Заём полностью погашен ${formatDate(loan.closedOn)}.`
                : 'Заём полностью погашен.'}{' '}
              Спасибо!
            </Text>
            {loan.certificateUrl && (
              <Button
                component="a"
                href={loan.certificateUrl}
                target="_blank"
                rel="noopener"
                variant="light"
                color="green"
              >
                Скачать справку о погашении
              </Button>
            )}
          </Stack>
        </Alert>
      );
    case 'cancelled':
      return (
        <Alert color="gray" variant="light" title="Заём отменён">
          Договор прекратил действие до выдачи денег. Платить ничего не нужно.
        </Alert>
      );
    case 'active':
      return null;
  }
}
