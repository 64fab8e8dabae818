import { Anchor, Badge, Code, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { engagementApi, type PublicDraw } from '../../../contracts/engagement';
import { call } from '../../api/client';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { InfoList, Section } from '../../components/layout';
import { usePageTitle } from '../../hooks/usePageTitle';
import { formatDate } from '../../i18n/format';
import { formatWire } from '../loans/terms';

/** Russian names of a campaign's stages. */
export const CAMPAIGN_STATUS_LABELS: Record<PublicDraw['status'], string> = {
  draft: 'Черновик',
  published: 'Приём участий',
  closed: 'Приём участий закрыт',
  drawn: 'Розыгрыш проведён',
};

/** A hash or seed: monospace, wrapping anywhere (64 hex characters do not fit 360 px). */
const Hash = ({ value, label }: { value: string | null; label: string }) =>
  value ? (
    <Code block aria-label={label} style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
      {value}
    </Code>
  ) : (
    <Text size="sm" c="dimmed">
      будет опубликован позже
    </Text>
  );

/**
 * The public page of a raffle's draw (`/draws/:id`, no sign-in): the terms, the commitment, the entry-list hash, the
 * seed, the algorithm and the winners with masked names — everything `scripts/verify-draw.ts` needs.
 */
export function DrawPage() {
  const { id = '' } = useParams();
  usePageTitle('Розыгрыш');
  const draw = useQuery({
    queryKey: ['draws', id],
    queryFn: () => call(engagementApi.publicDraw, { params: { id } }),
  });
  return (
    <Stack gap="lg" maw={760}>
      {draw.isPending && <Loader aria-label="Загрузка" />}
      <ApiErrorAlert error={draw.error} />
      {draw.data && <DrawView draw={draw.data} />}
    </Stack>
  );
}

function DrawView({ draw }: { draw: PublicDraw }) {
  return (
    <>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {draw.title}
        </Title>
        <Badge variant="light" color={draw.status === 'drawn' ? 'teal' : 'blue'} data-testid="draw-status">
          {CAMPAIGN_STATUS_LABELS[draw.status]}
        </Badge>
      </Stack>
      <Section title="Условия">
        <InfoList
          items={[
            ['Организатор', draw.organiser],
            ['Приём участий', `${formatDate(draw.startsOn)} — ${formatDate(draw.endsOn)}`],
            ['Дата розыгрыша', formatDate(draw.drawOn)],
            ['Призовой фонд', formatWire(draw.prizeFund)],
            ['Призы', `${draw.prizesCount}: ${draw.prizeDescription}`],
            ['Как сообщат победителям', draw.winnersNotice],
          ]}
        />
        <Anchor href={draw.rulesUrl} target="_blank" size="sm">
          Правила розыгрыша (PDF)
        </Anchor>
      </Section>
      <Section title="Проверка результата">
        <Text size="sm">Хеш SHA-256 секретного сида (опубликован до начала):</Text>
        <Hash value={draw.commitment} label="Хеш сида" />
        <Text size="sm">
          Хеш списка записей (опубликован после окончания приёма)
          {draw.entriesCount !== null && `, записей: ${draw.entriesCount}`}:
        </Text>
        <Hash value={draw.entriesHash} label="Хеш списка записей" />
        <Text size="sm">Сид (раскрыт при розыгрыше):</Text>
        <Hash value={draw.seed} label="Сид" />
        <Text size="sm">Алгоритм: {draw.algorithm}</Text>
        <Text size="sm" c="dimmed">
          Пересчитать результат: сохраните данные по ссылке{' '}
          <Anchor href={`/api/draws/${draw.id}`} size="sm">
            /api/draws/{draw.id}
          </Anchor>{' '}
          и запустите <Code>npx tsx scripts/verify-draw.ts draw.json</Code>.
        </Text>
      </Section>
      {draw.status === 'drawn' && (
        <Section title="Победители">
          <Table aria-label="Победители">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Место</Table.Th>
                <Table.Th>Победитель</Table.Th>
                <Table.Th>Запись</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {draw.winners.map((w) => (
                <Table.Tr key={w.place}>
                  <Table.Td>{w.place}</Table.Td>
                  <Table.Td data-testid="draw-winner">{w.name}</Table.Td>
                  <Table.Td>
                    <Code style={{ wordBreak: 'break-all' }}>{w.entryId}</Code>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {draw.winners.length === 0 && <Text size="sm">Записей не было — победителей нет.</Text>}
        </Section>
      )}
    </>
  );
}
