import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { engagementApi, type Bonuses } from '../../../contracts/engagement';
import { call } from '../../api/client';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { Section } from '../../components/layout';
import { usePageTitle } from '../../hooks/usePageTitle';
import { formatDate } from '../../i18n/format';
import { formatWire } from '../loans/terms';
import { OfferNote, offersKey, useMyOffers } from './OfferNote';

/** «Промокод»: checked on the server; the offer it opens applies to the next contract. */
function PromoCode() {
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const apply = useMutation({
    mutationFn: () => call(engagementApi.promoCode, { body: { code } }),
    onSuccess: (data) => {
      queryClient.setQueryData(offersKey, data);
      setCode('');
    },
  });
  const offers = useMyOffers();
  return (
    <Section title="Специальные условия">
      <OfferNote />
      {offers.data && offers.data.items.length > 1 && (
        <Text size="sm" c="dimmed">
          Предложения не суммируются: к договору применяется самое выгодное.
        </Text>
      )}
      <Group
        component="form"
        align="flex-end"
        gap="sm"
        onSubmit={(e) => {
          e.preventDefault();
          apply.mutate();
        }}
      >
        <TextInput
          label="Промокод"
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          autoComplete="off"
          maw={240}
        />
        <Button type="submit" variant="light" loading={apply.isPending} disabled={code.trim().length < 3}>
          Применить
        </Button>
      </Group>
      <ApiErrorAlert error={apply.error} />
    </Section>
  );
}

/** The borrower's raffles, read from the server. */
const useMyRaffles = () =>
  useQuery({ queryKey: ['me', 'raffles'], queryFn: () => call(engagementApi.myRaffles) });

/** «Розыгрыши»: the borrower's entries per campaign and the result, with the public page of each draw. */
function MyRaffles() {
  const raffles = useMyRaffles();
  return (
    <Section title="Розыгрыши">
      <Text size="sm" c="dimmed">
        За каждый платёж в срок — запись в текущих розыгрышах. За получение займа записи не начисляются.
      </Text>
      <ApiErrorAlert error={raffles.error} />
      {raffles.data?.items.length === 0 && <Text size="sm">Вы пока не участвуете в розыгрышах.</Text>}
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Мои розыгрыши">
        {raffles.data?.items.map((r) => (
          <Paper key={r.id} component="li" withBorder radius="md" p="sm" data-testid="my-raffle">
            <Group justify="space-between" gap="xs">
              <Anchor component={Link} to={`/draws/${r.id}`} fw={600}>
                {r.title}
              </Anchor>
              {r.status === 'drawn' && (
                <Badge color={r.won ? 'teal' : 'gray'} variant="light">
                  {r.won ? `Вы выиграли: ${r.place}-е место` : 'Не выиграли'}
                </Badge>
              )}
            </Group>
            <Text size="sm">
              Ваших записей: {r.entries}. Розыгрыш {formatDate(r.drawOn)}.
              {r.won && ` Приз: ${r.prizeDescription}.`}
            </Text>
          </Paper>
        ))}
      </Stack>
    </Section>
  );
}

/** Query key of the borrower's bonuses (under ['me'], so signing out forgets it). */
export const bonusesKey = ['me', 'bonuses'] as const;

/** The borrower's bonuses, read from the server. */
export const useBonuses = () =>
  useQuery({ queryKey: bonusesKey, queryFn: () => call(engagementApi.bonuses) });

/** «12 баллов», «1 балл», «3 балла». */
export function pointsText(n: number): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  const word =
    mod10 === 1 && mod100 !== 11
      ? 'балл'
      : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)
        ? 'балла'
        : 'баллов';
  return `${n.toLocaleString('ru-RU')}\u00a0${word}`;
}

/** A level's privileges in words. */
export function privilegesText(level: Bonuses['level']): string {
  const parts: string[] = [];
  if (level.rateDiscountBpDay > 0)
    parts.push(
      `ставка следующего займа ниже на ${(level.rateDiscountBpDay / 100).toLocaleString('ru-RU')}\u00a0% в день`,
    );
  if (level.offerBonus !== '0') parts.push(`первое предложение больше на ${formatWire(level.offerBonus)}`);
  return parts.length > 0 ? parts.join('; ') : 'баллы за платежи в срок';
}

