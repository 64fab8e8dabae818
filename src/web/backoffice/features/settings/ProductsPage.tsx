import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import 'mantine-datatable/styles.css';
import { useState } from 'react';
import {
  PRODUCT_CHANGE_LABELS,
  PRODUCT_CHANGE_STATUS_LABELS,
  settingsApi,
  type ProductChangeKind,
  type ProductTerms,
  type ProductVersion,
} from '../../../../contracts/backoffice-settings';
import { formatRub, parseKopecks } from '../../../../domain/money';
import { isApiError } from '../../../api/api-error';
import { call } from '../../../api/client';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert';
import { parseRublesInput } from '../../../features/servicing/amount';
import { formatDate, formatInstant } from '../../../i18n/format';
import { staffCan, useStaffMe } from '../../app/use-staff';

const key = ['bo', 'products'] as const;
const rub = (kopecks: string) => formatRub(parseKopecks(kopecks));
const rate = (bp: number | null) => (bp === null ? '—' : `${(bp / 100).toLocaleString('ru-RU')} % в день`);
const unit = (kind: ProductTerms['kind']) => (kind === 'payday' ? 'дн.' : 'нед.');
const termRange = (t: ProductTerms) => `${t.minTerm}–${t.maxTerm} ${unit(t.kind)}`;
const kopecksToRubles = (kopecks: string) => (Number(kopecks) / 100).toString();

/** The terms of a version or a product in force, in one line. */
const summary = (t: ProductTerms) =>
  `${rub(t.minAmount)}–${rub(t.maxAmount)} (шаг ${rub(t.amountStep)}), ${termRange(t)}, ${rate(t.dailyRateBp)}` +
  (t.firstLoanDailyRateBp !== null ? `, первый заём ${rate(t.firstLoanDailyRateBp)}` : '');

type FormState = {
  productId: string;
  change: ProductChangeKind;
  effectiveFrom: string;
  kind: ProductTerms['kind'];
  name: string;
  minAmount: string;
  maxAmount: string;
  amountStep: string;
  minTerm: number | string;
  maxTerm: number | string;
  dailyRateBp: number | string;
  firstLoanDailyRateBp: number | string;
  allowsParallelLoans: boolean;
  prolongationWhenOverdue: boolean;
  comment: string;
};

const emptyForm = (today: string): FormState => ({
  productId: '',
  change: 'create',
  effectiveFrom: today,
  kind: 'payday',
  name: '',
  minAmount: '',
  maxAmount: '',
  amountStep: '',
  minTerm: '',
  maxTerm: '',
  dailyRateBp: '',
  firstLoanDailyRateBp: '',
  allowsParallelLoans: false,
  prolongationWhenOverdue: false,
  comment: '',
});

/** The form filled with a product's terms in force (to edit or retire it). */
const formOfProduct = (id: string, t: ProductTerms, today: string, change: ProductChangeKind): FormState => ({
  ...emptyForm(today),
  productId: id,
  change,
  kind: t.kind,
  name: t.name,
  minAmount: kopecksToRubles(t.minAmount),
  maxAmount: kopecksToRubles(t.maxAmount),
  amountStep: kopecksToRubles(t.amountStep),
  minTerm: t.minTerm,
  maxTerm: t.maxTerm,
  dailyRateBp: t.dailyRateBp,
  firstLoanDailyRateBp: t.firstLoanDailyRateBp ?? '',
  allowsParallelLoans: t.allowsParallelLoans,
  prolongationWhenOverdue: t.prolongationWhenOverdue,
});

/** Kopecks from a rubles field, or the text as typed (the server then names the field). */
const kopecksOf = (rubles: string): string => {
  const parsed = parseRublesInput(rubles);
  return parsed.ok ? parsed.kopecks : rubles;
};

