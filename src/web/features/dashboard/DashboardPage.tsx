import { Alert, Anchor, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ApplicationView, LoanView, QuoteView } from '../../../contracts';
import { isOpenApplication, useApplications, useEligibility, useLoans, useMe } from '../../api/queries';
import { PageLoader } from '../../app/guards';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { InfoList, Section } from '../../components/layout';
import { usePageTitle } from '../../hooks/usePageTitle';
import { formatDate, formatInstantDate, todayIso } from '../../i18n/format';
import { daysBetween } from '../../../domain/calendar';
import { parseKopecks, toWire } from '../../../domain/money';
import { DAYS, plural, termText } from '../../../domain/russian';
import { StatusBadge } from '../loans/StatusBadge';
import { Calculator } from '../loans/Calculator';
import { formatWire } from '../loans/terms';
import { PAY_ANCHOR, PROLONGATION_ANCHOR, isPayable, loanPath } from '../servicing/labels';
import { dueText } from '../servicing/loan-texts';
import { LoanStatusBadge } from '../servicing/LoanStatusBadge';
import { ProfileSummary, Promotions } from './Sidebar';

/** Loans the borrower still holds. */
const HELD: readonly LoanView['status'][] = ['awaiting_payout', 'active', 'overdue'];

const applicationPath = (application: ApplicationView) => `/account/applications/${application.id}`;
const requested = (a: ApplicationView) => `${formatWire(a.amount)} на ${termText(a.term, a.termUnit)}`;

