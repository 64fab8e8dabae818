import { Anchor, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type ApplicationView } from '../../../contracts';
import { isApiError } from '../../api/api-error';
import { call } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { CodeInput } from '../../components/fields';
import { Section } from '../../components/layout';
import { ResendCode, resendAtOf } from '../../components/ResendCode';
import { useSignWithCode } from '../../components/useSignWithCode';

type Contract = NonNullable<ApplicationView['contract']>;

/** The contract PDF: the session cookie goes with a plain link, so it opens in a new tab. */
export const contractPdfPath = (contract: Contract): string => `/api/me/contracts/${contract.id}/pdf`;

export function ContractLink({ contract }: { contract: Contract }) {
  return (
    <Stack gap={2}>
      <Text size="sm">Договор № {contract.number}</Text>
      <Anchor href={contractPdfPath(contract)} target="_blank" rel="noopener" fw={600}>
        Открыть договор (PDF)
      </Anchor>
    </Stack>
  );
}

/** A new state of an application from the server: the page shows it at once, the list is asked again. */
function applicationChanged(queryClient: QueryClient, application: ApplicationView) {
  queryClient.setQueryData(queryKeys.application(application.id), application);
  void queryClient.invalidateQueries({ queryKey: queryKeys.applications, exact: true });
}

/**
 * Signing an approved application: a code by SMS bound to the contract PDF (generated with the first code),
 * then the code. A contract the server no longer offers (cancelled meanwhile) reloads the application.
 */
export function SigningBlock({ application }: { application: ApplicationView }) {
  const { id, contract } = application;
  const queryClient = useQueryClient();
  const [resendAt, setResendAt] = useState<number | null>(null);
  const [phoneMasked, setPhoneMasked] = useState<string | null>(null);
  const reload = () => queryClient.invalidateQueries({ queryKey: queryKeys.application(id), exact: true });
  const { form, errors, resend, sign, submit } = useSignWithCode({
    goneCode: 'CONTRACT_NOT_FOUND',
    resend: () => call(api.signatureCode, { params: { id } }),
    onResent: (sent) => {
      setResendAt(resendAtOf(sent));
      setPhoneMasked(sent.phoneMasked);
      // The first code makes the contract: the application now has its number and PDF.
      void reload();
    },
    // A code was sent recently (another tab, a reload): it is still good, so ask for it.
    onResendPause: setResendAt,
    onRestart: () => {
      setResendAt(null);
      void reload();
    },
    sign: (body) => call(api.sign, { params: { id }, body }),
    onSigned: (signed) => applicationChanged(queryClient, signed),
  });

  if (resendAt === null)
    return (
      <Section title="Подписание договора">
        <Text size="sm">
          Договор подписывается кодом из СМС — это ваша простая электронная подпись. Мы подготовим договор и
          пришлём код на ваш номер телефона.
        </Text>
        {contract && <ContractLink contract={contract} />}
        <ApiErrorAlert error={errors.alert} />
        <Button size="md" fullWidth onClick={() => resend.mutate()} loading={resend.isPending}>
          Получить код для подписания
        </Button>
      </Section>
    );

  return (
    <Section title="Подписание договора">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {contract && <ContractLink contract={contract} />}
          <Text size="sm">Проверьте договор. Код из СМС подтверждает подписание именно этой версии.</Text>
          {phoneMasked && (
            <Text size="sm">
              Мы отправили код на номер <b>{phoneMasked}</b>.
            </Text>
          )}
          <CodeInput {...form.getInputProps('code')} autoFocus />
          <ApiErrorAlert error={errors.alert} />
          <Button type="submit" size="md" fullWidth loading={sign.isPending}>
            Подписать договор
          </Button>
          <ResendCode availableAt={resendAt} loading={resend.isPending} onResend={() => resend.mutate()} />
        </Stack>
      </form>
    </Section>
  );
}

/** Statuses the borrower may still walk away from; for 'signed' the server checks the payout is not sent. */
export const CANCELLABLE: readonly ApplicationView['status'][] = ['under_review', 'approved', 'signed'];

const CANCEL_TEXT: Partial<Record<ApplicationView['status'], string>> = {
  under_review: 'Заявка будет отозвана, рассматривать её не будут.',
  approved: 'Заявка будет закрыта, договор не будет заключён.',
  signed: 'Деньги ещё не отправлены, поэтому от займа можно отказаться: договор прекратит действие.',
};

/**
 * «Отказаться от займа» with a confirmation. The dialog stays up while the status moves on under it (the page
 * polls), so a «payout already sent» answer stays readable; the application is asked again on closing.
 */
export function CancelLoan({ application }: { application: ApplicationView }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState<string | null>(null);
  const reload = () =>
    queryClient.invalidateQueries({ queryKey: queryKeys.application(application.id), exact: true });
  const cancel = useMutation({
    mutationFn: () => call(api.cancelApplication, { params: { id: application.id } }),
    onSuccess: (cancelled) => {
      applicationChanged(queryClient, cancelled);
      setText(null);
    },
  });
  const open = () => {
    cancel.reset();
    setText(CANCEL_TEXT[application.status] ?? null);
  };
  const close = () => {
    setText(null);
    if (isApiError(cancel.error, 'PAYOUT_ALREADY_SENT')) void reload();
  };

  return (
    <>
      {CANCELLABLE.includes(application.status) && (
        <Button variant="default" onClick={open} style={{ alignSelf: 'flex-start' }}>
          Отказаться от займа
        </Button>
      )}
      <Modal opened={text !== null} onClose={close} title="Отказаться от займа?" centered>
        <Stack gap="md">
          <Text size="sm">{text}</Text>
          <ApiErrorAlert error={cancel.error} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Нет, оставить
            </Button>
            <Button
              color="red"
              onClick={() => cancel.mutate()}
              loading={cancel.isPending}
              disabled={isApiError(cancel.error, 'PAYOUT_ALREADY_SENT')}
            >
              Да, отказаться
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
