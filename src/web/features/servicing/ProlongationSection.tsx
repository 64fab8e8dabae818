import { Alert, Anchor, Box, Button, Group, Radio, Slider, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import {
  api,
  type CodeSent,
  type LoanView,
  type PaymentView,
  type ProlongationView,
} from '../../../contracts';
import { termText } from '../../../domain/russian';
import { isApiError } from '../../api/api-error';
import { call } from '../../api/client';
import { queryKeys, useProlongationQuote } from '../../api/queries';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { CodeInput } from '../../components/fields';
import { InfoList, Section } from '../../components/layout';
import { ResendCode } from '../../components/ResendCode';
import { useSignWithCode } from '../../components/useSignWithCode';
import { formatDate } from '../../i18n/format';
import { RangeEnds } from '../loans/LoanTermsFields';
import { formatWire } from '../loans/terms';
import { METHOD_OPTIONS, PROLONGATION_ANCHOR } from './labels';
import { usedText } from './loan-texts';
import { forgetPaymentAttempt, sessionKeyStorage, storedAttempt } from './payment-attempt';
import { leavingForProvider, usePayLoan } from './usePayLoan';
import { LiveResult } from '../../components/LiveResult';

const daysText = (n: number) => termText(n, 'days');

/** Nothing to pay for the prolongation (kopecks as a wire string): no «Заплатить сейчас 0 ₽» is ever shown. */
const nothingToPay = (payNow: string) => BigInt(payNow) === 0n;

const NOTHING_TO_PAY_TEXT =
  'Платить за продление сейчас не нужно: допсоглашение вступит в силу, как только вы его подпишете.';

/**
 * The prolongation answer carries no code details (unlike the contract's signature code), so the pause
 * before «Отправить код ещё раз» is assumed; a resend asked too early is answered with the real pause.
 */
const ASSUMED_RESEND_SEC = 60;

/** The loan with its unfinished prolongation replaced: the page moves on before the loan is asked again. */
function prolongationChanged(queryClient: QueryClient, loanId: string, current: ProlongationView | null) {
  queryClient.setQueryData<LoanView>(queryKeys.loan(loanId), (loan) =>
    loan ? { ...loan, prolongation: { ...loan.prolongation, current } } : loan,
  );
  void queryClient.invalidateQueries({ queryKey: queryKeys.loan(loanId) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.loans, exact: true });
}

/**
 * «Продлить заём»: choose the days and see the price, get the addendum and sign it with an SMS code, then
 * pay for it. An unfinished prolongation (`current`) picks up where it was left after a reload.
 */
export function ProlongationSection({
  loan,
  onStay,
}: {
  loan: LoanView;
  onStay: (payment: PaymentView) => void;
}) {
  const { prolongation } = loan;
  const { current } = prolongation;
  /** Signed and in force right here: the success stays up until the page is left. */
  const [done, setDone] = useState<ProlongationView | null>(null);
  /** When the code was just sent from this page: the resend pause starts then. */
  const [resendAt, setResendAt] = useState<number | null>(null);

  let body;
  if (current?.status === 'awaiting_signature')
    body = (
      <SignAddendum
        key={current.id}
        loan={loan}
        addendum={current}
        initialResendAt={resendAt ?? Date.now()}
        onSigned={(signed) => {
          setResendAt(null);
          if (signed.status === 'in_force') setDone(signed);
        }}
      />
    );
  else if (current?.status === 'awaiting_payment')
    body = <PayAddendum key={current.id} loan={loan} addendum={current} onStay={onStay} />;
  else if (done)
    body = (
      <Alert color="green" variant="light" role="status" title="Заём продлён">
        Новая дата возврата — {formatDate(done.newDueDate)}.
      </Alert>
    );
  else if (prolongation.available)
    body = (
      <ProlongationForm loan={loan} onRequested={() => setResendAt(Date.now() + ASSUMED_RESEND_SEC * 1000)} />
    );
  else body = <Text size="sm">{prolongation.reason ?? 'Продлить этот заём сейчас нельзя.'}</Text>;

  return (
    <Box id={PROLONGATION_ANCHOR} style={{ scrollMarginTop: 16 }}>
      <Section title="Продлить заём">
        <Text size="sm" c="dimmed">
          Продлений: {usedText(prolongation.used, prolongation.max).toLowerCase()}
        </Text>
        {current?.status === 'expired' && (
          <Alert color="yellow" variant="light">
            Допсоглашение № {current.number} не вступило в силу: его не оплатили вовремя.
          </Alert>
        )}
        {body}
      </Section>
    </Box>
  );
}

/** The days (a slider between the bounds) and what they cost; «Оформить» makes the addendum and sends a code. */
function ProlongationForm({ loan, onRequested }: { loan: LoanView; onRequested: () => void }) {
  const { minDays, maxDays } = loan.prolongation;
  const queryClient = useQueryClient();
  const labelId = useId();
  const [days, setDays] = useState(minDays);
  const [debounced] = useDebouncedValue(days, 300);
  const quote = useProlongationQuote(loan.id, debounced);
  const settling = days !== debounced || quote.isFetching;
  const request = useMutation({
    mutationFn: (d: number) => call(api.requestProlongation, { params: { id: loan.id }, body: { days: d } }),
    onSuccess: (addendum) => {
      onRequested();
      prolongationChanged(queryClient, loan.id, addendum);
    },
    onError: (error) => {
      if (isApiError(error, 'PROLONGATION_NOT_AVAILABLE', 'LOAN_NOT_ACTIVE'))
        void queryClient.invalidateQueries({ queryKey: queryKeys.loan(loan.id) });
    },
  });

  return (
    <Stack gap="md">
      <Text size="sm">
        Если не успеваете вернуть заём вовремя, его можно продлить: оформите допсоглашение, подпишите его
        кодом из СМС и оплатите сумму ниже. После оплаты дата возврата перенесётся.
      </Text>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="baseline">
          <Text id={labelId} size="sm" fw={500}>
            Продлить на
          </Text>
          <Text fw={700} fz="lg" aria-hidden>
            {daysText(days)}
          </Text>
        </Group>
        {minDays < maxDays ? (
          <>
            <Slider
              min={minDays}
              max={maxDays}
              step={1}
              value={days}
              onChange={(value) => {
                setDays(value);
                request.reset();
              }}
              label={null}
              thumbLabel="Продлить на, дней"
              thumbValueText={daysText}
              size="lg"
              thumbSize={26}
            />
            <RangeEnds min={minDays} max={maxDays} words={daysText} />
          </>
        ) : null}
      </Stack>
      <LiveResult settling={settling}>
        {quote.data ? (
          nothingToPay(quote.data.payNow) ? (
            <Stack gap="xs">
              <InfoList
                items={[
                  [
                    'Новая дата возврата',
                    `${formatDate(quote.data.newDueDate)} (вместо ${formatDate(quote.data.oldDueDate)})`,
                  ],
                ]}
              />
              <Text size="sm">{NOTHING_TO_PAY_TEXT}</Text>
            </Stack>
          ) : (
            <InfoList
              items={[
                ['Заплатить сейчас', <b key="pay">{formatWire(quote.data.payNow)}</b>],
                [
                  'Новая дата возврата',
                  `${formatDate(quote.data.newDueDate)} (вместо ${formatDate(quote.data.oldDueDate)})`,
                ],
                ['Оплатить не позднее', formatDate(quote.data.payBy)],
              ]}
            />
          )
        ) : (
          !quote.isError && (
            <Text size="sm" c="dimmed">
              Считаем…
            </Text>
          )
        )}
      </LiveResult>
      <ApiErrorAlert error={quote.isError && !settling ? quote.error : null} />
      <ApiErrorAlert error={request.error} />
      <Button
        size="md"
        fullWidth
        onClick={() => request.mutate(days)}
        loading={request.isPending}
        disabled={settling || !quote.isSuccess}
      >
        Оформить
      </Button>
    </Stack>
  );
}

/** What the addendum says, with its PDF. */
function AddendumSummary({ addendum }: { addendum: ProlongationView }) {
  return (
    <Stack gap="xs">
      <InfoList
        items={[
          ['Допсоглашение', `№ ${addendum.number}`],
          ['Продление', daysText(addendum.days)],
          [
            'Новая дата возврата',
            `${formatDate(addendum.newDueDate)} (вместо ${formatDate(addendum.oldDueDate)})`,
          ],
          ...(nothingToPay(addendum.payNow)
            ? []
            : [['Заплатить', formatWire(addendum.payNow)] as [string, string]]),
        ]}
      />
      <Anchor href={addendum.documentUrl} target="_blank" rel="noopener" fw={600}>
        Открыть допсоглашение (PDF)
      </Anchor>
    </Stack>
  );
}

/** The code from the SMS signs the addendum, as the contract was signed. */
function SignAddendum({
  loan,
  addendum,
  initialResendAt,
  onSigned,
}: {
  loan: LoanView;
  addendum: ProlongationView;
  initialResendAt: number;
  onSigned: (signed: ProlongationView) => void;
}) {
  const queryClient = useQueryClient();
  const [resendAt, setResendAt] = useState(initialResendAt);
  const { form, errors, resend, sign, submit } = useSignWithCode({
    goneCode: 'PROLONGATION_NOT_FOUND',
    // Asking for the same prolongation again sends a new code for it.
    resend: async (): Promise<CodeSent> => {
      const again = await call(api.requestProlongation, {
        params: { id: loan.id },
        body: { days: addendum.days },
      });
      prolongationChanged(queryClient, loan.id, again);
      return {
        id: again.id,
        phoneMasked: '',
        codeLength: 6,
        resendAvailableInSec: ASSUMED_RESEND_SEC,
        expiresInSec: 0,
      };
    },
    onResent: (sent) => setResendAt(Date.now() + sent.resendAvailableInSec * 1000),
    onResendPause: setResendAt,
    onRestart: () => void queryClient.invalidateQueries({ queryKey: queryKeys.loan(loan.id) }),
    sign: (body) => call(api.signProlongation, { params: { id: loan.id, childId: addendum.id }, body }),
    onSigned: (signed) => {
      onSigned(signed);
      prolongationChanged(
        queryClient,
        loan.id,
        signed.status === 'awaiting_signature' || signed.status === 'awaiting_payment' ? signed : null,
      );
    },
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <AddendumSummary addendum={addendum} />
        <Text size="sm">
          Проверьте допсоглашение. Мы отправили код на ваш номер телефона — он подтверждает подписание именно
          этой версии.
        </Text>
        <CodeInput {...form.getInputProps('code')} />
        <ApiErrorAlert error={errors.alert} />
        <Button type="submit" size="md" px="sm" fullWidth loading={sign.isPending}>
          Подписать допсоглашение
        </Button>
        <ResendCode availableAt={resendAt} loading={resend.isPending} onResend={() => resend.mutate()} />
      </Stack>
    </form>
  );
}

/** The addendum is signed: pay for it (card or СБП) and it takes effect. */
function PayAddendum({
  loan,
  addendum,
  onStay,
}: {
  loan: LoanView;
  addendum: ProlongationView;
  onStay: (payment: PaymentView) => void;
}) {
  const [method, setMethod] = useState<PaymentView['method']>(() => {
    const stored = storedAttempt(sessionKeyStorage(), loan.id, 'prolongation')?.choice;
    return stored?.prolongationId === addendum.id ? stored.method : 'card';
  });
  const pay = usePayLoan(loan.id, onStay);
  return (
    <Stack gap="md">
      <Alert color="blue" variant="light" title="Допсоглашение подписано">
        Оплатите {formatWire(addendum.payNow)} — после оплаты заём будет продлён до{' '}
        {formatDate(addendum.newDueDate)}.
      </Alert>
      <AddendumSummary addendum={addendum} />
      <Radio.Group
        label="Способ оплаты"
        value={method}
        onChange={(value) => {
          setMethod(value as PaymentView['method']);
          forgetPaymentAttempt(sessionKeyStorage(), loan.id, 'prolongation');
          pay.reset();
        }}
      >
        <Group gap="lg" mt={6}>
          {METHOD_OPTIONS.map((option) => (
            <Radio key={option.value} value={option.value} label={option.label} />
          ))}
        </Group>
      </Radio.Group>
      <ApiErrorAlert error={pay.error} />
      <Button
        size="md"
        fullWidth
        loading={pay.isPending || leavingForProvider(pay.data)}
        onClick={() => pay.mutate({ purpose: 'prolongation', method, prolongationId: addendum.id })}
      >
        Оплатить {formatWire(addendum.payNow)}
      </Button>
    </Stack>
  );
}
