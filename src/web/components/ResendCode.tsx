import { Button, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { CodeSent } from '../../contracts';
import { isApiError } from '../api/api-error';
import { useSecondsLeft } from '../hooks/useSecondsLeft';
import { formatCountdown } from '../i18n/format';

/** When «Отправить код ещё раз» becomes active after a code was sent (epoch ms). */
export const resendAtOf = (sent: CodeSent): number => Date.now() + sent.resendAvailableInSec * 1000;

/**
 * The resend request of a code screen: a new code, a pause the server asks for (CODE_RESEND_TOO_EARLY), or
 * another failure for the screen to show.
 */
export function useResendCode(
  send: () => Promise<CodeSent>,
  on: { sent: (sent: CodeSent) => void; pause: (resendAt: number) => void; error: (error: unknown) => void },
) {
  return useMutation({
    mutationFn: send,
    onSuccess: on.sent,
    onError: (error) => {
      if (isApiError(error, 'CODE_RESEND_TOO_EARLY') && error.retryAt !== null) on.pause(error.retryAt);
      else on.error(error);
    },
  });
}

/** «Отправить код ещё раз», inactive with a countdown until `availableAt` (epoch ms). */
export function ResendCode({
  availableAt,
  loading,
  onResend,
}: {
  availableAt: number;
  loading: boolean;
  onResend: () => void;
}) {
  const secondsLeft = useSecondsLeft(availableAt);
  return (
    <Stack gap={4} align="flex-start">
      <Button variant="subtle" px={0} onClick={onResend} disabled={secondsLeft > 0} loading={loading}>
        Отправить код ещё раз
      </Button>
      {secondsLeft > 0 && (
        <Text size="sm" c="dimmed" aria-live="polite">
          Отправить код ещё раз можно через {formatCountdown(secondsLeft)}
        </Text>
      )}
    </Stack>
  );
}
