import {
  Alert,
  Box,
  Button,
  Collapse,
  Group,
  NumberInput,
  Radio,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import type { EarlyRepaymentQuoteView, LoanView, PaymentView } from '../../../contracts';
import { parseKopecks } from '../../../domain/money';
import { isApiError } from '../../api/api-error';
import { useEarlyRepaymentQuote } from '../../api/queries';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { Section } from '../../components/layout';
import { focusFirstError } from '../../forms/validation';
import { formatDate } from '../../i18n/format';
import { pointsText, useBonuses } from '../engagement/BonusesPage';
import { formatWire } from '../loans/terms';
import { parseRublesInput } from './amount';
import { METHOD_OPTIONS, PAY_ANCHOR } from './labels';
import { LoanScheduleTable } from './LoanScheduleTable';
import { daysLate, paymentsText } from './loan-texts';
import {
  forgetPaymentAttempt,
  sessionKeyStorage,
  storedAttempt,
  type PaymentChoice,
} from './payment-attempt';
import { leavingForProvider, usePayLoan } from './usePayLoan';
import { LiveResult } from '../../components/LiveResult';

type Purpose = 'next' | 'payoff' | 'custom';
type Method = PaymentView['method'];
type Recalculation = 'payment' | 'term';

/** The pay form as chosen; the amount is what the rubles field holds. */
type PayValues = {
  purpose: Purpose;
  method: Method;
  amount: number | string;
  recalculation: Recalculation | null;
  /** Bonus points to spend on the interest («Списать баллы»); '' when none. */
  points: number | string;
};

/** How long the amount must rest before its early-repayment quote is asked for. */
const QUOTE_DEBOUNCE_MS = 400;

/** The form as left before a reload (the stored attempt), or the next payment by card. */
function initialValues(loan: LoanView): PayValues {
  const fresh: PayValues = {
    purpose: loan.nextPayment ? 'next' : 'payoff',
    method: 'card',
    amount: '',
    recalculation: null,
    points: '',
  };
  const attempt = storedAttempt(sessionKeyStorage(), loan.id, 'debt');
  const stored = attempt?.choice;
  if (!stored || stored.purpose === 'prolongation') return fresh;
  // Back from the provider's page with the payment credited: that attempt is over, not to be offered again.
  if (loan.payments.some((p) => p.id === attempt?.paymentId && p.status === 'credited')) return fresh;
  if (stored.purpose === 'next' && !loan.nextPayment) return fresh;
  return {
    purpose: stored.purpose,
    method: stored.method,
    amount: stored.amount ? Number(stored.amount) / 100 : '',
    recalculation: stored.recalculation ?? null,
    points: stored.points ?? '',
  };
}

/** Paying everything today costs less than the next payment (its interest runs to the due date). */
const payoffIsCheaper = (loan: LoanView): boolean =>
  loan.nextPayment !== null && parseKopecks(loan.payoff.amount) < parseKopecks(loan.nextPayment.amount);

/** The least paid in money when points take their value off the interest: 1 ₽ (as the server). */
const MIN_MONEY = 100n;

/**
 * How many points may go into a payment of `toPay` (wire kopecks): not above the balance, the interest owed today,
 * nor leaving less than 1 ₽ to pay — the same caps the server applies (domain/points.ts pointsDiscount).
 */
function maxPointsFor(
  loan: LoanView,
  toPay: string | null,
  balance: number,
  kopecksPerPoint: number,
): number {
  if (toPay === null || kopecksPerPoint <= 0 || balance <= 0) return 0;
  const interest = parseKopecks(loan.balances.interest) + parseKopecks(loan.balances.interestOverdue);
  const room = parseKopecks(toPay) - MIN_MONEY;
  const cap = interest < room ? interest : room;
  if (cap <= 0n) return 0;
  return Math.min(balance, Number(cap / BigInt(kopecksPerPoint)));
}

/** The message of an amount the server refused, for the amount field. */
function amountErrorOf(error: unknown): string | null {
  if (!isApiError(error, 'PAYMENT_AMOUNT_INVALID', 'VALIDATION_FAILED')) return null;
  return error.errors[0]?.message ?? error.detail;
}

/**
 * «Оплатить»: the next payment, the whole debt or any amount, by card or СБП. Any amount is priced as it is
 * typed: whether it closes the loan and, for an instalment loan, both ways to recalculate the schedule.
 * «Перейти к оплате» makes the payment and leaves for the provider's page.
 */
export function PaySection({ loan, onStay }: { loan: LoanView; onStay: (payment: PaymentView) => void }) {
  const [values, setValues] = useState<PayValues>(() => initialValues(loan));
  const [submitted, setSubmitted] = useState(false);
  const [showSchedule, setShowSchedule] = useState(false);
  const pay = usePayLoan(loan.id, onStay);

  const custom = values.purpose === 'custom';
  const parsed = custom ? parseRublesInput(values.amount) : null;
  const kopecks = parsed?.ok ? parsed.kopecks : null;
  const [debounced] = useDebouncedValue(kopecks, QUOTE_DEBOUNCE_MS);
  const quoteQuery = useEarlyRepaymentQuote(loan.id, custom ? debounced : null);
  const settling = custom && (kopecks !== debounced || quoteQuery.isFetching);
  const quote =
    custom && !settling && quoteQuery.isSuccess && !quoteQuery.isPlaceholderData ? quoteQuery.data : null;
  const shownQuote = custom && kopecks !== null ? quoteQuery.data : undefined;
  const serverAmountError = custom && !settling ? amountErrorOf(quoteQuery.error) : null;
  const quoteFailure =
    custom && !settling && quoteQuery.isError && serverAmountError === null ? quoteQuery.error : null;
  const needsChoice = quote !== null && !quote.closesLoan && quote.options.length > 1;

  const update = (patch: Partial<PayValues>) => {
    // A field may report its own value again (a blur, a reformat): that is not a new choice.
    const changed = (Object.keys(patch) as (keyof PayValues)[]).some((k) => patch[k] !== values[k]);
    if (!changed) return;
    setValues((prev) => ({ ...prev, ...patch }));
    // Another choice is another payment: the next click makes a new attempt with a new key.
    forgetPaymentAttempt(sessionKeyStorage(), loan.id, 'debt');
    pay.reset();
  };

  const typed = String(values.amount).trim() !== '';
  const amountError = !custom
    ? null
    : parsed && !parsed.ok
      ? submitted || typed
        ? parsed.error
        : null
      : serverAmountError;
  const choiceError =
    submitted && needsChoice && values.recalculation === null ? 'Выберите, как пересчитать график' : null;

  const toPay =
    values.purpose === 'next'
      ? (loan.nextPayment?.amount ?? null)
      : values.purpose === 'payoff'
        ? loan.payoff.amount
        : kopecks;

  const bonuses = useBonuses();
  const kopecksPerPoint = bonuses.data?.rules.kopecksPerPoint ?? 0;
  // Points held for payments still in progress cannot go into another one.
  const balance = bonuses.data?.available ?? 0;
  const maxPoints = maxPointsFor(loan, toPay, balance, kopecksPerPoint);
  const askedPoints = typeof values.points === 'number' ? values.points : 0;
  const pointsUsed = Math.max(0, Math.min(askedPoints, maxPoints));
  const discount = BigInt(pointsUsed) * BigInt(kopecksPerPoint);
  const toPayMoney = toPay !== null ? String(parseKopecks(toPay) - discount) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const choice: PaymentChoice = { purpose: values.purpose, method: values.method };
    if (custom) {
      if (kopecks === null || serverAmountError !== null) return focusFirstError();
      if (quote === null) return; // still pricing: the button says so
      choice.amount = kopecks;
      if (needsChoice) {
        if (values.recalculation === null) return focusFirstError();
        choice.recalculation = values.recalculation;
      }
    }
    if (pointsUsed > 0) choice.points = pointsUsed;
    pay.mutate(choice);
  };

  const busy = pay.isPending || leavingForProvider(pay.data);

  return (
    <Box id={PAY_ANCHOR} style={{ scrollMarginTop: 16 }}>
      <Section title="Оплатить">
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Radio.Group
              label="Что оплатить"
              value={values.purpose}
              onChange={(purpose) => update({ purpose: purpose as Purpose })}
            >
              <Stack gap="sm" mt={6}>
                {loan.nextPayment && (
                  <Radio
                    value="next"
                    label={`Следующий платёж — ${formatWire(loan.nextPayment.amount)}`}
                    description={`${daysLate(loan.nextPayment, loan.today) > 0 ? 'Срок был' : 'До'} ${formatDate(loan.nextPayment.dueDate)}`}
                  />
                )}
                <Radio
                  value="payoff"
                  label={`Погасить полностью — ${formatWire(loan.payoff.amount)}`}
                  description={`Сумма для полного погашения на ${formatDate(loan.payoff.date)}: проценты только за дни пользования`}
                />
                <Radio value="custom" label="Другая сумма" description="Досрочно погасить часть долга" />
                {loan.nextPayment && payoffIsCheaper(loan) && (
                  <Text size="sm" c="teal.8">
                    Погасить заём полностью сегодня дешевле, чем внести следующий платёж: проценты берутся
                    только за дни пользования.
                  </Text>
                )}
              </Stack>
            </Radio.Group>

            {custom && (
              <Stack gap="sm">
                <NumberInput
                  label="Сумма, ₽"
                  placeholder="Например, 5 000"
                  description={`Не больше ${formatWire(loan.payoff.amount)} — этой суммы хватит, чтобы закрыть заём`}
                  thousandSeparator=" "
                  decimalSeparator=","
                  decimalScale={2}
                  allowNegative={false}
                  hideControls
                  inputMode="decimal"
                  isAllowed={({ value }) => value.length <= 15}
                  rightSection={<Text c="dimmed">₽</Text>}
                  value={values.amount}
                  onChange={(amount) => update({ amount })}
                  error={amountError}
                />
                <LiveResult settling={settling}>
                  {shownQuote && !serverAmountError && (
                    <QuoteResult
                      quote={shownQuote}
                      value={values.recalculation}
                      error={choiceError}
                      onChange={(recalculation) => update({ recalculation })}
                    />
                  )}
                  {custom && kopecks !== null && !shownQuote && !quoteQuery.isError && (
                    <Text size="sm" c="dimmed">
                      Считаем…
                    </Text>
                  )}
                </LiveResult>
                <ApiErrorAlert error={quoteFailure} />
                {shownQuote && !shownQuote.closesLoan && !serverAmountError && (
                  <ScheduleAfter
                    quote={shownQuote}
                    recalculation={
                      needsChoice ? values.recalculation : (shownQuote.options[0]?.recalculation ?? null)
                    }
                    opened={showSchedule}
                    onToggle={() => setShowSchedule((v) => !v)}
                  />
                )}
              </Stack>
            )}

            {maxPoints > 0 && (
              <NumberInput
                label="Списать баллы"
                description={`Доступно ${pointsText(balance)}, 1 балл = ${formatWire(String(kopecksPerPoint))}. Баллы уменьшают только проценты: сейчас можно списать до ${pointsText(maxPoints)}.`}
                placeholder="0"
                min={0}
                max={maxPoints}
                clampBehavior="strict"
                allowNegative={false}
                allowDecimal={false}
                thousandSeparator=" "
                inputMode="numeric"
                value={values.points}
                onChange={(points) => update({ points })}
                rightSection={
                  <Button variant="subtle" size="compact-xs" onClick={() => update({ points: maxPoints })}>
                    Все
                  </Button>
                }
                rightSectionWidth={56}
              />
            )}

            <Radio.Group
              label="Способ оплаты"
              value={values.method}
              onChange={(method) => update({ method: method as Method })}
            >
              <Group gap="lg" mt={6}>
                {METHOD_OPTIONS.map((option) => (
                  <Radio key={option.value} value={option.value} label={option.label} />
                ))}
              </Group>
            </Radio.Group>

            {toPayMoney !== null && (
              <Text>
                К оплате: <b>{formatWire(toPayMoney)}</b>
                {discount > 0n && (
                  <Text span c="teal.8">
                    {' '}
                    (баллами — {formatWire(String(discount))})
                  </Text>
                )}
              </Text>
            )}
            {pay.error !== null && <ApiErrorAlert error={pay.error} />}
            <Button
              type="submit"
              size="md"
              fullWidth
              loading={busy}
              disabled={custom && settling && kopecks !== null}
            >
              Перейти к оплате
            </Button>
            <Text size="xs" c="dimmed">
              Оплата проходит на защищённой странице платёжного сервиса. После оплаты вы вернётесь сюда.
            </Text>
          </Stack>
        </form>
      </Section>
    </Box>
  );
}

