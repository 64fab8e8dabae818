import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { WORK_STATUS_LABELS, workApi, type ApplicationReview } from '../../../../contracts/backoffice-work';
import { formatRub } from '../../../../domain/money';
import { termText } from '../../../../domain/russian';
import { call } from '../../../api/client';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert';
import { formatDate, formatInstant, formatPhone } from '../../../i18n/format';
import { EMPLOYMENT_LABELS } from '../../../features/loans/labels';
import { staffCan, useStaffMe } from '../../app/use-staff';

const rub = (kopecks: string) => formatRub(BigInt(kopecks));

const STATUS_TEXT: Record<string, string> = {
  ...WORK_STATUS_LABELS,
  approved: 'Одобрена',
  refused: 'Отказ',
  signed: 'Подписана',
  paid_out: 'Выдана',
  cancelled: 'Отменена',
  payout_failed: 'Выплата не прошла',
  submitted: 'Подана',
  manual_review: 'На ручную проверку',
  active: 'Действует',
  overdue: 'Просрочен',
  closed: 'Погашен',
  awaiting_payout: 'Ждёт выплаты',
};
const statusText = (status: string) => STATUS_TEXT[status] ?? status;

/** A label and its value, for the dense facts of the page. */
function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

/** The specialist's decision: approve (possibly less, on the product's step) or refuse for a listed reason. */
function DecisionForm({ review, onDone }: { review: ApplicationReview; onDone: () => void }) {
  const step = Number(BigInt(review.product.amountStep) / 100n);
  const maxRubles = Number(
    BigInt(review.automatic.allowedAmount ?? review.amount) < BigInt(review.amount)
      ? BigInt(review.automatic.allowedAmount ?? review.amount) / 100n
      : BigInt(review.amount) / 100n,
  );
  const [outcome, setOutcome] = useState<'approve' | 'refuse'>('approve');
  const [amount, setAmount] = useState<number | string>(maxRubles);
  const [reason, setReason] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const decide = useMutation({
    mutationFn: () =>
      call(workApi.decide, {
        params: { id: review.id },
        body:
          outcome === 'approve'
            ? { outcome, amount: String(BigInt(Math.round(Number(amount))) * 100n), comment }
            : { outcome, reason: reason as 'LENDER_POLICY', comment },
      }),
    onSuccess: onDone,
  });
  const kopecks = BigInt(Math.round(Number(amount) || 0)) * 100n;
  const needsSecond = outcome === 'approve' && kopecks > BigInt(review.secondApprovalAbove);
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          Решение
        </Title>
        <SegmentedControl
          aria-label="Решение"
          value={outcome}
          onChange={(value) => setOutcome(value as 'approve' | 'refuse')}
          data={[
            { value: 'approve', label: 'Одобрить' },
            { value: 'refuse', label: 'Отказать' },
          ]}
        />
        {outcome === 'approve' ? (
          <NumberInput
            label="Сумма, ₽"
            description={`От ${rub(review.product.minAmount)} до ${formatRub(BigInt(maxRubles) * 100n)}, шаг ${rub(review.product.amountStep)}`}
            value={amount}
            onChange={setAmount}
            min={Number(BigInt(review.product.minAmount) / 100n)}
            max={maxRubles}
            step={step}
            thousandSeparator=" "
            allowDecimal={false}
          />
        ) : (
          <Select
            label="Причина отказа"
            placeholder="Выберите причину"
            data={review.refusalReasons.map((r) => ({ value: r.code, label: r.label }))}
            value={reason}
            onChange={setReason}
            required
          />
        )}
        <Textarea
          label="Комментарий для коллег"
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
        {needsSecond && (
          <Alert color="yellow" variant="light">
            Сумма больше {rub(review.secondApprovalAbove)}: одобрение вступит в силу после подтверждения
            старшим специалистом.
          </Alert>
        )}
        <ApiErrorAlert error={decide.error} />
        <Button
          onClick={() => decide.mutate()}
          loading={decide.isPending}
          disabled={outcome === 'refuse' && !reason}
          color={outcome === 'approve' ? 'green' : 'red'}
        >
          {outcome === 'approve' ? (needsSecond ? 'Передать на подтверждение' : 'Одобрить') : 'Отказать'}
        </Button>
      </Stack>
    </Card>
  );
}

