import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Switch,
  Tabs,
  Text,
  Textarea,
  Title,
  Anchor,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import 'mantine-datatable/styles.css';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  DESK_STATUS_LABELS,
  INBOX_BOX_LABELS,
  INBOX_BOXES,
  supportDeskApi,
  supportDeskPaths,
  type DeskConversation,
  type InboxBox,
} from '../../../../contracts/backoffice-support';
import { SUPPORT_TOPIC_LABELS } from '../../../../contracts/support-topics';
import { call } from '../../../api/client';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert';
import { ConfirmAction } from '../../../components/ConfirmAction';
import { formatDate, formatInstant } from '../../../i18n/format';
import { useSupportEvents } from '../../../features/support/useSupportEvents';
import { staffCan, useStaffMe } from '../../app/use-staff';

const KEY = ['bo', 'support'] as const;

const RELATIONSHIP_END_STATUS = {
  open: 'рассматривается',
  ended: 'отношения прекращены',
  withdrawn: 'отозвана',
};

/** «2 ч 05 мин» of working time. */
const formatMinutes = (minutes: number) =>
  minutes < 60
    ? `${minutes} мин`
    : `${Math.floor(minutes / 60)} ч ${String(minutes % 60).padStart(2, '0')} мин`;

/** The support desk: the inbox by folder with counts; a conversation beside it, live. */
export function SupportDeskPage() {
  const { id } = useParams();
  useSupportEvents(supportDeskPaths.events, KEY);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Title order={1} size="h2">
          Вопросы заёмщиков
        </Title>
        <DutyToggle />
      </Group>
      {id ? <DeskConversationView id={id} /> : <InboxView />}
    </Stack>
  );
}

/**
 * «На смене»: the member's own duty status. Only members on duty receive new conversations automatically
 * (SUPPORT_AUTO_ASSIGN); anyone may still take a conversation by hand.
 */
function DutyToggle() {
  const queryClient = useQueryClient();
  const key = [...KEY, 'duty'];
  const duty = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => call(supportDeskApi.duty, { signal }),
  });
  const change = useMutation({
    mutationFn: (onDuty: boolean) => call(supportDeskApi.setDuty, { body: { onDuty } }),
    onSuccess: (data) => queryClient.setQueryData(key, data),
  });
  return (
    <Stack gap={2} align="flex-end">
      <Switch
        label={duty.data?.onDuty ? 'На смене' : 'Не на смене'}
        checked={duty.data?.onDuty ?? false}
        disabled={!duty.data || change.isPending}
        onChange={(e) => change.mutate(e.currentTarget.checked)}
        aria-describedby="duty-hint"
      />
      <Text id="duty-hint" size="xs" c="dimmed">
        Новые обращения распределяются только между сотрудниками на смене
      </Text>
      <ApiErrorAlert error={duty.error ?? change.error} />
    </Stack>
  );
}

