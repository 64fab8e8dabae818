import { Badge, Button, Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { telegramApi, type DevTelegramChat } from '../../../contracts/telegram';
import { useSiteStatus } from '../../api/queries';
import { call } from '../../api/client';
import { PageLoader } from '../../app/guards';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { usePageTitle } from '../../hooks/usePageTitle';
import { formatInstant } from '../../i18n/format';
import { NotFoundPage } from '../not-found/NotFoundPage';

const CHAT_KEY = 'dev-telegram-chat';

/** This browser's demo Telegram user: a chat id kept in localStorage (a new random one the first time). */
function initialChatId(): string {
  const kept = window.localStorage.getItem(CHAT_KEY);
  if (kept && /^[1-9]\d{0,14}$/.test(kept)) return kept;
  const fresh = String(100_000_000 + Math.floor(Math.random() * 900_000_000));
  window.localStorage.setItem(CHAT_KEY, fresh);
  return fresh;
}

/**
 * Demo mode only: the person acts as the Telegram user of the demo bot — presses Start on the deep link from the
 * account (`?start=<token>`), reads what the bot sent, writes /stop, blocks the bot.
 */
export function DevTelegramPage() {
  const status = useSiteStatus();
  if (status.isPending) return <PageLoader />;
  if (!status.data?.demo) return <NotFoundPage />;
  return <DevTelegramChatView />;
}

function DevTelegramChatView() {
  usePageTitle('Telegram (демо)');
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const start = search.get('start');
  const [chatId, setChatId] = useState(initialChatId);
  const [firstName, setFirstName] = useState('Мария');
  const [text, setText] = useState('');
  const key = ['dev', 'telegram', chatId];
  const valid = /^[1-9]\d{0,14}$/.test(chatId);
  const chat = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => call(telegramApi.devTelegramChat, { params: { chatId }, signal }),
    enabled: valid,
    refetchInterval: 2000,
  });
  const shown = (data: DevTelegramChat) => queryClient.setQueryData(key, data);
  const write = useMutation({
    mutationFn: (message: string) =>
      call(telegramApi.devTelegramWrite, { params: { chatId }, body: { text: message, firstName } }),
    onSuccess: shown,
  });
  const block = useMutation({
    mutationFn: (blocked: boolean) =>
      call(telegramApi.devTelegramBlock, { params: { chatId }, body: { blocked } }),
    onSuccess: shown,
  });

  return (
    <Stack gap="lg" maw={720}>
      <Stack gap={4}>
        <Title order={1} size="h2">
          Telegram (демо)
        </Title>
        <Text c="dimmed" size="sm">
          В демо-режиме бот ничего не отправляет в Telegram: здесь вы — пользователь Telegram. Нажмите
          «Запустить» по ссылке из личного кабинета, прочитайте код от бота, отправьте /stop или заблокируйте
          бота.
        </Text>
      </Stack>
      <Group align="flex-end" gap="sm">
        <TextInput
          label="Ваш Telegram ID"
          value={chatId}
          onChange={(e) => {
            const next = e.currentTarget.value.replace(/\D/g, '').slice(0, 15);
            setChatId(next);
            if (/^[1-9]\d{0,14}$/.test(next)) window.localStorage.setItem(CHAT_KEY, next);
          }}
          inputMode="numeric"
          w={180}
        />
        <TextInput
          label="Имя в Telegram"
          value={firstName}
          onChange={(e) => setFirstName(e.currentTarget.value.slice(0, 64))}
          w={200}
        />
      </Group>
      {start && (
        <Paper withBorder radius="lg" p="md">
          <Stack gap="sm">
            <Text>Бот @{chat.data?.botUsername ?? '…'} открыт по ссылке из личного кабинета.</Text>
            <Group>
              <Button
                disabled={!valid || firstName === ''}
                loading={write.isPending}
                onClick={() =>
                  write.mutate(`/start ${start}`, {
                    onSuccess: () => setSearch({}, { replace: true }),
                  })
                }
              >
                Запустить
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      <ApiErrorAlert error={chat.error ?? write.error ?? block.error} />
      {chat.isPending && valid && <Loader aria-label="Загрузка" />}
      {chat.data && (
        <Stack gap="sm">
          <Group justify="space-between">
            <Text fw={700}>Чат с @{chat.data.botUsername}</Text>
            {chat.data.blocked ? (
              <Group gap="xs">
                <Badge color="red">Бот заблокирован</Badge>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => block.mutate(false)}
                  loading={block.isPending}
                >
                  Разблокировать
                </Button>
              </Group>
            ) : (
              <Button
                size="xs"
                variant="light"
                color="red"
                onClick={() => block.mutate(true)}
                loading={block.isPending}
              >
                Заблокировать бота
              </Button>
            )}
          </Group>
          {chat.data.messages.length === 0 && <Text c="dimmed">Сообщений пока нет.</Text>}
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Чат с ботом">
            {chat.data.messages.map((m) => (
              <Paper
                key={m.id}
                component="li"
                withBorder
                radius="lg"
                p="sm"
                maw="85%"
                ml={m.sender === 'user' ? 'auto' : 0}
                bg={m.sender === 'user' ? 'teal.0' : undefined}
              >
                <Text size="xs" c="dimmed">
                  {m.sender === 'bot' ? 'Бот' : 'Вы'} · {formatInstant(m.createdAt)}
                </Text>
                <Text style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>{m.text}</Text>
              </Paper>
            ))}
          </Stack>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (text.trim() !== '') write.mutate(text.trim(), { onSuccess: () => setText('') });
            }}
          >
            <Stack gap="xs">
              <TextInput
                label="Сообщение боту"
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
              />
              <Group gap="sm">
                <Button type="submit" loading={write.isPending} disabled={text.trim() === ''}>
                  Отправить
                </Button>
                <Button variant="default" onClick={() => write.mutate('/stop')} loading={write.isPending}>
                  /stop
                </Button>
              </Group>
            </Stack>
          </form>
        </Stack>
      )}
    </Stack>
  );
}