const KIND_SIGN = { earn: '+', spend: '−', expire: '−' } as const;

/** «Бонусы»: the balance, the level and the next one, the rules of earning, the history with causes. */
export function BonusesPage() {
  usePageTitle('Бонусы');
  const bonuses = useBonuses();
  return (
    <Stack gap="lg" maw={760}>
      <Title order={1} size="h2">
        Бонусы
      </Title>
      {bonuses.isPending && <Loader aria-label="Загрузка" />}
      <ApiErrorAlert error={bonuses.error} />
      {bonuses.data && <BonusesView bonuses={bonuses.data} />}
      <PromoCode />
      <MyRaffles />
    </Stack>
  );
}

function BonusesView({ bonuses }: { bonuses: Bonuses }) {
  const { level, nextLevel, rules } = bonuses;
  const progress = nextLevel
    ? Math.min(100, (bonuses.loansRepaidOnTime / nextLevel.minLoansRepaidOnTime) * 100)
    : 100;
  return (
    <>
      <Paper withBorder radius="lg" p="md">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={2}>
            <Text size="sm" c="dimmed">
              Баланс
            </Text>
            <Text fz={32} fw={700} data-testid="points-balance">
              {pointsText(bonuses.balance)}
            </Text>
            {bonuses.held > 0 && (
              <Text size="sm" c="dimmed" data-testid="points-held">
                {pointsText(bonuses.held)} зарезервировано под платёж в обработке
              </Text>
            )}
            {bonuses.nextExpiry && (
              <Text size="sm" c="dimmed">
                {pointsText(bonuses.nextExpiry.points)} сгорят {formatDate(bonuses.nextExpiry.on)}
              </Text>
            )}
          </Stack>
          <Stack gap={4} align="flex-start">
            <Text size="sm" c="dimmed">
              Уровень
            </Text>
            <Badge size="lg" color="teal" variant="light" data-testid="points-level">
              {level.name}
            </Badge>
            <Text size="sm">{privilegesText(level)}</Text>
          </Stack>
        </Group>
      </Paper>

      <Section title="Следующий уровень">
        {nextLevel ? (
          <Stack gap="xs">
            <Text size="sm">
              «{nextLevel.name}»: {privilegesText(nextLevel)}. Осталось погасить в срок займов:{' '}
              {bonuses.loansToNextLevel}.
            </Text>
            <Progress value={progress} aria-label="Путь к следующему уровню" />
          </Stack>
        ) : (
          <Text size="sm">У вас высший уровень.</Text>
        )}
      </Section>

      <Section title="Как получить баллы">
        <Stack gap={4} component="ul" pl="md" m={0}>
          <Text component="li" size="sm">
            Платёж не позже даты по графику — {pointsText(rules.onTimePayment)}
          </Text>
          <Text component="li" size="sm">
            Заём погашен в срок — {pointsText(rules.loanRepaidOnTime)}
          </Text>
          <Text component="li" size="sm">
            Заполненный профиль — {pointsText(rules.profileCompleted)}
          </Text>
        </Stack>
        <Text size="sm" c="dimmed">
          Баллы действуют {rules.expiryDays} дней. Баллы не начисляются за получение займа, продление или
          платные услуги.
        </Text>
      </Section>

      <Section title="История">
        {bonuses.history.length === 0 ? (
          <Alert variant="light">Движений по баллам пока нет.</Alert>
        ) : (
          <Table striped aria-label="История баллов">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Дата</Table.Th>
                <Table.Th>Причина</Table.Th>
                <Table.Th ta="right">Баллы</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {bonuses.history.map((h) => (
                <Table.Tr key={h.id}>
                  <Table.Td>{formatDate(h.date)}</Table.Td>
                  <Table.Td>
                    {h.causeLabel}
                    {h.kind === 'earn' && h.expiresOn && (
                      <Text size="xs" c="dimmed">
                        действуют до {formatDate(h.expiresOn)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {KIND_SIGN[h.kind]}
                    {h.points.toLocaleString('ru-RU')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
    </>
  );
}
