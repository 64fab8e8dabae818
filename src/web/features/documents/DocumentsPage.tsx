import {
  Anchor,
  Badge,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { dataApi, type DocumentItem } from '../../../contracts';
import { call } from '../../api/client';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { usePageTitle } from '../../hooks/usePageTitle';
import { formatInstant } from '../../i18n/format';

const KIND_LABELS: Record<DocumentItem['kind'], string> = {
  consent: 'Согласие',
  contract: 'Договор',
  addendum: 'Доп. соглашение',
  receipt: 'Квитанция',
  certificate: 'Справка',
  letter: 'Письмо',
};

const STATUS: Record<DocumentItem['status'], { label: string; color: string }> = {
  accepted: { label: 'Принято', color: 'teal' },
  signed: { label: 'Подписан', color: 'teal' },
  not_signed: { label: 'Не подписан', color: 'gray' },
  issued: { label: 'Выдан', color: 'blue' },
  sent: { label: 'Получено', color: 'blue' },
};

const ALL = 'all';

/** «Мои документы»: every document of the borrower with its date and status, filterable by loan; each as PDF. */
export function DocumentsPage() {
  usePageTitle('Мои документы');
  const documents = useQuery({
    queryKey: ['me', 'documents'],
    queryFn: ({ signal }) => call(dataApi.documents, { signal }),
  });
  const [loan, setLoan] = useState<string>(ALL);
  const list = documents.data?.documents.filter((d) => loan === ALL || d.loanId === loan) ?? [];

  return (
    <Stack gap="lg" maw={860}>
      <Stack gap={4}>
        <Title order={1} size="h2">
          Мои документы
        </Title>
        <Text c="dimmed" size="sm">
          Согласия, договоры и дополнительные соглашения, квитанции об оплате, справки и письма специалистов.
          Подписанный документ скачивается с листом подписания: кто и когда подписал, номер кода из СМС и
          контрольная сумма документа.
        </Text>
      </Stack>
      {documents.data && documents.data.loans.length > 0 && (
        <Select
          label="Показать документы"
          value={loan}
          onChange={(value) => setLoan(value ?? ALL)}
          allowDeselect={false}
          maw={360}
          data={[
            { value: ALL, label: 'Все документы' },
            ...documents.data.loans.map((l) => ({ value: l.id, label: `По договору № ${l.contractNumber}` })),
          ]}
        />
      )}
      {documents.isPending && <Loader aria-label="Загрузка" />}
      {documents.isError && <ApiErrorAlert error={documents.error} />}
      {documents.data && list.length === 0 && <Text>Документов пока нет.</Text>}
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {list.map((d) => (
          <Paper key={d.key} component="li" withBorder radius="md" p="md">
            <Stack gap={6}>
              <Group gap="xs" justify="space-between" wrap="wrap">
                <Text size="sm" c="dimmed">
                  {KIND_LABELS[d.kind]} · {formatInstant(d.at)}
                </Text>
                <Badge variant="light" color={STATUS[d.status].color}>
                  {STATUS[d.status].label}
                </Badge>
              </Group>
              <Text fw={600}>{d.title}</Text>
              {d.version && <Text size="sm">Версия документа: {d.version}</Text>}
              {d.signedAt && (
                <Text size="sm">
                  Подписан {formatInstant(d.signedAt)} кодом из СМС № {d.signatureCodeId}
                </Text>
              )}
              {d.sha256 && d.kind !== 'consent' && (
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  SHA-256: {d.sha256}
                </Text>
              )}
              <Anchor href={d.pdfUrl} target="_blank" rel="noopener" fw={600} size="sm">
                Скачать PDF
                <VisuallyHidden>: {d.title}</VisuallyHidden>
              </Anchor>
            </Stack>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}
