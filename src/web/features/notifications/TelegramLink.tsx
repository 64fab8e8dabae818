import { Alert, Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { telegramApi, type TelegramDeepLink, type TelegramLink } from '../../../contracts/telegram';
import { call } from '../../api/client';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { Section } from '../../components/layout';
import { formatInstant, formatInstantDate } from '../../i18n/format';

const telegramKey = ['me', 'telegram'] as const;

/**
 * «Telegram»: reminders and notices in the company's bot instead of SMS. The borrower gets a one-time link to the
 * bot (15 minutes), presses Start there, and types here the code the bot sent — only then does anything with an
 * amount go to that chat. Unlinking is one click. Hidden when the bot is off.
 */
export function TelegramLinkSection() {
  const queryClient = useQueryClient();
  const [deepLink, setDeepLink] = useState<TelegramDeepLink | null>(null);
  const [code, setCode] = useState('');
  const link = useQuery({
    queryKey: telegramKey,
    queryFn: ({ signal }) => call(telegramApi.telegramLink, { signal }),
    // While a link to the bot is out, look for the press of Start every few seconds.
    refetchInterval: (query) => (deepLink && query.state.data?.status === 'none' ? 3000 : false),
  });
  const saved = (data: TelegramLink) => {
    queryClient.setQueryData(telegramKey, data);
    setDeepLink(null);
    setCode('');
  };
  const request = useMutation({
    mutationFn: () => call(telegramApi.requestTelegramLink),
    onSuccess: (data) => setDeepLink(data),
  });
  const confirm = useMutation({
    mutationFn: (value: string) => call(telegramApi.confirmTelegramLink, { body: { code: value } }),
    onSuccess: saved,
    onError: () => void queryClient.invalidateQueries({ queryKey: telegramKey }),
  });
  const unlink = useMutation({ mutationFn: () => call(telegramApi.unlinkTelegram), onSuccess: saved });

  if (link.data && !link.data.available && link.data.status === 'none') return null;
  const data = link.data;
  const who = data?.telegramName ? ` (${data.telegramName})` : '';

  return (
    <Section title="Telegram">
      {link.isPending && <Loader size="sm" aria-label="Загрузка" />}
      <ApiErrorAlert error={link.error ?? request.error ?? confirm.error ?? unlink.error} />
      {data?.status === 'none' && (
        <Stack gap="sm">
          <Text size="sm">
            Напоминания о платежах и уведомления по займу могут приходить в Telegram вместо СМС. Коды для
            входа и подписания документов всегда приходят по СМС.
          </Text>
          {deepLink ? (
            <Stack gap="xs">
              <Group gap="sm">
                <Button component="a" href={deepLink.deepLink} target="_blank" rel="noopener noreferrer">
                  Открыть бота{data.botUsername ? ` @${data.botUsername}` : ''}
                </Button>
              </Group>
              <Text size="sm" c="dimmed">
                Нажмите в Telegram «Start» («Запустить»): бот пришлёт код, его нужно будет ввести здесь.
                Ссылка одноразовая и действует до {formatInstant(deepLink.expiresAt)} мск.
              </Text>
            </Stack>
          ) : (
            <Group>
              <Button variant="light" onClick={() => request.mutate()} loading={request.isPending}>
                Подключить Telegram
              </Button>
            </Group>
          )}
        </Stack>
      )}
      {data?.status === 'pending' && (
        <Stack gap="sm">
          <Alert color="yellow" variant="light">
            <Text size="sm">
              Подтвердите подключение: бот прислал в Telegram{who} код из 6 цифр. Пока вы не ввели код, в
              Telegram ничего не приходит.
            </Text>
          </Alert>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              confirm.mutate(code);
            }}
          >
            <Group align="flex-end" gap="sm">
              <TextInput
                label="Код из Telegram"
                value={code}
                onChange={(event) => setCode(event.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
                inputMode="numeric"
                autoComplete="one-time-code"
                w={160}
              />
              <Button type="submit" loading={confirm.isPending} disabled={code.length !== 6}>
                Подтвердить
              </Button>
              <Button
                variant="subtle"
                color="gray"
                onClick={() => unlink.mutate()}
                loading={unlink.isPending}
              >
                Отменить
              </Button>
            </Group>
          </form>
        </Stack>
      )}
      {data?.status === 'confirmed' && (
        <Stack gap="sm">
          <Text size="sm">
            Уведомления приходят в Telegram{who}
            {data.since ? ` с ${formatInstantDate(data.since)}` : ''} — вместо СМС. Если Telegram недоступен,
            мы пришлём СМС.
          </Text>
          <Group>
            <Button variant="light" color="red" onClick={() => unlink.mutate()} loading={unlink.isPending}>
              Отключить Telegram
            </Button>
          </Group>
        </Stack>
      )}
    </Section>
  );
}