function InboxView() {
  const navigate = useNavigate();
  const [box, setBox] = useState<InboxBox>('new');
  const inbox = useQuery({
    queryKey: [...KEY, 'inbox', box],
    queryFn: ({ signal }) => call(supportDeskApi.inbox, { params: { box }, signal }),
  });
  return (
    <Stack gap="sm">
      <Tabs value={box} onChange={(v) => v && setBox(v as InboxBox)}>
        <Tabs.List>
          {INBOX_BOXES.map((b) => (
            <Tabs.Tab
              key={b}
              value={b}
              rightSection={
                <Badge size="sm" color={b === 'overdue' ? 'red' : 'gray'}>
                  {inbox.data?.counts[b] ?? '·'}
                </Badge>
              }
            >
              {INBOX_BOX_LABELS[b]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <ApiErrorAlert error={inbox.error} />
      <DataTable
        withTableBorder
        striped
        highlightOnHover
        minHeight={160}
        fetching={inbox.isFetching}
        noRecordsText="Пусто"
        records={inbox.data?.items ?? []}
        onRowClick={({ record }) => void navigate(`/backoffice/support/${record.id}`)}
        columns={[
          { accessor: 'borrowerName', title: 'Заёмщик' },
          { accessor: 'topic', title: 'Тема', render: (r) => SUPPORT_TOPIC_LABELS[r.topic] },
          {
            accessor: 'status',
            title: 'Статус',
            render: (r) => (
              <Group gap={4}>
                {DESK_STATUS_LABELS[r.status]}
                {r.unread > 0 && (
                  <Badge color="blue" size="sm">
                    {r.unread}
                  </Badge>
                )}
                {r.complaint && (
                  <Badge color={r.overdue ? 'red' : 'orange'} size="sm">
                    {r.overdue ? 'Жалоба: срок истёк' : `Жалоба до ${formatDate(r.complaintDeadline ?? '')}`}
                  </Badge>
                )}
              </Group>
            ),
          },
          { accessor: 'assignedStaffName', title: 'Специалист', render: (r) => r.assignedStaffName ?? '—' },
          {
            accessor: 'waitingWorkingMinutes',
            title: 'Ждёт ответа (раб. время)',
            render: (r) => (r.waitingWorkingMinutes === null ? '—' : formatMinutes(r.waitingWorkingMinutes)),
          },
          {
            accessor: 'lastMessageAt',
            title: 'Последнее сообщение',
            render: (r) => formatInstant(r.lastMessageAt),
          },
        ]}
      />
    </Stack>
  );
}

function DeskConversationView({ id }: { id: string }) {
  const queryClient = useQueryClient();
  const { data: me } = useStaffMe();
  const key = [...KEY, 'conversation', id];
  const conversation = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => call(supportDeskApi.conversation, { params: { id }, signal }),
  });
  const canned = useQuery({
    queryKey: [...KEY, 'canned'],
    queryFn: ({ signal }) => call(supportDeskApi.cannedAnswers, { signal }),
  });
  const specialists = useQuery({
    queryKey: [...KEY, 'specialists'],
    queryFn: ({ signal }) => call(supportDeskApi.specialists, { signal }),
  });
  const [text, setText] = useState('');
  const [internal, setInternal] = useState(false);
  const done = (data: DeskConversation) => {
    queryClient.setQueryData(key, data);
    void queryClient.invalidateQueries({ queryKey: [...KEY, 'inbox'] });
  };
  const act = useMutation({
    mutationFn: (action: () => Promise<DeskConversation>) => action(),
    onSuccess: done,
  });
  const send = useMutation({
    mutationFn: () => call(supportDeskApi.reply, { params: { id }, body: { text, internal } }),
    onSuccess: (data) => {
      setText('');
      setInternal(false);
      done(data);
    },
  });
  if (conversation.isPending) return <Loader size="sm" aria-label="Загрузка" />;
  if (conversation.error) return <ApiErrorAlert error={conversation.error} />;
  const c = conversation.data;
  const closed = c.status === 'closed';
  return (
    <Stack gap="md" maw={900}>
      <Anchor component={Link} to="/backoffice/support" size="sm">
        ← Входящие
      </Anchor>
      <Group justify="space-between" wrap="wrap">
        <Stack gap={0}>
          <Title order={2} size="h3">
            {SUPPORT_TOPIC_LABELS[c.topic]} · {c.borrowerName}
          </Title>
          <Text size="sm" c="dimmed">
            {DESK_STATUS_LABELS[c.status]} · специалист: {c.assignedStaffName ?? 'не назначен'}
            {c.complaint && ` · жалоба, ответить до ${formatDate(c.complaintDeadline ?? '')}`}
            {c.rating !== null && ` · оценка ${c.rating} из 5`}
            {c.firstResponseWorkingMinutes !== null &&
              ` · первый ответ за ${formatMinutes(c.firstResponseWorkingMinutes)}`}
            {c.waitingWorkingMinutes !== null && ` · ждёт ответа ${formatMinutes(c.waitingWorkingMinutes)}`}
          </Text>
          {staffCan(me, 'borrowers.read') && (
            <Anchor component={Link} to={`/backoffice/borrowers/${c.borrowerId}`} size="sm">
              Карточка заёмщика
            </Anchor>
          )}
        </Stack>
        <Group gap="xs">
          {!closed && c.assignedStaffId !== me?.id && (
            <Button size="xs" onClick={() => act.mutate(() => call(supportDeskApi.take, { params: { id } }))}>
              Взять себе
            </Button>
          )}
          {!closed && (
            <Select
              size="xs"
              aria-label="Назначить специалиста"
              placeholder="Назначить…"
              data={(specialists.data?.items ?? []).map((s) => ({ value: s.id, label: s.displayName }))}
              onChange={(staffId) =>
                staffId &&
                act.mutate(() => call(supportDeskApi.assign, { params: { id }, body: { staffId } }))
              }
            />
          )}
          <Button
            size="xs"
            variant="light"
            color="orange"
            onClick={() =>
              act.mutate(() =>
                call(supportDeskApi.markComplaint, { params: { id }, body: { complaint: !c.complaint } }),
              )
            }
          >
            {c.complaint ? 'Снять отметку жалобы' : 'Это жалоба'}
          </Button>
          {!closed && !c.relationshipEnd && (
            <ConfirmAction
              label="Оформить прекращение отношений"
              question="Оформить просьбу заёмщика прекратить отношения от его имени? Делайте это, только если заёмщик сам попросил об этом в обращении или по телефону."
              confirmLabel="Да, оформить"
              loading={act.isPending}
              onConfirm={() => act.mutate(() => call(supportDeskApi.openRelationshipEnd, { params: { id } }))}
              buttonProps={{ size: 'xs', variant: 'light' }}
            />
          )}
          {!closed && (
            <Button
              size="xs"
              variant="light"
              color="gray"
              onClick={() => act.mutate(() => call(supportDeskApi.close, { params: { id } }))}
            >
              Закрыть
            </Button>
          )}
        </Group>
      </Group>
      {c.relationshipEnd && (
        <Alert color="blue" variant="light" title="Прекращение отношений">
          Просьба от {formatInstant(c.relationshipEnd.createdAt)} (
          {c.relationshipEnd.openedBy === 'staff' ? 'оформлена специалистом' : 'от заёмщика'}):{' '}
          {RELATIONSHIP_END_STATUS[c.relationshipEnd.status]}.{' '}
          <Anchor component={Link} to={`/backoffice/relationship-ends/${c.relationshipEnd.id}`}>
            Открыть заявку
          </Anchor>
        </Alert>
      )}
      <ApiErrorAlert error={act.error} />
      <Stack gap="xs" aria-live="polite">
        {c.messages.map((m) => (
          <Paper
            key={m.id}
            withBorder
            p="sm"
            bg={
              m.internal
                ? 'var(--mantine-color-yellow-light)'
                : m.author === 'staff'
                  ? 'var(--mantine-color-blue-light)'
                  : undefined
            }
          >
            <Text size="sm" fw={600}>
              {m.internal ? 'Внутренняя заметка · ' : ''}
              {m.authorName ?? (m.author === 'staff' ? 'Специалист' : 'Заёмщик')} ·{' '}
              {formatInstant(m.createdAt)}
              {m.previousTexts.length > 0 ? ' · исправлено' : ''}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{m.text}</Text>
            {m.previousTexts.map((p, i) => (
              <Text key={i} size="xs" c="dimmed" td="line-through">
                {p}
              </Text>
            ))}
            {m.attachments.map((a) => (
              <Anchor
                key={a.id}
                href={supportDeskPaths.attachment(c.id, a.id)}
                target="_blank"
                rel="noopener"
                size="sm"
                display="block"
              >
                {a.filename}
              </Anchor>
            ))}
          </Paper>
        ))}
      </Stack>
      {!closed && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            send.mutate();
          }}
        >
          <Stack gap="xs">
            {(canned.data?.items.length ?? 0) > 0 && (
              <Select
                aria-label="Шаблон ответа"
                placeholder="Вставить шаблон ответа…"
                data={(canned.data?.items ?? []).map((a) => ({ value: a.id, label: a.title }))}
                onChange={(value) => {
                  const answer = canned.data?.items.find((a) => a.id === value);
                  if (answer) setText((t) => (t ? `${t}\n${answer.text}` : answer.text));
                }}
              />
            )}
            <Textarea
              label="Ответ"
              autosize
              minRows={3}
              maxLength={4000}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
            />
            <Checkbox
              label="Внутренняя заметка (заёмщик её не увидит)"
              checked={internal}
              onChange={(e) => setInternal(e.currentTarget.checked)}
            />
            <ApiErrorAlert error={send.error} />
            <Button type="submit" loading={send.isPending} disabled={text.trim() === ''}>
              {internal ? 'Сохранить заметку' : 'Ответить заёмщику'}
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