/** «Продукты»: the products in force, their history, a change form (products.manage) and changes to approve. */
export function ProductsPage() {
  const { data: me } = useStaffMe();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => call(settingsApi.products, { signal }),
  });
  const today = settings.data?.today ?? '';
  const [form, setForm] = useState<FormState | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const propose = useMutation({
    mutationFn: (f: FormState) =>
      call(settingsApi.proposeProductChange, {
        body: {
          productId: f.productId.trim(),
          change: f.change,
          effectiveFrom: f.effectiveFrom,
          comment: f.comment.trim() || null,
          ...(f.change === 'retire'
            ? {}
            : {
                terms: {
                  kind: f.kind,
                  name: f.name,
                  minAmount: kopecksOf(f.minAmount),
                  maxAmount: kopecksOf(f.maxAmount),
                  amountStep: kopecksOf(f.amountStep),
                  minTerm: Number(f.minTerm),
                  maxTerm: Number(f.maxTerm),
                  dailyRateBp: Number(f.dailyRateBp),
                  firstLoanDailyRateBp: f.firstLoanDailyRateBp === '' ? null : Number(f.firstLoanDailyRateBp),
                  allowsParallelLoans: f.allowsParallelLoans,
                  prolongationWhenOverdue: f.prolongationWhenOverdue,
                },
              }),
        },
      }),
    onSuccess: () => {
      setForm(null);
      void refresh();
    },
  });
  const decide = useMutation({
    mutationFn: ({ id, approve }: { id: string; approve: boolean }) =>
      call(approve ? settingsApi.approveProductChange : settingsApi.rejectProductChange, { params: { id } }),
    onSettled: () => void refresh(),
  });
  const canPropose = staffCan(me, 'products.manage');
  const canApprove = staffCan(me, 'products.approve');
  const data = settings.data;
  const pending = data?.versions.filter((v) => v.status === 'pending') ?? [];
  const fieldError = (path: string) =>
    isApiError(propose.error) ? propose.error.errors?.find((e) => e.path === path)?.message : undefined;
  const set = (patch: Partial<FormState>) => form && setForm({ ...form, ...patch });

  return (
    <Stack>
      <Title order={1}>Продукты</Title>
      <Text size="sm" c="dimmed">
        Изменение вступает в силу с указанной даты после подтверждения другим сотрудником. Подписанные
        договоры сохраняют свои условия.
      </Text>
      <DataTable
        withTableBorder
        minHeight={120}
        noRecordsText="Продуктов нет"
        records={data?.products ?? []}
        columns={[
          { accessor: 'id', title: 'Код' },
          { accessor: 'name', title: 'Название', render: (p) => p.inForce?.name ?? '—' },
          {
            accessor: 'terms',
            title: 'Условия сегодня',
            render: (p) => (p.inForce ? summary(p.inForce) : 'Ещё не действует'),
          },
          {
            accessor: 'active',
            title: 'Статус',
            render: (p) =>
              p.inForce?.active ? (
                <Text size="sm" c="teal.9" fw={600}>
                  В продаже
                </Text>
              ) : (
                <Text size="sm" c="dimmed">
                  Не продаётся
                </Text>
              ),
          },
          {
            accessor: 'actions',
            title: '',
            render: (p) =>
              canPropose && p.inForce ? (
                <Group gap="xs" wrap="nowrap">
                  <Button
                    size="compact-sm"
                    variant="light"
                    onClick={() => setForm(formOfProduct(p.id, p.inForce!, today, 'edit'))}
                  >
                    Изменить
                  </Button>
                  {p.inForce.active && (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      onClick={() => setForm(formOfProduct(p.id, p.inForce!, today, 'retire'))}
                    >
                      Вывести
                    </Button>
                  )}
                </Group>
              ) : null,
          },
        ]}
      />
      {canPropose && !form && (
        <Group>
          <Button onClick={() => setForm(emptyForm(today))}>Новый продукт</Button>
        </Group>
      )}
      {form && (
        <Paper withBorder p="md">
          <form
            onSubmit={(event) => {
              event.preventDefault();
              propose.mutate(form);
            }}
          >
            <Stack>
              <Title order={2} size="h3">
                {PRODUCT_CHANGE_LABELS[form.change]}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput
                  label="Код продукта"
                  description="Латиница, цифры, дефис"
                  value={form.productId}
                  readOnly={form.change !== 'create'}
                  onChange={(e) => set({ productId: e.currentTarget.value })}
                  error={fieldError('productId')}
                />
                <TextInput
                  type="date"
                  label="Вступает в силу с"
                  value={form.effectiveFrom}
                  min={today}
                  onChange={(e) => set({ effectiveFrom: e.currentTarget.value })}
                  error={fieldError('effectiveFrom')}
                />
                {form.change !== 'retire' && (
                  <Select
                    label="Вид"
                    data={[
                      { value: 'payday', label: 'До зарплаты (срок в днях)' },
                      { value: 'instalment', label: 'Частями (срок в неделях)' },
                    ]}
                    value={form.kind}
                    disabled={form.change !== 'create'}
                    allowDeselect={false}
                    onChange={(value) => set({ kind: (value ?? 'payday') as ProductTerms['kind'] })}
                  />
                )}
              </SimpleGrid>
              {form.change === 'retire' ? (
                <Alert color="red" variant="light">
                  Продукт «{form.name}» перестанет предлагаться с указанной даты. Выданные займы не меняются.
                </Alert>
              ) : (
                <>
                  <TextInput
                    label="Название"
                    value={form.name}
                    onChange={(e) => set({ name: e.currentTarget.value })}
                    error={fieldError('terms.name')}
                  />
                  <SimpleGrid cols={{ base: 1, sm: 3 }}>
                    <TextInput
                      label="Сумма от, ₽"
                      inputMode="decimal"
                      value={form.minAmount}
                      onChange={(e) => set({ minAmount: e.currentTarget.value })}
                      error={fieldError('terms.minAmount')}
                    />
                    <TextInput
                      label="Сумма до, ₽"
                      inputMode="decimal"
                      value={form.maxAmount}
                      onChange={(e) => set({ maxAmount: e.currentTarget.value })}
                      error={fieldError('terms.maxAmount')}
                    />
                    <TextInput
                      label="Шаг суммы, ₽"
                      inputMode="decimal"
                      value={form.amountStep}
                      onChange={(e) => set({ amountStep: e.currentTarget.value })}
                      error={fieldError('terms.amountStep')}
                    />
                    <NumberInput
                      label={`Срок от, ${unit(form.kind)}`}
                      value={form.minTerm}
                      allowDecimal={false}
                      onChange={(v) => set({ minTerm: v })}
                      error={fieldError('terms.minTerm')}
                    />
                    <NumberInput
                      label={`Срок до, ${unit(form.kind)}`}
                      value={form.maxTerm}
                      allowDecimal={false}
                      onChange={(v) => set({ maxTerm: v })}
                      error={fieldError('terms.maxTerm')}
                    />
                    <NumberInput
                      label="Ставка, б. п. в день"
                      description="80 = 0,8 % в день"
                      value={form.dailyRateBp}
                      allowDecimal={false}
                      min={0}
                      onChange={(v) => set({ dailyRateBp: v })}
                      error={fieldError('terms.dailyRateBp')}
                    />
                    <NumberInput
                      label="Ставка первого займа, б. п."
                      description="Пусто — без акции"
                      value={form.firstLoanDailyRateBp}
                      allowDecimal={false}
                      min={0}
                      onChange={(v) => set({ firstLoanDailyRateBp: v })}
                      error={fieldError('terms.firstLoanDailyRateBp')}
                    />
                  </SimpleGrid>
                  <Group>
                    <Checkbox
                      label="Можно несколько займов одновременно"
                      checked={form.allowsParallelLoans}
                      onChange={(e) => set({ allowsParallelLoans: e.currentTarget.checked })}
                    />
                    <Checkbox
                      label="Пролонгация при просрочке"
                      checked={form.prolongationWhenOverdue}
                      onChange={(e) => set({ prolongationWhenOverdue: e.currentTarget.checked })}
                    />
                  </Group>
                </>
              )}
              <Textarea
                label="Комментарий для проверяющего"
                maxLength={500}
                value={form.comment}
                onChange={(e) => set({ comment: e.currentTarget.value })}
              />
              <ApiErrorAlert error={propose.error} />
              <Group>
                <Button type="submit" loading={propose.isPending}>
                  Отправить на подтверждение
                </Button>
                <Button variant="default" onClick={() => setForm(null)}>
                  Отмена
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
      <Title order={2} size="h3">
        Ждут подтверждения
      </Title>
      {pending.length === 0 ? (
        <Text c="dimmed">Нет изменений на подтверждении</Text>
      ) : (
        <Stack>
          {pending.map((v) => (
            <PendingChange
              key={v.id}
              version={v}
              mine={v.proposedBy.id === me?.id}
              canApprove={canApprove}
              busy={decide.isPending}
              onDecide={(approve) => decide.mutate({ id: v.id, approve })}
            />
          ))}
          <ApiErrorAlert error={decide.error} />
        </Stack>
      )}
      <Title order={2} size="h3">
        История версий
      </Title>
      <Table.ScrollContainer minWidth={720}>
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Продукт</Table.Th>
              <Table.Th>С даты</Table.Th>
              <Table.Th>Изменение</Table.Th>
              <Table.Th>Условия</Table.Th>
              <Table.Th>Статус</Table.Th>
              <Table.Th>Предложил / решил</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data?.versions ?? []).map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>{v.productId}</Table.Td>
                <Table.Td>{formatDate(v.effectiveFrom)}</Table.Td>
                <Table.Td>{PRODUCT_CHANGE_LABELS[v.change]}</Table.Td>
                <Table.Td>{v.active ? summary(v.terms) : 'Не продаётся'}</Table.Td>
                <Table.Td>{PRODUCT_CHANGE_STATUS_LABELS[v.status]}</Table.Td>
                <Table.Td>
                  {v.proposedBy.name}, {formatInstant(v.proposedAt)}
                  {v.decidedBy && v.decidedAt && ` / ${v.decidedBy}, ${formatInstant(v.decidedAt)}`}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** One change waiting for a second person: its proposer cannot approve it. */
function PendingChange({
  version: v,
  mine,
  canApprove,
  busy,
  onDecide,
}: {
  version: ProductVersion;
  mine: boolean;
  canApprove: boolean;
  busy: boolean;
  onDecide: (approve: boolean) => void;
}) {
  return (
    <Paper withBorder p="sm" data-testid="pending-change">
      <Stack gap={4}>
        <Text fw={700}>
          {PRODUCT_CHANGE_LABELS[v.change]}: {v.terms.name} ({v.productId}) с {formatDate(v.effectiveFrom)}
        </Text>
        <Text size="sm">{v.active ? summary(v.terms) : 'Продукт перестанет предлагаться'}</Text>
        {v.comment && <Text size="sm">Комментарий: {v.comment}</Text>}
        <Text size="sm" c="dimmed">
          Предложил: {v.proposedBy.name}, {formatInstant(v.proposedAt)}
        </Text>
        {canApprove &&
          (mine ? (
            <Text size="sm" c="dimmed">
              Ваше изменение подтвердит другой сотрудник
            </Text>
          ) : (
            <Group gap="xs">
              <Button size="compact-sm" loading={busy} onClick={() => onDecide(true)}>
                Подтвердить
              </Button>
              <Button size="compact-sm" variant="default" loading={busy} onClick={() => onDecide(false)}>
                Отклонить
              </Button>
            </Group>
          ))}
      </Stack>
    </Paper>
  );
}
