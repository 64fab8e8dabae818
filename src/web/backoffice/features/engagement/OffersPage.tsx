import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { engagementStaffApi as bo, type OfferInput } from '../../../../contracts/backoffice-engagement';
import { call } from '../../../api/client';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert';
import { formatDate, todayIso } from '../../../i18n/format';
import { formatWire } from '../../../features/loans/terms';
import { AdvertisingSendControl } from './AdvertisingSend';

const offersKey = ['bo', 'offers'] as const;

const empty = (): OfferInput => ({
  title: '',
  borrowerId: null,
  rateDiscountBp: 0,
  amountBonus: '0',
  promoCode: null,
  singleUse: true,
  validFrom: todayIso(),
  validTo: todayIso(),
});

/** «Предложения»: personal offers and promo codes (specialists and seniors make them; every one is audited). */
export function OffersPage() {
  const queryClient = useQueryClient();
  const offers = useQuery({ queryKey: offersKey, queryFn: () => call(bo.offers) });
  const [form, setForm] = useState<OfferInput>(empty);
  const set = <K extends keyof OfferInput>(key: K, value: OfferInput[K]) =>
    setForm((prev) => ({ ...prev, [key]: value }));
  const create = useMutation({
    mutationFn: () => call(bo.createOffer, { body: form }),
    onSuccess: () => {
      setForm(empty());
      void queryClient.invalidateQueries({ queryKey: offersKey });
    },
  });
  return (
    <Stack gap="lg">
      <Title order={1}>Персональные предложения</Title>
      <Paper
        withBorder
        p="md"
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            Новое предложение
          </Title>
          <TextInput
            label="Название"
            required
            value={form.title}
            onChange={(e) => set('title', e.target.value)}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label="ID заёмщика (пусто — для всех)"
              value={form.borrowerId ?? ''}
              onChange={(e) => set('borrowerId', e.target.value.trim() || null)}
            />
            <NumberInput
              label="Скидка к ставке, б.п. в день"
              min={0}
              max={100}
              value={form.rateDiscountBp}
              onChange={(v) => set('rateDiscountBp', Number(v || 0))}
            />
            <NumberInput
              label="Увеличение суммы, ₽"
              min={0}
              thousandSeparator=" "
              value={Number(form.amountBonus) / 100}
              onChange={(v) => set('amountBonus', String(Math.round(Number(v || 0) * 100)))}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label="Промокод (необязательно)"
              value={form.promoCode ?? ''}
              onChange={(e) => set('promoCode', e.target.value.trim() || null)}
            />
            <TextInput
              type="date"
              label="Действует с"
              value={form.validFrom}
              onChange={(e) => set('validFrom', e.target.value)}
            />
            <TextInput
              type="date"
              label="Действует по"
              value={form.validTo}
              onChange={(e) => set('validTo', e.target.value)}
            />
          </SimpleGrid>
          <Checkbox
            label="Однократно для каждого заёмщика"
            checked={form.singleUse}
            onChange={(e) => set('singleUse', e.currentTarget.checked)}
          />
          <ApiErrorAlert error={create.error} />
          <Group>
            <Button type="submit" loading={create.isPending}>
              Создать
            </Button>
          </Group>
        </Stack>
      </Paper>
      <ApiErrorAlert error={offers.error} />
      {offers.data?.items.length === 0 && <Text>Предложений пока нет.</Text>}
      {offers.data && offers.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-label="Предложения">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Название</Table.Th>
                <Table.Th>Кому</Table.Th>
                <Table.Th>Скидка, б.п.</Table.Th>
                <Table.Th>Сумма больше на</Table.Th>
                <Table.Th>Промокод</Table.Th>
                <Table.Th>Период</Table.Th>
                <Table.Th>Источник</Table.Th>
                <Table.Th>Реклама</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {offers.data.items.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>{o.title}</Table.Td>
                  <Table.Td>{o.borrowerId ?? 'все'}</Table.Td>
                  <Table.Td>{o.rateDiscountBp}</Table.Td>
                  <Table.Td>{formatWire(o.amountBonus)}</Table.Td>
                  <Table.Td>
                    {o.promoCode ? `${o.promoCode}${o.singleUse ? ' (однократно)' : ''}` : '—'}
                  </Table.Td>
                  <Table.Td>
                    {formatDate(o.validFrom)} — {formatDate(o.validTo)}
                  </Table.Td>
                  <Table.Td>{o.madeBy.startsWith('rule:') ? 'правило' : 'сотрудник'}</Table.Td>
                  <Table.Td>
                    <AdvertisingSendControl
                      subject="offer"
                      id={o.id}
                      send={o.advertising}
                      canSend={todayIso() <= o.validTo}
                      queryKey={offersKey}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
