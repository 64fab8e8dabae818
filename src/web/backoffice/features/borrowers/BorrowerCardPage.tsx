import { useState } from 'react';
import {
  Accordion,
  Button,
  Card,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { BorrowerSupportCases } from '../support-cases/BorrowerSupportCases';
import { cardApi } from '../../../../contracts/backoffice-work';
import {
  APPLICATION_STATUS_LABELS,
  BALANCE_LABELS,
  CONSENT_KIND_LABELS,
  ENTRY_KIND_LABELS,
  labelOf,
  LEDGER_ACCOUNT_LABELS,
  LOAN_STATUS_LABELS,
  PAYMENT_METHOD_LABELS,
  PAYMENT_ROW_STATUS_LABELS,
} from '../../../../domain/labels';
import { formatRub } from '../../../../domain/money';
import { call } from '../../../api/client';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert';
import { formatDate, formatInstant, formatPhone } from '../../../i18n/format';
import { staffCan, useStaffMe } from '../../app/use-staff';

const rub = (k: string) => formatRub(BigInt(k));

/** A small table of rows with the given columns. */
function Rows({ head, rows }: { head: string[]; rows: (string | number)[][] }) {
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Нет
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table striped fz="sm">
        <Table.Thead>
          <Table.Tr>
            {head.map((h) => (
              <Table.Th key={h}>{h}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={i}>
              {r.map((c, j) => (
                <Table.Td key={j}>{c}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Asks for a reason, then runs the act (passport reveal, ending sessions). */
function ReasonAct({ label, onReason }: { label: string; onReason: (reason: string) => Promise<unknown> }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const act = useMutation({ mutationFn: () => onReason(reason), onSuccess: () => setOpen(false) });
  return (
    <>
      <Button size="compact-sm" variant="light" onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={label}>
        <Stack>
          <TextInput
            label="Причина (записывается в журнал)"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <ApiErrorAlert error={act.error} />
          <Button onClick={() => act.mutate()} loading={act.isPending} disabled={reason.trim().length < 5}>
            Подтвердить
          </Button>
        </Stack>
      </Modal>
    </>
  );
}

/**
 * «Написать письмо»: a letter from the specialist to the borrower — subject and text. It is stored, shown to the
 * borrower as a PDF in «Мои документы» and announced by an in-account message (`cardApi.sendLetter`, audited).
 */
function LetterAct({ borrowerId, onSent }: { borrowerId: string; onSent: () => void }) {
  const [open, setOpen] = useState(false);
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const [done, setDone] = useState(false);
  const send = useMutation({
    mutationFn: () => call(cardApi.sendLetter, { params: { id: borrowerId }, body: { subject, text } }),
    onSuccess: () => {
      setOpen(false);
      setSubject('');
      setText('');
      setDone(true);
      onSent();
    },
  });
  return (
    <>
      <Group gap="xs">
        <Button size="compact-sm" variant="light" onClick={() => setOpen(true)}>
          Написать письмо
        </Button>
        {done && (
          <Text size="sm" c="teal.8" role="status">
            Письмо отправлено
          </Text>
        )}
      </Group>
      <Modal opened={open} onClose={() => setOpen(false)} title="Письмо клиенту">
        <Stack>
          <Text size="sm" c="dimmed">
            Клиент получит сообщение в личном кабинете, а письмо в PDF появится в разделе «Мои документы».
          </Text>
          <TextInput
            label="Тема"
            required
            maxLength={200}
            value={subject}
            onChange={(e) => setSubject(e.currentTarget.value)}
          />
          <Textarea
            label="Текст письма"
            description="Абзацы разделяйте пустой строкой"
            required
            autosize
            minRows={6}
            maxLength={5000}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          <ApiErrorAlert error={send.error} />
          <Button
            onClick={() => send.mutate()}
            loading={send.isPending}
            disabled={subject.trim().length < 3 || text.trim().length < 10}
          >
            Отправить
          </Button>
        </Stack>
      </Modal>
    </>
  );
}

/** The borrower's card: person (passport masked), consents, applications, loans, messages, sessions, audit. */
export function BorrowerCardPage() {
  const { id = '' } = useParams();
  const { data: me } = useStaffMe();
  const queryClient = useQueryClient();
  const card = useQuery({
    queryKey: ['bo', 'borrower', id],
    queryFn: () => call(cardApi.borrowerCard, { params: { id } }),
    staleTime: 0,
  });
  const [passport, setPassport] = useState<string | null>(null);
  const resend = useMutation({
    mutationFn: (contractId: string) => call(cardApi.resendContract, { params: { id, contractId } }),
  });
  if (card.error) return <ApiErrorAlert error={card.error} />;
  const c = card.data;
  if (!c) return null;
  return (
    <Stack>
      <Title order={1}>{c.fullName}</Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Stack gap={4}>
            <Text size="sm">Дата рождения: {formatDate(c.birthDate)}</Text>
            <Text size="sm">Телефон: {formatPhone(c.phone)}</Text>
            <Group gap="xs">
              <Text size="sm">Паспорт: {passport ?? c.passportMasked}</Text>
              {!passport && staffCan(me, 'borrowers.reveal') && (
                <ReasonAct
                  label="Показать"
                  onReason={async (reason) => {
                    const p = await call(cardApi.revealPassport, { params: { id }, body: { reason } });
                    setPassport(`${p.series.slice(0, 2)} ${p.series.slice(2)} ${p.number}`);
                  }}
                />
              )}
            </Group>
            <Text size="sm">
              Выдан {formatDate(c.passportIssueDate)}, {c.passportIssuedBy}
            </Text>
            <Text size="sm">В кабинете с {formatInstant(c.registeredAt)}</Text>
            {staffCan(me, 'borrowers.read') && (
              <LetterAct
                borrowerId={id}
                onSent={() => void queryClient.invalidateQueries({ queryKey: ['bo', 'borrower', id] })}
              />
            )}
          </Stack>
        </Card>
        <Card withBorder>
          <Title order={2} size="h5" mb="xs">
            Согласия
          </Title>
          <Rows
            head={['Вид', 'Версия', 'Принято', 'IP']}
            rows={c.consents.map((x) => [
              labelOf(CONSENT_KIND_LABELS, x.kind),
              x.version,
              formatInstant(x.acceptedAt),
              x.ip,
            ])}
          />
        </Card>
      </SimpleGrid>
      <BorrowerSupportCases borrowerId={id} />
      <ApiErrorAlert error={resend.error} />
      <Accordion multiple defaultValue={['applications', 'loans']} variant="contained">
        <Accordion.Item value="applications">
          <Accordion.Control>Заявки ({c.applications.length})</Accordion.Control>
          <Accordion.Panel>
            <Rows
              head={['Подана', 'Сумма', 'Статус', 'Одобрено', 'Причины']}
              rows={c.applications.map((a) => [
                formatInstant(a.createdAt),
                rub(a.amount),
                labelOf(APPLICATION_STATUS_LABELS, a.status),
                a.offerAmount ? rub(a.offerAmount) : '—',
                a.reasons.map((r) => r.label).join('; ') || '—',
              ])}
            />
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="loans">
          <Accordion.Control>Займы ({c.loans.length})</Accordion.Control>
          <Accordion.Panel>
            <Stack>
              {c.loans.map((l) => (
                <Card withBorder key={l.id}>
                  <Group justify="space-between">
                    <Text fw={600}>
                      Договор № {l.contractNumber} · {rub(l.principal)} ·{' '}
                      {labelOf(LOAN_STATUS_LABELS, l.status)}
                      {l.overdueSince ? ` · просрочка с ${formatDate(l.overdueSince)}` : ''}
                    </Text>
                    <Button
                      size="compact-sm"
                      variant="light"
                      onClick={() => resend.mutate(l.contractId)}
                      loading={resend.isPending}
                      disabled={!l.signedAt}
                    >
                      Отправить договор клиенту
                    </Button>
                  </Group>
                  <Text size="sm" mt="xs">
                    Остатки:{' '}
                    {Object.entries(l.balances)
                      .filter(([, v]) => v !== '0')
                      .map(([k, v]) => `${labelOf(BALANCE_LABELS, k)} ${rub(v.replace('-', ''))}`)
                      .join(', ') || 'нет'}
                  </Text>
                  {l.unbookedInterest !== '0' && (
                    <Text size="sm" c="dimmed">
                      В том числе проценты, начисленные закрытием дня и ещё не отражённые проводками:{' '}
                      {rub(l.unbookedInterest)} (отразятся в конце месяца, в дату платежа или при оплате)
                    </Text>
                  )}
                  <Title order={3} size="h6" mt="sm">
                    График
                  </Title>
                  <Rows
                    head={['№', 'Дата', 'Платёж', 'Долг', 'Проценты']}
                    rows={l.schedule.map((s) => [
                      s.n,
                      formatDate(s.dueDate),
                      rub(s.total),
                      rub(s.principal),
                      rub(s.interest),
                    ])}
                  />
                  <Title order={3} size="h6" mt="sm">
                    Платежи
                  </Title>
                  <Rows
                    head={['Когда', 'Сумма', 'Статус', 'Способ']}
                    rows={l.payments.map((p) => [
                      formatInstant(p.createdAt),
                      rub(p.amount),
                      labelOf(PAYMENT_ROW_STATUS_LABELS, p.status),
                      labelOf(PAYMENT_METHOD_LABELS, p.method),
                    ])}
                  />
                  <Title order={3} size="h6" mt="sm">
                    Проводки
                  </Title>
                  <Rows
                    head={['Дата', 'Операция', 'Счёт', 'Сумма']}
                    rows={l.postings.map((p) => [
                      formatDate(p.businessDate),
                      labelOf(ENTRY_KIND_LABELS, p.entryKind),
                      labelOf(LEDGER_ACCOUNT_LABELS, p.account),
                      rub(p.amount),
                    ])}
                  />
                </Card>
              ))}
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="messages">
          <Accordion.Control>Сообщения ({c.messages.length})</Accordion.Control>
          <Accordion.Panel>
            <Rows
              head={['Когда', 'Вид', 'Текст', 'СМС']}
              rows={c.messages.map((m) => [formatInstant(m.createdAt), m.kind, m.text, m.smsStatus])}
            />
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="sessions">
          <Accordion.Control>Сеансы</Accordion.Control>
          <Accordion.Panel>
            <Stack>
              <Group>
                <ReasonAct
                  label="Завершить все сеансы"
                  onReason={async (reason) => {
                    await call(cardApi.endBorrowerSessions, { params: { id }, body: { reason } });
                    await queryClient.invalidateQueries({ queryKey: ['bo', 'borrower', id] });
                  }}
                />
              </Group>
              <Rows
                head={['Начат', 'Последняя активность', 'IP', 'Активен']}
                rows={c.sessions.map((s) => [
                  formatInstant(s.createdAt),
                  formatInstant(s.lastSeenAt),
                  s.ip,
                  s.live ? 'да' : (s.endReason ?? 'истёк'),
                ])}
              />
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="audit">
          <Accordion.Control>Журнал действий</Accordion.Control>
          <Accordion.Panel>
            <Rows
              head={['Когда', 'Кто', 'Действие', 'IP']}
              rows={c.audit.map((a) => [
                formatInstant(a.at),
                a.actorType === 'specialist' ? `сотрудник ${a.actorId?.slice(0, 8)}` : a.actorType,
                a.action,
                a.ip ?? '—',
              ])}
            />
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </Stack>
  );
}
