import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  engagementStaffApi as bo,
  type CampaignInput,
  type StaffCampaign,
} from '../../../../contracts/backoffice-engagement';
import { call } from '../../../api/client';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert';
import { formatDate, todayIso } from '../../../i18n/format';
import { formatWire } from '../../../features/loans/terms';
import { CAMPAIGN_STATUS_LABELS } from '../../../features/engagement/DrawPage';
import { AdvertisingSendControl } from './AdvertisingSend';

const campaignsKey = ['bo', 'campaigns'] as const;

/**
 * «Розыгрыши» in the back office: campaigns with their stage and the next action (seniors and admins). Publishing
 * sends the campaign's advertising to borrowers with the consent; «Разослать» sends it again to those who have not
 * had it.
 */
export function CampaignsPage() {
  const campaigns = useQuery({ queryKey: campaignsKey, queryFn: () => call(bo.campaigns) });
  return (
    <Stack gap="lg">
      <Title order={1}>Розыгрыши</Title>
      <NewCampaign />
      <ApiErrorAlert error={campaigns.error} />
      {campaigns.data?.items.length === 0 && <Text>Розыгрышей пока нет.</Text>}
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Розыгрыши">
        {campaigns.data?.items.map((c) => (
          <CampaignCard key={c.id} campaign={c} />
        ))}
      </Stack>
    </Stack>
  );
}

const NEXT_STEP = {
  draft: { action: 'publish', label: 'Опубликовать' },
  published: { action: 'close', label: 'Закрыть приём участий' },
  closed: { action: 'draw', label: 'Провести розыгрыш' },
} as const;

function CampaignCard({ campaign: c }: { campaign: StaffCampaign }) {
  const queryClient = useQueryClient();
  const step = c.status === 'drawn' ? null : NEXT_STEP[c.status];
  const act = useMutation({
    mutationFn: () =>
      call(
        step!.action === 'publish'
          ? bo.publishCampaign
          : step!.action === 'close'
            ? bo.closeCampaign
            : bo.drawCampaign,
        { params: { id: c.id } },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: campaignsKey }),
  });
  return (
    <Paper component="li" withBorder p="md" data-testid="campaign">
      <Group justify="space-between" gap="xs">
        <Text fw={700}>{c.title}</Text>
        <Badge variant="light">{CAMPAIGN_STATUS_LABELS[c.status]}</Badge>
      </Group>
      <Text size="sm">
        Приём участий {formatDate(c.startsOn)} — {formatDate(c.endsOn)}, розыгрыш {formatDate(c.drawOn)}. Фонд{' '}
        {formatWire(c.prizeFund)}, призов: {c.prizesCount}. Записей: {c.entriesCount}
        {c.status === 'drawn' && `, победителей: ${c.winners}`}.
      </Text>
      <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
        Хеш сида: {c.commitment}
        {c.entriesHash && ` · хеш списка: ${c.entriesHash}`}
      </Text>
      <Group gap="sm" mt="xs">
        {step && (
          <Button size="xs" onClick={() => act.mutate()} loading={act.isPending}>
            {step.label}
          </Button>
        )}
        {c.status !== 'draft' && (
          <Anchor href={`/draws/${c.id}`} target="_blank" size="sm">
            Публичная страница
          </Anchor>
        )}
      </Group>
      <ApiErrorAlert error={act.error} />
      {c.status !== 'draft' && (
        <AdvertisingSendControl
          subject="campaign"
          id={c.id}
          send={c.advertising}
          canSend={c.status === 'published' && todayIso() <= c.endsOn}
          queryKey={campaignsKey}
        />
      )}
    </Paper>
  );
}

const empty = (): CampaignInput => ({
  title: '',
  organiser: '',
  prizeFund: '0',
  prizesCount: 1,
  prizeDescription: '',
  startsOn: todayIso(),
  endsOn: todayIso(),
  drawOn: todayIso(),
  winnersNotice: '',
});

/** The form of a new campaign (a draft: its seed and commitment are made by the server). */
function NewCampaign() {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<CampaignInput>(empty);
  const set = <K extends keyof CampaignInput>(key: K, value: CampaignInput[K]) =>
    setForm((prev) => ({ ...prev, [key]: value }));
  const create = useMutation({
    mutationFn: () => call(bo.createCampaign, { body: form }),
    onSuccess: () => {
      setOpen(false);
      setForm(empty());
      void queryClient.invalidateQueries({ queryKey: campaignsKey });
    },
  });
  if (!open)
    return (
      <Group>
        <Button onClick={() => setOpen(true)}>Новый розыгрыш</Button>
      </Group>
    );
  return (
    <Paper withBorder p="md" component="form" onSubmit={(e) => (e.preventDefault(), create.mutate())}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          Новый розыгрыш
        </Title>
        <TextInput
          label="Название"
          required
          value={form.title}
          onChange={(e) => set('title', e.target.value)}
        />
        <TextInput
          label="Организатор (наименование, ОГРН, адрес)"
          required
          value={form.organiser}
          onChange={(e) => set('organiser', e.target.value)}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label="Призовой фонд, ₽"
            min={0}
            decimalScale={2}
            thousandSeparator=" "
            value={Number(form.prizeFund) / 100}
            onChange={(v) => set('prizeFund', String(Math.round(Number(v || 0) * 100)))}
          />
          <NumberInput
            label="Количество призов"
            min={1}
            max={1000}
            value={form.prizesCount}
            onChange={(v) => set('prizesCount', Number(v || 1))}
          />
        </SimpleGrid>
        <Textarea
          label="Призы"
          required
          value={form.prizeDescription}
          onChange={(e) => set('prizeDescription', e.target.value)}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            type="date"
            label="Начало приёма"
            value={form.startsOn}
            onChange={(e) => set('startsOn', e.target.value)}
          />
          <TextInput
            type="date"
            label="Конец приёма"
            value={form.endsOn}
            onChange={(e) => set('endsOn', e.target.value)}
          />
          <TextInput
            type="date"
            label="Дата розыгрыша"
            value={form.drawOn}
            onChange={(e) => set('drawOn', e.target.value)}
          />
        </SimpleGrid>
        <Textarea
          label="Как сообщат победителям"
          required
          value={form.winnersNotice}
          onChange={(e) => set('winnersNotice', e.target.value)}
        />
        <Alert variant="light">
          Записи начисляются за каждый платёж в срок, никогда — за получение займа. Хеш секретного сида будет
          опубликован вместе с розыгрышем.
        </Alert>
        <ApiErrorAlert error={create.error} />
        <Group>
          <Button type="submit" loading={create.isPending}>
            Создать черновик
          </Button>
          <Button variant="subtle" onClick={() => setOpen(false)}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
