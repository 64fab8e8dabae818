import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import {
  CALENDAR_DAY_LABELS,
  settingsApi,
  type CalendarYearView,
} from '../../../../contracts/backoffice-settings';
import { isApiError } from '../../../api/api-error';
import { call } from '../../../api/client';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert';
import { formatDate, todayIso } from '../../../i18n/format';

const percent = (p: string | null) => (p === null ? '—' : `${p.replace('.', ',')} %`);
const QUARTERS = ['01-01', '04-01', '07-01', '10-01'];

/** «Правовые данные»: what applies on a date, the Bank of Russia's PSK averages, the production calendar. */
export function LegalDataPage() {
  return (
    <Stack>
      <Title order={1}>Правовые данные</Title>
      <OnDate />
      <PskAverages />
      <CalendarYear />
    </Stack>
  );
}

/** A date picker with the rule set, whether the day is working, and the PSK ceilings in force that day. */
function OnDate() {
  const [date, setDate] = useState(todayIso());
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const on = useQuery({
    queryKey: ['bo', 'legal', 'on', date],
    queryFn: ({ signal }) => call(settingsApi.legalOnDate, { params: { date }, signal }),
    enabled: valid,
  });
  const data = on.data;
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h3">
          Что действует на дату
        </Title>
        <TextInput
          type="date"
          label="Дата"
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          maw={220}
        />
        {data && (
          <>
            <Group gap="xs">
              {data.working ? (
                <Badge color="teal">Рабочий день</Badge>
              ) : (
                <Badge color="red">Нерабочий день</Badge>
              )}
              {data.dayNote && <Text size="sm">{data.dayNote}</Text>}
            </Group>
            <Text size="sm">
              Правила с {formatDate(data.ruleSet.id)}: ставка не выше{' '}
              {(data.ruleSet.maxDailyRateBp / 100).toLocaleString('ru-RU')} % в день, ПСК не выше{' '}
              {percent(data.ruleSet.maxPskPercent)} годовых
            </Text>
            <Table.ScrollContainer minWidth={600}>
              <Table striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Категория</Table.Th>
                    <Table.Th>Квартал</Table.Th>
                    <Table.Th>Среднее</Table.Th>
                    <Table.Th>Предел</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.ceilings.map((c) => (
                    <Table.Tr key={c.category}>
                      <Table.Td>{c.label}</Table.Td>
                      <Table.Td>{c.quarterStart ? `с ${formatDate(c.quarterStart)}` : 'Не внесено'}</Table.Td>
                      <Table.Td>{percent(c.averagePercent)}</Table.Td>
                      <Table.Td>{percent(c.ceilingPercent)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
        <ApiErrorAlert error={on.error} />
      </Stack>
    </Paper>
  );
}

/** The entered quarterly averages, and the form to enter one (the ceiling is derived by the server). */
function PskAverages() {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['bo', 'legal', 'psk'],
    queryFn: ({ signal }) => call(settingsApi.pskCeilings, { signal }),
  });
  const year = new Date().getFullYear();
  const [form, setForm] = useState({ category: '', quarterStart: `${year}-01-01`, averagePercent: '' });
  const enter = useMutation({
    mutationFn: () => call(settingsApi.enterPskAverage, { body: form }),
    onSuccess: () => {
      setForm({ ...form, averagePercent: '' });
      void queryClient.invalidateQueries({ queryKey: ['bo', 'legal'] });
    },
  });
  const quarters = [year - 1, year, year + 1].flatMap((y) =>
    QUARTERS.map((q) => ({ value: `${y}-${q}`, label: formatDate(`${y}-${q}`) })),
  );
  const fieldError = (path: string) =>
    isApiError(enter.error) ? enter.error.errors?.find((e) => e.path === path)?.message : undefined;
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h3">
          Среднерыночные значения ПСК (Банк России, по кварталам)
        </Title>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            enter.mutate();
          }}
        >
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="Категория"
              searchable
              data={(list.data?.categories ?? []).map((c) => ({ value: c.code, label: c.label }))}
              value={form.category || null}
              onChange={(value) => setForm({ ...form, category: value ?? '' })}
              error={fieldError('category')}
            />
            <Select
              label="Действует с (начало квартала)"
              data={quarters}
              value={form.quarterStart}
              allowDeselect={false}
              onChange={(value) => setForm({ ...form, quarterStart: value ?? form.quarterStart })}
              error={fieldError('quarterStart')}
            />
            <TextInput
              label="Среднее значение, % годовых"
              inputMode="decimal"
              value={form.averagePercent}
              onChange={(e) => setForm({ ...form, averagePercent: e.currentTarget.value })}
              error={fieldError('averagePercent')}
            />
          </SimpleGrid>
          <Group mt="sm">
            <Button type="submit" loading={enter.isPending}>
              Внести
            </Button>
          </Group>
        </form>
        <ApiErrorAlert error={enter.error} />
        <Table.ScrollContainer minWidth={600}>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>С даты</Table.Th>
                <Table.Th>Категория</Table.Th>
                <Table.Th>Среднее</Table.Th>
                <Table.Th>Предел</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(list.data?.entries ?? []).map((e) => (
                <Table.Tr key={`${e.category}/${e.quarterStart}`}>
                  <Table.Td>{formatDate(e.quarterStart)}</Table.Td>
                  <Table.Td>
                    {e.label} {e.demo && <Badge color="gray">демо</Badge>}
                  </Table.Td>
                  <Table.Td>{percent(e.averagePercent)}</Table.Td>
                  <Table.Td>{percent(e.ceilingPercent)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}

type Day = CalendarYearView['days'][number];

/** A year of the production calendar: its exceptions, edited and saved as a whole with the decree they come from. */
function CalendarYear() {
  const queryClient = useQueryClient();
  const [year, setYear] = useState<number>(new Date().getFullYear());
  const stored = useQuery({
    queryKey: ['bo', 'legal', 'calendar', year],
    queryFn: ({ signal }) => call(settingsApi.calendarYear, { params: { year }, signal }),
  });
  const [source, setSource] = useState('');
  const [days, setDays] = useState<Day[]>([]);
  const [draft, setDraft] = useState<Day>({ date: '', kind: 'holiday', note: '' });
  useEffect(() => {
    setSource(stored.data?.source ?? '');
    setDays(stored.data?.days ?? []);
  }, [stored.data]);
  const save = useMutation({
    mutationFn: () => call(settingsApi.replaceCalendarYear, { params: { year }, body: { source, days } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['bo', 'legal'] }),
  });
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h3">
          Производственный календарь
        </Title>
        <Group align="flex-end">
          <NumberInput
            label="Год"
            value={year}
            min={2000}
            max={2100}
            allowDecimal={false}
            onChange={(v) => typeof v === 'number' && setYear(v)}
            maw={120}
          />
          {stored.data && !stored.data.stored && (
            <Text size="sm" c="dimmed">
              Календаря на этот год нет: выходные — суббота, воскресенье и праздники ст. 112 ТК РФ
            </Text>
          )}
        </Group>
        <TextInput
          label="Источник (постановление Правительства)"
          value={source}
          onChange={(e) => setSource(e.currentTarget.value)}
        />
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Дата</Table.Th>
              <Table.Th>Вид</Table.Th>
              <Table.Th>Примечание</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {days.map((d) => (
              <Table.Tr key={d.date}>
                <Table.Td>{formatDate(d.date)}</Table.Td>
                <Table.Td>{CALENDAR_DAY_LABELS[d.kind]}</Table.Td>
                <Table.Td>{d.note}</Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Убрать ${formatDate(d.date)}`}
                    onClick={() => setDays(days.filter((x) => x.date !== d.date))}
                  >
                    ×
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <SimpleGrid cols={{ base: 1, sm: 4 }}>
          <TextInput
            type="date"
            label="Дата"
            value={draft.date}
            onChange={(e) => setDraft({ ...draft, date: e.currentTarget.value })}
          />
          <Select
            label="Вид"
            data={Object.entries(CALENDAR_DAY_LABELS).map(([value, label]) => ({ value, label }))}
            value={draft.kind}
            allowDeselect={false}
            onChange={(value) => setDraft({ ...draft, kind: (value ?? 'holiday') as Day['kind'] })}
          />
          <TextInput
            label="Примечание"
            value={draft.note}
            onChange={(e) => setDraft({ ...draft, note: e.currentTarget.value })}
          />
          <Button
            mt={{ sm: 25 }}
            variant="light"
            disabled={!draft.date}
            onClick={() => {
              setDays(
                [...days.filter((d) => d.date !== draft.date), draft].sort((a, b) =>
                  a.date.localeCompare(b.date),
                ),
              );
              setDraft({ date: '', kind: draft.kind, note: '' });
            }}
          >
            Добавить день
          </Button>
        </SimpleGrid>
        <ApiErrorAlert error={save.error} />
        {save.isSuccess && (
          <Alert color="teal" variant="light">
            Календарь сохранён. Он применяется к графикам, составленным после изменения.
          </Alert>
        )}
        <Group>
          <Button loading={save.isPending} onClick={() => save.mutate()}>
            Сохранить год
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
