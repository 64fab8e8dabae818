import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Loader,
  Paper,
  Rating,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  CONVERSATION_STATUS_LABELS,
  SUPPORT_MAX_ATTACHMENTS,
  SUPPORT_TOPIC_LABELS,
  SUPPORT_TOPICS,
  supportApi,
  supportPaths,
  type Conversation,
  type SupportTopic,
} from '../../../contracts/support';
import { call } from '../../api/client';
import { useLoans, useSiteStatus } from '../../api/queries';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { ConfirmAction } from '../../components/ConfirmAction';
import { usePageTitle } from '../../hooks/usePageTitle';
import { formatInstant } from '../../i18n/format';
import { ACCEPTED_FILES, formatSize, toUploads } from './files';
import { useSupportEvents } from './useSupportEvents';

// Under ['me']: signing out drops another borrower's conversations from this tab.
const KEY = ['me', 'support'] as const;

/** «Вопросы специалисту»: the list of the borrower's conversations and a new question; or one conversation. */
export function SupportPage() {
  usePageTitle('Вопросы специалисту');
  const { id } = useParams();
  useSupportEvents(supportPaths.events, KEY);
  const status = useSiteStatus();
  return (
    <Stack gap="lg" maw={760}>
      <Title order={1} size="h2">
        Вопросы специалисту
      </Title>
      {id ? <ConversationView id={id} /> : <ConversationList />}
      <Text size="sm" c="dimmed">
        Новости компании — в нашем{' '}
        <Anchor href={status.data?.telegramUrl} target="_blank" rel="noopener noreferrer">
          Telegram-канале
        </Anchor>
        ; вопросы о долге и платежах задавайте здесь. Ответы на частые вопросы —{' '}
        <Anchor component={Link} to="/help">
          в разделе помощи
        </Anchor>
        .
      </Text>
    </Stack>
  );
}