/** The borrower's home: the application in progress, the calculator for a new one, past applications. */
export function DashboardPage() {
  usePageTitle('Личный кабинет');
  const { data: me } = useMe();
  const applications = useApplications();
  const loans = useLoans();
  const eligibility = useEligibility();
  if (!me) return <PageLoader />;

  const [latest, ...past] = applications.data ?? [];
  const open = latest && isOpenApplication(latest) ? latest : undefined;
  const heldLoan = loans.data?.find((loan) => HELD.includes(loan.status));
  // The loan of the latest application, even when repaid: the certificate is on its page.
  const shownLoan = heldLoan ?? loans.data?.find((loan) => loan.applicationId === latest?.id);
  // Whether a new application may be made is the server's answer, never guessed here (one loan at a time…).
  const blocked = eligibility.data && !eligibility.data.canApply ? eligibility.data : null;
  const latestIsLoan = latest !== undefined && latest.id === shownLoan?.applicationId;

  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        Здравствуйте, {[me.name, me.patronymic].filter(Boolean).join(' ')}
      </Title>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            {applications.isPending && <PageLoader />}
            {applications.isError && <ApiErrorAlert error={applications.error} />}
            {shownLoan && <MyLoan loan={shownLoan} />}
            {!shownLoan && latest?.status === 'paid_out' && latest.offer
              ? // The loans could not be loaded: what the application knows of its loan.
                !loans.isPending && <MyLoanByApplication application={latest} offer={latest.offer} />
              : latest && !latestIsLoan && <LatestApplication application={latest} open={Boolean(open)} />}
            {applications.isSuccess && eligibility.data?.canApply && (
              <Calculator wide title={latest ? 'Новый заём' : 'Рассчитайте заём'} />
            )}
            {blocked && !open && !heldLoan && (
              <Alert color="yellow" variant="light" title="Сейчас подать заявку нельзя">
                {blocked.message}
              </Alert>
            )}
            {past.length > 0 && <PastApplications applications={past} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="lg">
            <ProfileSummary me={me} />
            <Promotions firstLoan={eligibility.data?.firstLoan ?? false} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function LatestApplication({ application, open }: { application: ApplicationView; open: boolean }) {
  const { offer } = application;
  return (
    <Section title={open ? 'Текущая заявка' : 'Последняя заявка'}>
      <Stack gap="xs">
        <StatusBadge application={application} />
        <Text fw={600}>
          «{application.productName}»: {requested(application)}
        </Text>
        <Text size="sm" c="dimmed">
          Подана {formatInstantDate(application.createdAt)} · {application.payoutMethod.label}
        </Text>
      </Stack>
      {(application.status === 'submitted' || application.status === 'under_review') && (
        <Text size="sm">Заявку рассматривает специалист. Мы пришлём СМС с решением.</Text>
      )}
      {application.status === 'approved' && offer && (
        <Stack gap={4}>
          <Text size="sm">
            Одобрено: <b>{formatWire(offer.amount)}</b>, вернуть {formatWire(offer.totalToRepay)}
          </Text>
          <Text size="sm">Подпишите договор кодом из СМС — и мы перечислим деньги.</Text>
        </Stack>
      )}
      {application.status === 'signed' && <Text size="sm">Договор подписан. Перечисляем деньги…</Text>}
      {application.status === 'refused' && application.refusalMessage && (
        <Text size="sm">{application.refusalMessage}</Text>
      )}
      <Button
        component={Link}
        to={applicationPath(application)}
        variant={application.status === 'approved' ? 'filled' : 'light'}
        style={{ alignSelf: 'flex-start' }}
      >
        {application.status === 'approved' ? 'Подписать договор' : 'Подробнее'}
      </Button>
    </Section>
  );
}

const daysLeftText = (days: number): string =>
  days === 0 ? 'платёж сегодня' : `осталось ${days}\u00a0${plural(days, DAYS)}`;

/** «Мой заём»: the next payment, the debt today and the way to the loan page to pay or prolong. */
function MyLoan({ loan }: { loan: LoanView }) {
  const next = loan.nextPayment;
  const overdue = next?.overdue ?? false;
  const items: [string, ReactNode][] = [];
  if (next) {
    items.push([
      'Следующий платёж',
      <Text key="date" span c={overdue ? 'red.8' : undefined} fw={overdue ? 700 : undefined}>
        {formatDate(next.dueDate)} — {dueText(next, loan.today)}
      </Text>,
    ]);
    items.push(['К оплате по графику', <b key="amount">{formatWire(next.amount)}</b>]);
  }
  if (isPayable(loan)) {
    const { principal, principalOverdue, total } = loan.balances;
    items.push([
      'Остаток основного долга',
      formatWire(toWire(parseKopecks(principal) + parseKopecks(principalOverdue))),
    ]);
    items.push(['Задолженность на сегодня', formatWire(total)]);
  }
  if (loan.status === 'closed' && loan.closedOn) items.push(['Погашен', formatDate(loan.closedOn)]);
  return (
    <Section title="Мой заём">
      <Stack gap={4}>
        <Group gap="xs">
          <LoanStatusBadge loan={loan} />
        </Group>
        <Text fw={600}>
          «{loan.productName}»: {formatWire(loan.principal)}
        </Text>
        <Text size="sm" c="dimmed">
          Договор № {loan.contractNumber} от {formatDate(loan.contractDate)}
        </Text>
      </Stack>
      {items.length > 0 && (
        <Paper
          withBorder
          radius="md"
          p="sm"
          bg={overdue ? 'red.0' : 'gray.0'}
          style={overdue ? { borderColor: 'var(--mantine-color-red-4)' } : undefined}
        >
          <InfoList items={items} />
        </Paper>
      )}
      <Group gap="sm">
        {isPayable(loan) && (
          <Button
            component={Link}
            to={`${loanPath(loan.id)}#${PAY_ANCHOR}`}
            color={overdue ? 'red' : undefined}
          >
            Оплатить
          </Button>
        )}
        {isPayable(loan) && loan.prolongation.available && (
          <Button component={Link} to={`${loanPath(loan.id)}#${PROLONGATION_ANCHOR}`} variant="light">
            Продлить
          </Button>
        )}
        <Button component={Link} to={loanPath(loan.id)} variant="light">
          {loan.status === 'closed' ? 'Подробнее и справка' : 'Подробнее и оплата'}
        </Button>
      </Group>
      <Anchor component={Link} to={`/account/applications/${loan.applicationId}`} size="sm">
        График платежей и договор
      </Anchor>
    </Section>
  );
}

/** The loan paid out, as its application tells it: a fallback while the loans cannot be loaded. */
function MyLoanByApplication({ application, offer }: { application: ApplicationView; offer: QuoteView }) {
  const today = todayIso();
  const next = offer.schedule.find((row) => row.dueDate >= today);
  return (
    <Section title="Мой заём">
      <Stack gap={4}>
        <Text fw={600}>
          «{application.productName}»: {formatWire(offer.amount)} на {termText(offer.term, offer.termUnit)}
        </Text>
        <Text size="sm" c="dimmed">
          Деньги отправлены: {application.payoutMethod.label}
        </Text>
      </Stack>
      {next ? (
        <Paper withBorder radius="md" p="sm" bg="gray.0">
          <InfoList
            items={[
              [
                'Следующий платёж',
                `${formatDate(next.dueDate)} — ${daysLeftText(daysBetween(today, next.dueDate))}`,
              ],
              ['К оплате по графику', <b>{formatWire(next.total)}</b>],
              ...(application.loan
                ? [
                    ['Остаток основного долга', formatWire(application.loan.principalOutstanding)] as [
                      string,
                      string,
                    ],
                  ]
                : []),
            ]}
          />
        </Paper>
      ) : (
        <Text size="sm">Все даты платежей по графику прошли.</Text>
      )}
      <Button
        component={Link}
        to={applicationPath(application)}
        variant="light"
        style={{ alignSelf: 'flex-start' }}
      >
        График платежей и договор
      </Button>
    </Section>
  );
}

function PastApplications({ applications }: { applications: ApplicationView[] }) {
  return (
    <Section title="Прежние заявки">
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {applications.map((application) => (
          <Paper key={application.id} component="li" withBorder radius="md" p="sm">
            <Group justify="space-between" align="center" gap="xs">
              <Stack gap={4} miw={0} style={{ flex: 1 }}>
                <Text fw={600} size="sm">
                  «{application.productName}»: {requested(application)}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatInstantDate(application.createdAt)}
                </Text>
                <StatusBadge application={application} />
              </Stack>
              <Anchor
                component={Link}
                to={applicationPath(application)}
                size="sm"
                aria-label={`Подробнее о заявке от ${formatInstantDate(application.createdAt)}`}
              >
                Подробнее
              </Anchor>
            </Group>
          </Paper>
        ))}
      </Stack>
    </Section>
  );
}
