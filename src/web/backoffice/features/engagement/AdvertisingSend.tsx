import { Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { engagementStaffApi as bo, type AdvertisingSend } from '../../../../contracts/backoffice-engagement';
import { call } from '../../../api/client';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert';
import { formatInstant } from '../../../i18n/format';
import { staffCan, useStaffMe } from '../../app/use-staff';

/** How a send went, in one line: sent, skipped for want of consent, ended relationships, sent before. */
export function advertisingSummary(send: AdvertisingSend): string {
  const skipped = [
    `без согласия на рекламу — ${send.skippedNoConsent}`,
    ...(send.skippedEnded > 0 ? [`отношения прекращены — ${send.skippedEnded}`] : []),
    ...(send.skippedAlready > 0 ? [`получили раньше — ${send.skippedAlready}`] : []),
  ];
  return (
    `${send.status === 'queued' ? 'Рассылается' : 'Разослано'}: отправлено ${send.sent}, не отправлено: ` +
    `${skipped.join(', ')}. Всего получили: ${send.deliveredTotal}.`
  );
}

/**
 * The advertising of a campaign or an offer in the back office: the latest send's counts and «Разослать» for those
 * who may send (engagement.manage). Only borrowers with the advertising consent get it (38-FZ art. 18).
 */
export function AdvertisingSendControl(props: {
  subject: 'campaign' | 'offer';
  id: string;
  send: AdvertisingSend | null;
  canSend: boolean;
  queryKey: readonly unknown[];
}) {
  const queryClient = useQueryClient();
  const me = useStaffMe();
  const send = useMutation({
    mutationFn: () =>
      call(props.subject === 'campaign' ? bo.advertiseCampaign : bo.advertiseOffer, {
        params: { id: props.id },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: props.queryKey }),
  });
  const allowed = props.canSend && staffCan(me.data, 'engagement.manage');
  return (
    <Stack gap={4} data-testid="advertising-send">
      {props.send ? (
        <Text size="xs">
          {advertisingSummary(props.send)}{' '}
          <Text span size="xs" c="dimmed">
            ({formatInstant(props.send.requestedAt)})
          </Text>
        </Text>
      ) : (
        <Text size="xs" c="dimmed">
          Реклама не рассылалась.
        </Text>
      )}
      {allowed && (
        <Group gap="xs">
          <Button
            size="compact-xs"
            variant="light"
            onClick={() => send.mutate()}
            loading={send.isPending}
            disabled={props.send?.status === 'queued'}
          >
            Разослать
          </Button>
        </Group>
      )}
      <ApiErrorAlert error={send.error} />
    </Stack>
  );
}
