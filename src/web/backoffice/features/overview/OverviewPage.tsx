import { Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { overviewApi } from '../../../../contracts/backoffice-work';
import { formatRub } from '../../../../domain/money';
import { call } from '../../../api/client';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert';
import { formatDate } from '../../../i18n/format';
import { useStaffMe } from '../../app/use-staff';

const LOAN_STATUS: Record<string, string> = {
  awaiting_payout: 'Ждут выплаты',
  active: 'Действуют',
  overdue: 'Просрочены',
  closed: 'Погашены',
};
const shortDay = (iso: string) => formatDate(iso).slice(0, 5);
const rubles = (kopecks: string) => Number(BigInt(kopecks) / 100n);

/** A titled chart card (the chart has a text alternative: the numbers are in the tables of the page or its title). */
function ChartCard({ title, children }: { title: string; children: React.ReactElement }) {
  return (
    <Card withBorder>
      <Title order={2} size="h5" mb="xs">
        {title}
      </Title>
      <div style={{ width: '100%', height: 220 }} role="img" aria-label={title}>
        <ResponsiveContainer>{children}</ResponsiveContainer>
      </div>
    </Card>
  );
}

/** The back office's first page: charts of applications, decisions, the portfolio, money flows and the queues. */
export function OverviewPage() {
  const { data: me } = useStaffMe();
  const overview = useQuery({ queryKey: ['bo', 'overview'], queryFn: () => call(overviewApi.overview) });
  if (overview.error) return <ApiErrorAlert error={overview.error} />;
  const o = overview.data;
  const perDay = (o?.perDay ?? []).map((d) => ({
    ...d,
    label: shortDay(d.day),
    payoutsRub: rubles(d.payoutsAmount),
    paymentsRub: rubles(d.paymentsAmount),
  }));
  return (
    <Stack>
      <Title order={1}>Обзор</Title>
      {me && <Text c="dimmed">Здравствуйте, {me.displayName}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            Доля одобрений за {o?.days ?? 30} дней
          </Text>
          <Text size="xl" fw={700}>
            {o?.approvalRatePercent === null || o === undefined
              ? '—'
              : `${String(o.approvalRatePercent).replace('.', ',')} %`}
          </Text>
        </Card>
        {(o?.queues ?? []).map((q) => (
          <Card withBorder key={q.name}>
            <Text size="sm" c="dimmed">
              {q.label}
            </Text>
            <Text size="xl" fw={700}>
              {q.total}
            </Text>
            <Text size="xs">
              свободно {q.unclaimed}
              {q.waitingMinutes !== null ? ` · дольше всех ждёт ${q.waitingMinutes} мин` : ''}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <ChartCard title="Заявки и решения по дням">
          <BarChart data={perDay}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" fontSize={11} />
            <YAxis allowDecimals={false} fontSize={11} />
            <Tooltip />
            <Legend />
            <Bar dataKey="applications" name="Заявки" fill="#1c7ed6" />
            <Bar dataKey="approved" name="Одобрено" fill="#2f9e44" />
            <Bar dataKey="refused" name="Отказано" fill="#e03131" />
            <Bar dataKey="manualReview" name="На ручную проверку" fill="#f08c00" />
          </BarChart>
        </ChartCard>
        <ChartCard title="Выплаты и платежи по дням, ₽">
          <LineChart data={perDay}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" fontSize={11} />
            <YAxis fontSize={11} />
            <Tooltip formatter={(value) => formatRub(BigInt(Math.round(Number(value))) * 100n)} />
            <Legend />
            <Line type="monotone" dataKey="payoutsRub" name="Выплачено" stroke="#1c7ed6" />
            <Line type="monotone" dataKey="paymentsRub" name="Получено платежей" stroke="#2f9e44" />
          </LineChart>
        </ChartCard>
        <ChartCard title="Просрочка по дням просрочки">
          <BarChart data={o?.overdue ?? []}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="bucket" fontSize={11} />
            <YAxis allowDecimals={false} fontSize={11} />
            <Tooltip />
            <Bar dataKey="loans" name="Займов" fill="#e03131" />
          </BarChart>
        </ChartCard>
        <Card withBorder>
          <Title order={2} size="h5" mb="xs">
            Портфель по статусам
          </Title>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Статус</Table.Th>
                <Table.Th>Займов</Table.Th>
                <Table.Th>Выдано</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(o?.portfolio ?? []).map((p) => (
                <Table.Tr key={p.status}>
                  <Table.Td>{LOAN_STATUS[p.status] ?? p.status}</Table.Td>
                  <Table.Td>{p.loans}</Table.Td>
                  <Table.Td>{formatRub(BigInt(p.principal))}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
