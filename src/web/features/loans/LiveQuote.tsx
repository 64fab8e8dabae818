import { Text } from '@mantine/core';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { QuoteSummary } from './QuoteSummary';
import type { useLiveQuote } from './useLiveQuote';
import { LiveResult } from '../../components/LiveResult';

/** The quote as the sliders move: the last result stays, dimmed, while the next one is on its way. */
export function LiveQuote({ live }: { live: ReturnType<typeof useLiveQuote> }) {
  return (
    <>
      <LiveResult settling={live.settling}>
        {live.quote ? (
          <QuoteSummary quote={live.quote} />
        ) : (
          !live.error && (
            <Text c="dimmed" size="sm">
              Считаем…
            </Text>
          )
        )}
      </LiveResult>
      <ApiErrorAlert error={live.error} />
    </>
  );
}
