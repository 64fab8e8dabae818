import { Anchor, Checkbox, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { useState } from 'react';
import type { ConsentDocument, ConsentKind } from '../../../contracts';
import { useConsentDocuments } from '../../api/queries';
import { formatDate } from '../../i18n/format';

export type ConsentValues = Record<ConsentKind, boolean>;

export const noConsents = (): ConsentValues => ({
  personal_data: false,
  simple_signature: false,
  credit_bureau: false,
});

const LABELS: Record<ConsentKind, string> = {
  personal_data: 'Согласие на обработку персональных данных',
  simple_signature: 'Соглашение об использовании простой электронной подписи (АСП)',
  credit_bureau: 'Согласие на запрос в бюро кредитных историй',
};
const ORDER: ConsentKind[] = ['personal_data', 'simple_signature', 'credit_bureau'];

/** Three separate consents, each with its document in a modal. */
export function ConsentFields({ bind }: { bind: (kind: ConsentKind) => GetInputPropsReturnType }) {
  const documents = useConsentDocuments();
  const [open, setOpen] = useState<ConsentDocument | null>(null);

  return (
    <Stack gap="md">
      {ORDER.map((kind) => {
        const doc = documents.data?.find((d) => d.kind === kind);
        return (
          <Checkbox
            key={kind}
            label={LABELS[kind]}
            description={
              <Anchor
                component="button"
                type="button"
                size="sm"
                disabled={!doc}
                onClick={() => doc && setOpen(doc)}
                aria-haspopup="dialog"
              >
                Прочитать документ
              </Anchor>
            }
            {...bind(kind)}
          />
        );
      })}
      {documents.isError && (
        <Text size="sm" c="red">
          Не удалось загрузить тексты документов. Обновите страницу.
        </Text>
      )}
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={<Text fw={700}>{open?.title}</Text>}
        size="lg"
        scrollAreaComponent={ScrollArea.Autosize}
      >
        <Stack gap="sm">
          {open?.text.split(/\n{2,}/).map((paragraph, i) => (
            <Text key={i} size="sm">
              {paragraph}
            </Text>
          ))}
          {open && (
            <Text size="xs" c="dimmed">
              Редакция от {formatDate(open.version)}
            </Text>
          )}
        </Stack>
      </Modal>
    </Stack>
  );
}
