import { Alert, Anchor, Grid, Group, Loader, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { ZUuid, type ApplicationView, type QuoteView } from '../../../contracts';
import { parseKopecks } from '../../../domain/money';
import { isApiError } from '../../api/api-error';
import { useApplication } from '../../api/queries';
import { PageLoader } from '../../app/guards';
import { BackToAccount, LoadFailed, PageMissing } from '../../components/page-states';
import { InfoList, Section } from '../../components/layout';
import { usePageTitle } from '../../hooks/usePageTitle';
import { formatDate, formatInstant, formatInstantDate } from '../../i18n/format';
import { PAYMENTS, plural, termText } from '../../../domain/russian';
import { PskBox } from './QuoteSummary';
import { ScheduleTable } from './ScheduleTable';
import { CancelLoan, ContractLink, SigningBlock } from './Signing';
import { StatusBadge } from './StatusBadge';
import { FIRST_LOAN_FREE, formatWire } from './terms';

/** One application: its status, the decision, the offer with its schedule, and how it went. */
export function ApplicationPage() {
  usePageTitle('Заявка');
  const { id = '' } = useParams();
  const valid = ZUuid.safeParse(id).success;
  if (!valid) return <ApplicationMissing />;
  return <ApplicationDetails id={id} />;
}

function ApplicationMissing() {
  return (
    <PageMissing
      title="Заявка не найдена"
      text="Возможно, ссылка устарела или в адресе опечатка. Все ваши заявки — в личном кабинете."
    />
  );
}

function ApplicationDetails({ id }: { id: string }) {
  const query = useApplication(id);
  if (query.isPending) return <PageLoader />;
  if (query.isError) {
    if (isApiError(query.error, 'APPLICATION_NOT_FOUND')) return <ApplicationMissing />;
    return <LoadFailed query={query} />;
  }
  const application = query.data;
  const { offer } = application;

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <BackToAccount />
        <Title order={1} size="h2">
          Заявка «{application.productName.replace(/ /g, '\u00a0')}»
        </Title>
        <Text c="dimmed">
          {formatWire(application.amount)} на {termText(application.term, application.termUnit)} · подана{' '}
          {formatInstantDate(application.createdAt)}
        </Text>
        <StatusBadge application={application} />
      </Stack>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            <Decision application={application} />
            {application.contract && application.status !== 'approved' && (
              <ContractSection contract={application.contract} />
            )}
            {offer && <Offer application={application} offer={offer} />}
            {application.status === 'approved' && <SigningBlock application={application} />}
            <CancelLoan application={application} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="lg">
            <Section title="Ход заявки">
              <Timeline active={application.timeline.length - 1} bulletSize={16} lineWidth={2}>
                {application.timeline.map((event, i) => (
                  <Timeline.Item key={`${event.status}-${i}`}>
                    <Text size="sm" fw={600} lh={1.35}>
                      {event.text}
                    </Text>
                    <Text size="xs" c="dimmed" mt={2}>
                      {formatInstant(event.at)} мск
                    </Text>
                  </Timeline.Item>
                ))}
              </Timeline>
            </Section>
            <Section title="Получение денег">
              <Text>{application.payoutMethod.label}</Text>
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** What the decision means for the borrower now. */
function Decision({ application }: { application: ApplicationView }) {
  switch (application.status) {
    case 'submitted':
    case 'under_review':
      return (
        <Alert color="blue" variant="light" title="Заявка на рассмотрении">
          Заявку рассматривает специалист. Мы пришлём СМС с решением.
        </Alert>
      );
    case 'refused':
      return (
        <Alert color="red" variant="light" title="Заявка отклонена">
          {application.refusalMessage ?? 'Подробности можно узнать в поддержке.'}
        </Alert>
      );
    case 'approved':
      return (
        <Alert color="teal" variant="light" title="Заявка одобрена">
          Ниже — одобренные условия и график платежей. Чтобы получить деньги, подпишите договор кодом из СМС.
        </Alert>
      );
    case 'signed':
      return (
        <Alert color="blue" variant="light" title="Договор подписан. Перечисляем деньги…">
          <Group gap="sm" wrap="nowrap">
            <Loader size="sm" aria-label="Перечисляем деньги" />
            <Text size="sm">Обычно это занимает несколько минут. Страница обновится сама.</Text>
          </Group>
        </Alert>
      );
    case 'paid_out':
      return (
        <Alert color="green" variant="light" title={`Деньги отправлены: ${application.payoutMethod.label}`}>
          <Text size="sm">Возвращать — по графику платежей ниже.</Text>
          {application.loan && (
            <Anchor
              component={Link}
              to={`/account/loans/${application.loan.id}`}
              size="sm"
              fw={600}
              mt={4}
              display="inline-block"
            >
              Задолженность, оплата и продление — на странице займа
            </Anchor>
          )}
        </Alert>
      );
    case 'payout_failed':
      return (
        <Alert color="red" variant="light" title="Не удалось перечислить деньги">
          <Text size="sm">{application.timeline.at(-1)?.text}</Text>
          <Text size="sm" mt={4}>
            Проверьте реквизиты для получения или обратитесь в поддержку.
          </Text>
        </Alert>
      );
    case 'cancelled':
      return null;
  }
}

/** The contract once it exists: its number, when it was signed, the PDF. */
function ContractSection({ contract }: { contract: NonNullable<ApplicationView['contract']> }) {
  return (
    <Section title="Договор">
      <InfoList
        items={[['Подписан', contract.signedAt ? `${formatInstant(contract.signedAt)} мск` : 'не подписан']]}
      />
      <ContractLink contract={contract} />
    </Section>
  );
}

/** The approved terms: the amount (maybe less than asked), what to repay and when, the ПСК and the schedule. */
function Offer({ application, offer }: { application: ApplicationView; offer: QuoteView }) {
  const less = parseKopecks(offer.amount) < parseKopecks(application.amount);
  const payments = offer.schedule.length;
  const repay: [string, string][] =
    offer.termUnit === 'days'
      ? [['Вернуть', `${formatWire(offer.totalToRepay)} до ${formatDate(offer.lastDueDate)}`]]
      : [
          ['Вернуть всего', formatWire(offer.totalToRepay)],
          [
            'Платёж раз в 2 недели',
            `${formatWire(offer.regularPayment)} × ${payments}\u00a0${plural(payments, PAYMENTS)}, последний — ${formatDate(offer.lastDueDate)}`,
          ],
        ];
  return (
    <>
      <Section title="Условия займа">
        {less && (
          <Alert color="yellow" variant="light" title="Одобрено меньше, чем вы просили">
            Вы просили {formatWire(application.amount)}, одобрено {formatWire(offer.amount)}. Сумма рассчитана
            по вашему доходу, чтобы платежи не были для вас слишком тяжёлыми.
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <InfoList
            items={[
              ['Сумма займа', formatWire(offer.amount)],
              ['Срок', termText(offer.term, offer.termUnit)],
            ]}
          />
          <InfoList items={[...repay, ['Переплата', formatWire(offer.totalInterest)]]} />
        </SimpleGrid>
        {offer.firstLoan && offer.dailyRateBp === 0 && (
          <Text size="sm" fw={600} c="orange.8">
            {FIRST_LOAN_FREE}
          </Text>
        )}
        <PskBox quote={offer} />
      </Section>
      <Section title="График платежей">
        <ScheduleTable quote={offer} />
      </Section>
    </>
  );
}
