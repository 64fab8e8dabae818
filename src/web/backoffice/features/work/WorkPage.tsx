import 'mantine-datatable/styles.css';
import { useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DataTable, type DataTableSortStatus } from 'mantine-datatable';
import { Link } from 'react-router';
import {
  WORK_STATUS_LABELS,
  workApi,
  type QueuePageRequest,
  type WorkItem,
} from '../../../../contracts/backoffice-work';
import { formatRub } from '../../../../domain/money';
import { call } from '../../../api/client';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert';
import { formatInstant } from '../../../i18n/format';

type Claim = NonNullable<QueuePageRequest['claim']>;
type Sort = NonNullable<QueuePageRequest['sort']>;

/** Where an item is worked on: the application's decision page, or the borrower's card. */
const itemLink = (item: WorkItem) =>
  item.queue === 'applications' || item.queue === 'phone-changes' || item.queue === 'relationship-ends'
    ? `/backoffice/${item.queue}/${item.id}`
    : item.borrowerId
      ? `/backoffice/borrowers/${item.borrowerId}`
      : null;

/** Minutes an item has waited, in words. */
function waited(since: string) {
  const minutes = Math.max(0, Math.round((Date.now() - new Date(since).getTime()) / 60_000));
  if (minutes < 60) return `${minutes} мин`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} ч`;
  return `${Math.round(minutes / 1440)} дн`;
}

/** The acts of a refund or payout item besides claiming (the application's act is its decision page). */
function ItemActs({ item, onDone }: { item: WorkItem; onDone: () => void }) {
  const [open, setOpen] = useState<'transfer' | 'resolve' | null>(null);
  const [text, setText] = useState('');
  const act = useMutation({
    mutationFn: async (kind: 'retry' | 'transfer' | 'resolve') => {
      if (kind === 'retry') await call(workApi.retryRefund, { params: { id: item.id } });
      if (kind === 'transfer')
        await call(workApi.refundByTransfer, { params: { id: item.id }, body: { paymentOrder: text } });
      if (kind === 'resolve')
        await call(workApi.resolve, { params: { queue: item.queue, id: item.id }, body: { note: text } });
    },
    onSuccess: () => {
      setOpen(null);
      onDone();
    },
  });
  if (!item.claim?.mine) return null;
  return (
    <>
      {item.queue === 'refunds' && (
        <>
          <Button
            size="compact-xs"
            variant="light"
            onClick={() => act.mutate('retry')}
            loading={act.isPending}
          >
            Отправить снова
          </Button>
          <Button size="compact-xs" variant="light" onClick={() => setOpen('transfer')}>
            Оплачен переводом
          </Button>
        </>
      )}
      {item.queue === 'payouts' && (
        <Button size="compact-xs" variant="light" onClick={() => setOpen('resolve')}>
          Закрыть дело
        </Button>
      )}
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={open === 'transfer' ? 'Возврат оплачен переводом' : 'Закрыть дело'}
      >
        <Stack>
          <TextInput
            label={open === 'transfer' ? 'Номер платёжного поручения' : 'Что сделано'}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            required
          />
          <ApiErrorAlert error={act.error} />
          <Button onClick={() => open && act.mutate(open)} loading={act.isPending} disabled={!text.trim()}>
            Сохранить
          </Button>
        </Stack>
      </Modal>
    </>
  );
}

/** The inbox: every queue with its counts; a sortable, paged table of the chosen queue with claims and acts. */
export function WorkPage() {
  const queryClient = useQueryClient();
  const [queue, setQueue] = useState('applications');
  const [claim, setClaim] = useState<Claim>('all');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [search, setSearch] = useState('');
  const [sortStatus, setSortStatus] = useState<DataTableSortStatus<WorkItem>>({
    columnAccessor: 'since',
    direction: 'asc',
  });
  const queues = useQuery({ queryKey: ['bo', 'queues'], queryFn: () => call(workApi.queues) });
  const request: QueuePageRequest = {
    page,
    pageSize,
    claim,
    sort: sortStatus.columnAccessor as Sort,
    direction: sortStatus.direction,
    ...(search.trim() ? { search: search.trim() } : {}),
  };
  const items = useQuery({
    queryKey: ['bo', 'queue', queue, request],
    queryFn: () => call(workApi.queueItems, { params: { queue }, body: request }),
    placeholderData: (previous) => previous,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['bo'] });
  const claimAct = useMutation({
    mutationFn: async ({ item, take }: { item: WorkItem; take: boolean }) => {
      const params = { queue: item.queue, id: item.id };
      if (take) await call(workApi.claim, { params });
      else await call(workApi.release, { params });
    },
    onSettled: refresh,
  });

  return (
    <Stack>
      <Title order={1}>Очереди</Title>
      <Tabs
        value={queue}
        onChange={(value) => {
          if (value) setQueue(value);
          setPage(1);
        }}
      >
        <Tabs.List>
          {(queues.data?.queues ?? []).map((q) => (
            <Tabs.Tab
              key={q.name}
              value={q.name}
              rightSection={
                <Badge
                  size="sm"
                  variant={q.total > 0 ? 'filled' : 'light'}
                  aria-label={`${q.total} в очереди`}
                >
                  {q.total}
                </Badge>
              }
            >
              {q.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Group gap="sm" wrap="wrap">
        <SegmentedControl
          aria-label="Чьи дела показать"
          value={claim}
          onChange={(value) => {
            setClaim(value as Claim);
            setPage(1);
          }}
          data={[
            { value: 'all', label: 'Все' },
            { value: 'free', label: 'Свободные' },
            { value: 'mine', label: 'Мои' },
            { value: 'others', label: 'У коллег' },
          ]}
        />
        <TextInput
          aria-label="Поиск по ФИО"
          placeholder="Поиск по ФИО"
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
        />
      </Group>
      <ApiErrorAlert error={claimAct.error ?? items.error} />
      <DataTable<WorkItem>
        withTableBorder
        striped
        highlightOnHover
        minHeight={160}
        fetching={items.isFetching}
        records={items.data?.items ?? []}
        noRecordsText="В очереди пусто"
        totalRecords={items.data?.total ?? 0}
        recordsPerPage={pageSize}
        recordsPerPageOptions={[10, 20, 50, 100]}
        onRecordsPerPageChange={(size) => {
          setPageSize(size);
          setPage(1);
        }}
        recordsPerPageLabel="На странице"
        paginationText={({ from, to, totalRecords }) => `${from}–${to} из ${totalRecords}`}
        page={page}
        onPageChange={setPage}
        sortStatus={sortStatus}
        onSortStatusChange={(status) => {
          setSortStatus(status);
          setPage(1);
        }}
        columns={[
          {
            accessor: 'title',
            title: 'Клиент',
            sortable: true,
            render: (item) => {
              const link = itemLink(item);
              return link ? (
                <Anchor component={Link} to={link}>
                  {item.title}
                </Anchor>
              ) : (
                item.title
              );
            },
          },
          { accessor: 'subtitle', title: 'Детали', render: (item) => item.subtitle ?? '—' },
          {
            accessor: 'amount',
            title: 'Сумма',
            sortable: true,
            textAlign: 'right',
            render: (item) => (item.amount ? formatRub(BigInt(item.amount)) : '—'),
          },
          {
            accessor: 'status',
            title: 'Статус',
            render: (item) => WORK_STATUS_LABELS[item.status] ?? item.status,
          },
          {
            accessor: 'since',
            title: 'Ждёт',
            sortable: true,
            render: (item) => <span title={formatInstant(item.since)}>{waited(item.since)}</span>,
          },
          {
            accessor: 'claim',
            title: 'В работе',
            render: (item) =>
              item.claim ? (
                <Text size="sm">
                  {item.claim.mine ? 'У вас' : item.claim.displayName} до{' '}
                  {formatInstant(item.claim.expiresAt).slice(-5)}
                </Text>
              ) : (
                <Text size="sm" c="dimmed">
                  Свободно
                </Text>
              ),
          },
          {
            accessor: 'actions',
            title: 'Действия',
            render: (item) => (
              <Group gap={4} wrap="nowrap">
                {item.claim?.mine ? (
                  <Button
                    size="compact-xs"
                    variant="default"
                    onClick={() => claimAct.mutate({ item, take: false })}
                  >
                    Вернуть
                  </Button>
                ) : (
                  <Button
                    size="compact-xs"
                    onClick={() => claimAct.mutate({ item, take: true })}
                    disabled={Boolean(item.claim)}
                    aria-label={`Взять в работу: ${item.title}`}
                  >
                    Взять
                  </Button>
                )}
                <ItemActs item={item} onDone={refresh} />
              </Group>
            ),
          },
        ]}
      />
    </Stack>
  );
}