function ConversationList() {
  const list = useQuery({
    queryKey: [...KEY, 'list'],
    queryFn: ({ signal }) => call(supportApi.conversations, { signal }),
  });
  return (
    <Stack gap="md">
      <NewQuestion />
      <Title order={2} size="h3">
        Мои обращения
      </Title>
      {list.isPending && <Loader size="sm" aria-label="Загрузка" />}
      <ApiErrorAlert error={list.error} />
      {list.data?.items.length === 0 && <Text c="dimmed">Обращений пока нет.</Text>}
      {list.data?.items.map((c) => (
        <Paper
          key={c.id}
          withBorder
          p="sm"
          component={Link}
          to={`/account/support/${c.id}`}
          style={{ textDecoration: 'none', color: 'inherit' }}
        >
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text fw={600}>{SUPPORT_TOPIC_LABELS[c.topic]}</Text>
            <Group gap="xs">
              {c.unread > 0 && (
                <Badge color="red" aria-label={`Непрочитанных ответов: ${c.unread}`}>
                  {c.unread}
                </Badge>
              )}
              <Badge variant="light">{CONVERSATION_STATUS_LABELS[c.status]}</Badge>
            </Group>
          </Group>
          <Text size="sm" c="dimmed">
            {formatInstant(c.lastMessageAt)}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}

function NewQuestion() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const loans = useLoans();
  const [topic, setTopic] = useState<SupportTopic | null>(null);
  const [loanId, setLoanId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const ask = useMutation({
    mutationFn: async () =>
      call(supportApi.openConversation, {
        body: { topic: topic ?? 'other', loanId, text, attachments: await toUploads(files) },
      }),
    onSuccess: (conversation) => {
      void queryClient.invalidateQueries({ queryKey: KEY });
      void navigate(`/account/support/${conversation.id}`);
    },
  });
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          ask.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h3">
            Новый вопрос
          </Title>
          <Select
            label="Тема"
            required
            data={SUPPORT_TOPICS.map((t) => ({ value: t, label: SUPPORT_TOPIC_LABELS[t] }))}
            value={topic}
            onChange={(v) => setTopic(v as SupportTopic | null)}
          />
          {(loans.data?.length ?? 0) > 0 && (
            <Select
              label="Заём (если вопрос о нём)"
              clearable
              data={(loans.data ?? []).map((l) => ({
                value: l.id,
                label: `№ ${l.contractNumber} от ${l.contractDate.split('-').reverse().join('.')}`,
              }))}
              value={loanId}
              onChange={setLoanId}
            />
          )}
          <Textarea
            label="Вопрос"
            required
            autosize
            minRows={3}
            maxLength={4000}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          <FileInput
            label="Фото или PDF"
            description={`До ${SUPPORT_MAX_ATTACHMENTS} файлов: JPEG, PNG, WebP, HEIC или PDF`}
            multiple
            clearable
            accept={ACCEPTED_FILES}
            value={files}
            onChange={(v) => setFiles(v.slice(0, SUPPORT_MAX_ATTACHMENTS))}
          />
          <ApiErrorAlert error={ask.error} />
          <Button type="submit" loading={ask.isPending} disabled={!topic || text.trim() === ''}>
            Отправить вопрос
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

function ConversationView({ id }: { id: string }) {
  const queryClient = useQueryClient();
  const conversation = useQuery({
    queryKey: [...KEY, 'conversation', id],
    queryFn: ({ signal }) => call(supportApi.conversation, { params: { id }, signal }),
  });
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const update = (data: Conversation) => {
    queryClient.setQueryData([...KEY, 'conversation', id], data);
    void queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] });
  };
  const reply = useMutation({
    mutationFn: async () =>
      call(supportApi.replyToConversation, {
        params: { id },
        body: { text, attachments: await toUploads(files) },
      }),
    onSuccess: (data) => {
      setText('');
      setFiles([]);
      update(data);
    },
  });
  const rate = useMutation({
    mutationFn: (rating: number) => call(supportApi.rateConversation, { params: { id }, body: { rating } }),
    onSuccess: update,
  });
  const endRelationship = useMutation({
    mutationFn: () => call(supportApi.requestRelationshipEnd, { params: { id } }),
    onSuccess: (data) => {
      update(data);
      void queryClient.invalidateQueries({ queryKey: ['me', 'relationship-end'] });
    },
  });
  if (conversation.isPending) return <Loader size="sm" aria-label="Загрузка" />;
  if (conversation.error) return <ApiErrorAlert error={conversation.error} />;
  const c = conversation.data;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/account/support" size="sm">
        ← Все обращения
      </Anchor>
      <Group justify="space-between">
        <Title order={2} size="h3">
          {SUPPORT_TOPIC_LABELS[c.topic]}
        </Title>
        <Badge variant="light">{CONVERSATION_STATUS_LABELS[c.status]}</Badge>
      </Group>
      <Stack gap="sm" aria-live="polite" data-testid="messages">
        {c.messages.map((m) => (
          <Paper
            key={m.id}
            withBorder
            p="sm"
            bg={m.author === 'staff' ? 'var(--mantine-color-blue-light)' : undefined}
          >
            <Text size="sm" fw={600}>
              {m.author === 'staff' ? `Специалист${m.authorName ? ` ${m.authorName}` : ''}` : 'Вы'} ·{' '}
              {formatInstant(m.createdAt)}
              {m.edited ? ' · исправлено' : ''}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{m.text}</Text>
            {m.attachments.map((a) => (
              <Anchor
                key={a.id}
                href={supportPaths.attachment(c.id, a.id)}
                target="_blank"
                rel="noopener"
                size="sm"
                display="block"
              >
                {a.filename} ({formatSize(a.size)})
              </Anchor>
            ))}
          </Paper>
        ))}
      </Stack>
      {c.relationshipEnd ? (
        <Alert color="blue" variant="light" title="Прекращение отношений" data-testid="relationship-end">
          {c.relationshipEnd.status === 'ended'
            ? 'Отношения прекращены. Подтверждение в PDF отправлено по СМС.'
            : `Просьба прекратить отношения от ${formatInstant(c.relationshipEnd.createdAt)} ` +
              `${c.relationshipEnd.openedBy === 'staff' ? 'оформлена специалистом с ваших слов' : 'принята'}` +
              ': специалист проверит, что ничто не мешает, и прекратит их.'}
        </Alert>
      ) : (
        c.status !== 'closed' && (
          <Group gap="xs">
            <ConfirmAction
              label="Прекратить отношения"
              question="Подать просьбу прекратить отношения? Специалист проверит, что ничто не мешает (непогашенный заём, открытая заявка, переплата), и прекратит их; после этого войти в кабинет и взять заём будет нельзя."
              confirmLabel="Да, подать просьбу"
              loading={endRelationship.isPending}
              onConfirm={() => endRelationship.mutate()}
              buttonProps={{ variant: 'subtle', size: 'compact-sm' }}
            />
            <ApiErrorAlert error={endRelationship.error} />
          </Group>
        )
      )}
      {c.status === 'closed' ? (
        <Alert color="gray" title="Обращение закрыто">
          <Stack gap="xs">
            <Text size="sm">
              {c.rating ? 'Спасибо за оценку!' : 'Оцените, пожалуйста, ответ специалиста:'}
            </Text>
            <Rating value={c.rating ?? 0} onChange={(v) => rate.mutate(v)} aria-label="Оценка ответа" />
            <ApiErrorAlert error={rate.error} />
            <Anchor component={Link} to="/account/support" size="sm">
              Задать новый вопрос
            </Anchor>
          </Stack>
        </Alert>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            reply.mutate();
          }}
        >
          <Stack gap="sm">
            <Textarea
              label="Сообщение"
              autosize
              minRows={2}
              maxLength={4000}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
            />
            <FileInput
              label="Фото или PDF"
              multiple
              clearable
              accept={ACCEPTED_FILES}
              value={files}
              onChange={(v) => setFiles(v.slice(0, SUPPORT_MAX_ATTACHMENTS))}
            />
            <ApiErrorAlert error={reply.error} />
            <Button type="submit" loading={reply.isPending} disabled={text.trim() === ''}>
              Отправить
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