/** What the typed amount does: closes the loan, or the schedule after it, both ways side by side. */
function QuoteResult({
  quote,
  value,
  error,
  onChange,
}: {
  quote: EarlyRepaymentQuoteView;
  value: Recalculation | null;
  error: string | null;
  onChange: (value: Recalculation) => void;
}) {
  if (quote.closesLoan)
    return (
      <Alert color="teal" variant="light" title="Этой суммы хватит, чтобы погасить заём полностью">
        Для полного погашения на {formatDate(quote.date)} нужно {formatWire(quote.payoff)}.
      </Alert>
    );
  if (quote.options.length === 0) return null;
  if (quote.options.length === 1) {
    const [option] = quote.options;
    if (!option) return null;
    return (
      <Alert color="blue" variant="light" title="Заём не закроется">
        <Text size="sm">
          Для полного погашения нужно {formatWire(quote.payoff)}. После платежа останется вернуть{' '}
          {formatWire(option.regularPayment)} до {formatDate(option.lastDueDate)}.
        </Text>
      </Alert>
    );
  }
  return (
    <Radio.Group
      label="Как пересчитать график"
      description={`Для полного погашения нужно ${formatWire(quote.payoff)}. Эта сумма уменьшит долг, а график можно пересчитать одним из двух способов.`}
      value={value}
      onChange={(v) => onChange(v as Recalculation)}
      error={error}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt={6}>
        {quote.options.map((option) => (
          <Radio.Card key={option.recalculation} value={option.recalculation} radius="md" p="sm" withBorder>
            <Group wrap="nowrap" align="flex-start" gap="sm">
              <Radio.Indicator />
              <Stack gap={4} miw={0}>
                <Text fw={700} size="sm">
                  {option.title}
                </Text>
                <OptionLine label="Платёж" value={formatWire(option.regularPayment)} />
                <OptionLine label="Платежей" value={paymentsText(option.payments)} />
                <OptionLine label="Последний" value={formatDate(option.lastDueDate)} />
                <OptionLine label="Проценты всего" value={formatWire(option.totalInterest)} />
              </Stack>
            </Group>
          </Radio.Card>
        ))}
      </SimpleGrid>
    </Radio.Group>
  );
}

function OptionLine({ label, value }: { label: string; value: string }) {
  return (
    <Text size="sm">
      <Text span c="dimmed" size="sm">
        {label}:
      </Text>{' '}
      <Text span fw={600} size="sm" style={{ whiteSpace: 'nowrap' }}>
        {value}
      </Text>
    </Text>
  );
}

/** «Показать график после платежа»: the chosen option's schedule (or the only one). */
function ScheduleAfter({
  quote,
  recalculation,
  opened,
  onToggle,
}: {
  quote: EarlyRepaymentQuoteView;
  recalculation: Recalculation | null;
  opened: boolean;
  onToggle: () => void;
}) {
  const option = quote.options.find((o) => o.recalculation === recalculation);
  if (!option) return null;
  return (
    <Stack gap="xs">
      <Button
        variant="subtle"
        px={0}
        onClick={onToggle}
        aria-expanded={opened}
        style={{ alignSelf: 'flex-start' }}
      >
        {opened ? 'Скрыть график после платежа' : 'Показать график после платежа'}
      </Button>
      <Collapse expanded={opened}>
        <LoanScheduleTable schedule={option.schedule} label="График после платежа" />
      </Collapse>
    </Stack>
  );
}
