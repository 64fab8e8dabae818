import { Button, Group, Paper, Stack, Text, type ButtonProps } from '@mantine/core';
import { useState, type ReactNode } from 'react';

/**
 * A button for a weighty step that asks once more before acting: the first press shows `question` with
 * «`confirmLabel`» and «Отмена»; only the second press calls `onConfirm`.
 */
export function ConfirmAction({
  label,
  question,
  confirmLabel,
  onConfirm,
  loading,
  buttonProps,
}: {
  label: string;
  question: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  loading?: boolean;
  buttonProps?: ButtonProps;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <Button color="red" {...buttonProps} onClick={() => setAsking(true)}>
        {label}
      </Button>
    );
  return (
    <Paper withBorder p="sm" radius="md" role="group" aria-label={label}>
      <Stack gap="xs">
        <Text size="sm">{question}</Text>
        <Group gap="xs">
          <Button color="red" size="xs" loading={loading} onClick={onConfirm}>
            {confirmLabel}
          </Button>
          <Button variant="default" size="xs" onClick={() => setAsking(false)}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