/** A senior confirms or returns an approval made by someone else. */
function SecondApproval({ review, onDone }: { review: ApplicationReview; onDone: () => void }) {
  const { data: me } = useStaffMe();
  const pending = review.pending!;
  const act = useMutation({
    mutationFn: (confirm: boolean) =>
      call(workApi.secondApproval, { params: { id: review.id }, body: { confirm } }),
    onSuccess: onDone,
  });
  const canCheck = staffCan(me, 'decisions.approve') && me?.id !== pending.madeBy;
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          Ждёт второго подтверждения
        </Title>
        <Text size="sm">
          {pending.madeByName} одобрил(а) {rub(pending.amount)} · {formatInstant(pending.madeAt)}
        </Text>
        {pending.comment && <Text size="sm">Комментарий: {pending.comment}</Text>}
        <ApiErrorAlert error={act.error} />
        {canCheck && review.claim?.mine ? (
          <Group>
            <Button color="green" onClick={() => act.mutate(true)} loading={act.isPending}>
              Подтвердить одобрение
            </Button>
            <Button variant="default" onClick={() => act.mutate(false)} loading={act.isPending}>
              Вернуть на рассмотрение
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {canCheck
              ? 'Возьмите заявку в работу, чтобы подтвердить.'
              : 'Подтверждает старший специалист — не автор решения.'}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** One application under manual review: everything needed to decide it, and the decision. */
export function ApplicationReviewPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const review = useQuery({
    queryKey: ['bo', 'application', id],
    queryFn: () => call(workApi.applicationReview, { params: { id } }),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['bo'] });
  const claimAct = useMutation({
    mutationFn: async (take: boolean) => {
      const params = { queue: 'applications', id };
      if (take) await call(workApi.claim, { params });
      else await call(workApi.release, { params });
    },
    onSettled: refresh,
  });
  if (review.error) return <ApiErrorAlert error={review.error} />;
  const r = review.data;
  if (!r) return null;
  const unit = r.product.termUnit;
  const open = r.status === 'under_review' || r.status === 'awaiting_second_approval';
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <div>
          <Title order={1}>Заявка на {rub(r.amount)}</Title>
          <Text>
            <Anchor component={Link} to={`/backoffice/borrowers/${r.borrower.id}`}>
              {r.borrower.fullName}
            </Anchor>{' '}
            · {formatDate(r.borrower.birthDate)} · {formatPhone(r.borrower.phone)}
          </Text>
        </div>
        <Group>
          <Badge size="lg">{statusText(r.status)}</Badge>
          {open &&
            (r.claim?.mine ? (
              <Button variant="default" onClick={() => claimAct.mutate(false)}>
                Вернуть в очередь
              </Button>
            ) : r.claim ? (
              <Text size="sm">В работе у {r.claim.displayName}</Text>
            ) : (
              <Button onClick={() => claimAct.mutate(true)} loading={claimAct.isPending}>
                Взять в работу
              </Button>
            ))}
        </Group>
      </Group>
      <ApiErrorAlert error={claimAct.error} />
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Card withBorder>
          <Stack gap="xs">
            <Title order={2} size="h4">
              Заявка
            </Title>
            <Fact label="Продукт">{r.product.name}</Fact>
            <Fact label="Сумма и срок">
              {rub(r.amount)} на {termText(r.term, unit)}
            </Fact>
            <Fact label="Занятость">
              {EMPLOYMENT_LABELS[r.employment as keyof typeof EMPLOYMENT_LABELS] ?? r.employment}
            </Fact>
            <Fact label="Доход в месяц">{rub(r.monthlyIncome)}</Fact>
            <Fact label="Подана">{formatInstant(r.createdAt)}</Fact>
          </Stack>
        </Card>
        <Card withBorder>
          <Stack gap="xs">
            <Title order={2} size="h4">
              Автоматическое решение
            </Title>
            <Fact label="Итог">{statusText(r.automatic.outcome)}</Fact>
            <List size="sm">
              {r.automatic.reasons.map((reason) => (
                <List.Item key={reason.code}>
                  {reason.label}{' '}
                  <Text span c="dimmed" size="xs">
                    ({reason.code})
                  </Text>
                </List.Item>
              ))}
            </List>
            {r.automatic.allowedAmount && (
              <Fact label="Допустимо по ПДН">{rub(r.automatic.allowedAmount)}</Fact>
            )}
            <Fact label="Правила">{r.automatic.ruleSetId ?? '—'}</Fact>
          </Stack>
        </Card>
        <Card withBorder>
          <Stack gap="xs">
            <Title order={2} size="h4">
              Бюро кредитных историй
            </Title>
            {r.bureau ? (
              <>
                <Fact label="Самозапрет">{r.bureau.banned ? 'Установлен' : 'Нет'}</Fact>
                <Fact label="Бюро">{r.bureau.bureau}</Fact>
                <Fact label="Номер запроса">{r.bureau.requestId}</Fact>
              </>
            ) : (
              <Text size="sm">Нет ответа бюро</Text>
            )}
          </Stack>
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          История с нами
        </Title>
        {r.history.applications.length === 0 && r.history.loans.length === 0 ? (
          <Text size="sm">Первое обращение</Text>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Что</Table.Th>
                  <Table.Th>Сумма</Table.Th>
                  <Table.Th>Статус</Table.Th>
                  <Table.Th>Дата</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.history.applications.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>Заявка</Table.Td>
                    <Table.Td>{rub(a.amount)}</Table.Td>
                    <Table.Td>{statusText(a.status)}</Table.Td>
                    <Table.Td>{formatInstant(a.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
                {r.history.loans.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Td>Заём</Table.Td>
                    <Table.Td>{rub(l.principal)}</Table.Td>
                    <Table.Td>
                      {statusText(l.status)}
                      {l.overdueSince ? ` с ${formatDate(l.overdueSince)}` : ''}
                    </Table.Td>
                    <Table.Td>{l.disbursedOn ? formatDate(l.disbursedOn) : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      {r.pending ? (
        <SecondApproval review={r} onDone={refresh} />
      ) : r.status === 'under_review' && r.claim?.mine ? (
        <DecisionForm review={r} onDone={refresh} />
      ) : r.status === 'under_review' ? (
        <Text c="dimmed">Чтобы принять решение, возьмите заявку в работу.</Text>
      ) : null}
    </Stack>
  );
}
