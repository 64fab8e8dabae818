import { Alert, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiError } from '../api/api-error';
import { useSecondsLeft } from '../hooks/useSecondsLeft';
import { formatCountdown } from '../i18n/format';
import { GENERIC_ERROR } from '../i18n/texts';

/**
 * A failed request as an alert: the server's `detail` (Russian, safe to show) and, when the server asked to
 * wait, a live countdown. `children` adds what the screen can offer (a link to recovery, say).
 */
export function ApiErrorAlert({ error, children }: { error: unknown; children?: ReactNode }) {
  const apiError = error instanceof ApiError ? error : null;
  const secondsLeft = useSecondsLeft(apiError?.retryAt ?? null);
  if (error === null || error === undefined) return null;
  return (
    <Alert color="red" variant="light">
      <Text size="sm">{apiError?.detail ?? GENERIC_ERROR}</Text>
      {secondsLeft > 0 && (
        <Text size="sm" mt={4}>
          Повторить можно через {formatCountdown(secondsLeft)}
        </Text>
      )}
      {children}
    </Alert>
  );
}
