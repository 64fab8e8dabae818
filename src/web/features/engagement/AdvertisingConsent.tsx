import { Loader, Switch, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { engagementApi } from '../../../contracts/engagement';
import { call } from '../../api/client';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { Section } from '../../components/layout';
import { formatInstant } from '../../i18n/format';

const consentKey = ['me', 'advertising-consent'] as const;

/**
 * «Реклама»: the separate consent to advertising (38-FZ art. 18), off until the borrower turns it on; one click
 * withdraws it. Service messages (payments, the loan) do not depend on it.
 */
export function AdvertisingConsent() {
  const queryClient = useQueryClient();
  const consent = useQuery({ queryKey: consentKey, queryFn: () => call(engagementApi.advertisingConsent) });
  const change = useMutation({
    mutationFn: (granted: boolean) => call(engagementApi.setAdvertisingConsent, { body: { granted } }),
    onSuccess: (data) => queryClient.setQueryData(consentKey, data),
  });
  return (
    <Section title="Реклама">
      {consent.isPending && <Loader size="sm" aria-label="Загрузка" />}
      <ApiErrorAlert error={consent.error ?? change.error} />
      {consent.data && (
        <>
          <Switch
            label="Согласие на рекламу: акции, розыгрыши, специальные условия"
            checked={consent.data.granted}
            disabled={change.isPending}
            onChange={(e) => change.mutate(e.currentTarget.checked)}
          />
          <Text size="sm" c="dimmed">
            {consent.data.wording}
          </Text>
          {consent.data.since && (
            <Text size="xs" c="dimmed">
              {consent.data.granted ? 'Согласие дано' : 'Согласие отозвано'}{' '}
              {formatInstant(consent.data.since)} мск
            </Text>
          )}
        </>
      )}
    </Section>
  );
}
