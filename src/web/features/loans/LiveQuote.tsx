import { Box, Text } from '@mantine/core';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { QuoteSummary } from './QuoteSummary';
import type { useLiveQuote } from './useLiveQuote';

/** The quote as the sliders move: the last result stays, dimmed, while the next one is on its way. */
export function LiveQuote({ live }: { live: ReturnType<typeof useLiveQuote> }) {
  return (
    <>
      <Box
        aria-live="polite"
        aria-busy={live.settling}
        style={{ opacity: live.settling ? 0.6 : 1, transition: 'opacity 150ms' }}
      >
        {live.quote ? (
          <QuoteSummary quote={live.quote} />
        ) : (
          !live.error && (
            <Text c="dimmed" size="sm">
              Считаем…
            </Text>
          )
        )}
      </Box>
      <ApiErrorAlert error={live.error} />
    </>
  );
}
