import { Accordion, Anchor, Button, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useMe, useSiteStatus } from '../../api/queries';
import { usePageTitle } from '../../hooks/usePageTitle';

type Answer = { id: string; question: string; body: ReactNode; action: ReactNode };

/**
 * Help without a specialist: the five questions asked most, each answer ending in the action that solves it. Open to
 * guests (linked from the sign-in form) and to the account.
 */
export function HelpPage() {
  usePageTitle('Помощь');
  const me = useMe();
  const status = useSiteStatus();
  const signedIn = Boolean(me.data);
  const ask = (
    <Button component={Link} to={signedIn ? '/account/support' : '/login'} variant="light">
      {signedIn ? 'Задать вопрос специалисту' : 'Войти и задать вопрос специалисту'}
    </Button>
  );
  const answers: Answer[] = [
    {
      id: 'sign-in',
      question: 'Почему не получается войти?',
      body: (
        <Text>
          Проверьте номер телефона и пароль (раскладку и Caps Lock). После нескольких неудачных попыток вход
          на время блокируется — подождите, сколько указано в сообщении. Если пароль забыт, восстановите его
          по коду из СМС.
        </Text>
      ),
      action: (
        <Button component={Link} to="/recover">
          Восстановить пароль
        </Button>
      ),
    },
    {
      id: 'sms',
      question: 'Не приходит СМС',
      body: (
        <Text>
          Код приходит в течение минуты. Проверьте, что телефон в сети и номер введён верно. Повторно код
          можно запросить, когда истечёт таймер на экране ввода кода — кнопка «Отправить код ещё раз» станет
          доступна.
        </Text>
      ),
      action: (
        <Button component={Link} to={signedIn ? '/account' : '/login'}>
          {signedIn ? 'Вернуться в кабинет' : 'Вернуться ко входу и запросить код'}
        </Button>
      ),
    },
    {
      id: 'payment',
      question: 'Платёж не зачислен',
      body: (
        <Text>
          Платёж картой зачисляется сразу после подтверждения банком, переводом по реквизитам — до трёх
          рабочих дней. Статус каждого платежа виден на странице займа. Если деньги списаны, а платёж не
          зачислен, пришлите чек специалисту.
        </Text>
      ),
      action: (
        <Stack gap="xs" align="flex-start">
          <Button component={Link} to={signedIn ? '/account' : '/login'}>
            Проверить статус платежа
          </Button>
          {ask}
        </Stack>
      ),
    },
    {
      id: 'phone',
      question: 'Как сменить номер телефона',
      body: (
        <Text>
          Номер телефона — ваш логин, поэтому он меняется только после проверки личности специалистом.
          Напишите специалисту: укажите новый номер, мы проверим паспортные данные и подтвердим номер кодом из
          СМС.
        </Text>
      ),
      action: ask,
    },
    {
      id: 'end',
      question: 'Как прекратить отношения',
      body: (
        <Text>
          Удалить кабинет кнопкой нельзя: сначала нужно погасить займы и вернуть переплату. Напишите
          специалисту — он проверит, что этому мешает, и прекратит отношения; данные хранятся столько, сколько
          требует закон.
        </Text>
      ),
      action: ask,
    },
  ];
  return (
    <Stack gap="lg" maw={760}>
      <Title order={1} size="h2">
        Помощь
      </Title>
      <Accordion variant="separated" defaultValue={window.location.hash.slice(1) || null}>
        {answers.map((a) => (
          <Accordion.Item key={a.id} value={a.id} id={a.id}>
            <Accordion.Control>{a.question}</Accordion.Control>
            <Accordion.Panel>
              <Stack gap="sm" align="flex-start">
                {a.body}
                {a.action}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
      <Text size="sm" c="dimmed">
        Новости компании — в{' '}
        <Anchor href={status.data?.telegramUrl} target="_blank" rel="noopener noreferrer">
          Telegram-канале
        </Anchor>
        .
      </Text>
    </Stack>
  );
}
