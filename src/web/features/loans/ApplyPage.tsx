import { Alert, Anchor, Button, NumberInput, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { EMPLOYMENT_KINDS, ZApplicationRequest, api, type Me, type ProductView } from '../../../contracts';
import { cardNumberValid, normalizeCardNumber } from '../../../domain/card';
import { isApiError } from '../../api/api-error';
import { call } from '../../api/client';
import {
  isOpenApplication,
  queryKeys,
  useApplications,
  useEligibility,
  useMe,
  useProducts,
} from '../../api/queries';
import { PageLoader } from '../../app/guards';
import { OfferNote } from '../engagement/OfferNote';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { Section } from '../../components/layout';
import { focusFirstError, mergeErrors, validateWith, type FieldErrors } from '../../forms/validation';
import { useServerErrors } from '../../forms/useServerErrors';
import { usePageTitle } from '../../hooks/usePageTitle';
import { phoneToMaskValue } from '../../i18n/format';
import { EMPLOYMENT_LABELS } from './labels';
import { PayoutMethodFields } from './PayoutMethodFields';
import { LoanTermsFields } from './LoanTermsFields';
import { LiveQuote } from './LiveQuote';
import type { ApplyValues } from './apply-values';
import { rublesToKopecks, termsFromSearch, type LoanTerms } from './terms';
import { useLiveQuote } from './useLiveQuote';
import { usePersonalData } from '../profile/data-queries';
import type { PersonalData } from '../../../contracts';

type ApplicationBody = z.output<typeof ZApplicationRequest>;

const digits = (s: string) => s.replace(/\D/g, '');

const EMPLOYMENT_OPTIONS = EMPLOYMENT_KINDS.map((kind) => ({ value: kind, label: EMPLOYMENT_LABELS[kind] }));

function incomeKopecks(income: number | string): string {
  const rubles = typeof income === 'number' ? income : Number(String(income).replace(/\D/g, ''));
  return String(income).trim() === '' || !Number.isFinite(rubles) ? '' : rublesToKopecks(rubles);
}

function toBody(values: ApplyValues) {
  const { payoutMethod: p } = values;
  const payoutMethod =
    p.kind === 'card'
      ? { kind: 'card' as const, cardNumber: p.cardNumber }
      : p.kind === 'sbp'
        ? { kind: 'sbp' as const, phone: p.phone, bankId: p.bankId ?? '' }
        : { kind: 'bank_account' as const, accountNumber: digits(p.accountNumber), bik: digits(p.bik) };
  return {
    productId: values.productId,
    amount: rublesToKopecks(values.amount),
    term: values.term,
    employment: values.employment,
    monthlyIncome: incomeKopecks(values.monthlyIncome),
    payoutMethod,
  };
}

/** What the schema cannot say in the borrower's words: an empty field, a mistyped card number. */
function ownErrors(values: ApplyValues): FieldErrors {
  const errors: FieldErrors = {};
  if (incomeKopecks(values.monthlyIncome) === '') errors.monthlyIncome = 'Укажите доход в месяц';
  const { kind, cardNumber, accountNumber, bik } = values.payoutMethod;
  if (kind === 'card') {
    if (normalizeCardNumber(cardNumber) === '') errors['payoutMethod.cardNumber'] = 'Укажите номер карты';
    else if (!cardNumberValid(cardNumber)) errors['payoutMethod.cardNumber'] = 'Проверьте номер карты';
  }
  if (kind === 'bank_account') {
    if (digits(accountNumber) === '') errors['payoutMethod.accountNumber'] = 'Укажите номер счёта';
    if (digits(bik) === '') errors['payoutMethod.bik'] = 'Укажите БИК банка';
  }
  return errors;
}

function validateApplication(values: ApplyValues) {
  const result = validateWith(ZApplicationRequest, toBody(values));
  return mergeErrors(ownErrors(values), result.ok ? {} : result.errors);
}

/** The application: amount and term, employment and income, where to send the money. */
export function ApplyPage() {
  usePageTitle('Заявка на заём');
  const [search] = useSearchParams();
  const { data: me } = useMe();
  const products = useProducts();
  const applications = useApplications();
  const open = applications.data?.find(isOpenApplication);
  const eligibility = useEligibility();
  // Employment and income start from the profile or the last application; the borrower confirms or edits them.
  const personal = usePersonalData();
  // Known before anything is filled in: an application that would only be refused is not offered.
  const blocked = eligibility.data && !eligibility.data.canApply ? eligibility.data : null;

  return (
    <Stack gap="lg" maw={720} mx="auto" w="100%">
      <Stack gap={4}>
        <Title order={1} size="h2">
          Заявка на заём
        </Title>
        <Text c="dimmed" size="sm">
          Решение обычно приходит за несколько минут — в СМС и здесь, в личном кабинете.
        </Text>
      </Stack>
      <OfferNote />
      {(products.isPending || applications.isPending || !me) && <PageLoader />}
      {products.isError && <ApiErrorAlert error={products.error} />}
      {open ? (
        <Alert color="blue" variant="light" title="У вас уже есть заявка в работе">
          <Text size="sm">
            {open.status === 'approved'
              ? 'Текущая заявка одобрена и ждёт подписания договора. Новую можно будет подать после неё.'
              : 'Новую заявку можно будет подать, когда по текущей будет решение.'}
          </Text>
          <Anchor
            component={Link}
            to={`/account/applications/${open.id}`}
            size="sm"
            fw={600}
            mt="xs"
            display="inline-block"
          >
            Открыть текущую заявку
          </Anchor>
        </Alert>
      ) : blocked ? (
        <Alert color="yellow" variant="light" title="Сейчас подать заявку нельзя">
          <Text size="sm">{blocked.message}</Text>
          <Anchor
            component={Link}
            to={blocked.reason === 'PASSPORT_EXPIRED' ? '/account/profile' : '/account'}
            size="sm"
            fw={600}
            mt="xs"
            display="inline-block"
          >
            {blocked.reason === 'PASSPORT_EXPIRED' ? 'Обновить паспорт' : 'В личный кабинет'}
          </Anchor>
        </Alert>
      ) : (
        me &&
        products.data &&
        !applications.isPending &&
        !eligibility.isPending &&
        !personal.isPending && (
          <ApplyForm
            me={me}
            products={products.data}
            initial={termsFromSearch(search, products.data)}
            employment={personal.data?.employment ?? null}
          />
        )
      )}
    </Stack>
  );
}

function ApplyForm({
  me,
  products,
  initial,
  employment,
}: {
  me: Me;
  products: ProductView[];
  initial: LoanTerms | null;
  employment: PersonalData['employment'];
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm<ApplyValues>({
    initialValues: {
      productId: initial?.productId ?? '',
      amount: initial?.amount ?? 0,
      term: initial?.term ?? 0,
      employment: employment?.employment ?? null,
      monthlyIncome: employment ? Number(BigInt(employment.monthlyIncome) / 100n) : '',
      payoutMethod: {
        kind: 'card',
        cardNumber: '',
        phone: phoneToMaskValue(me.phone),
        bankId: null,
        accountNumber: '',
        bik: '',
      },
    },
    validate: validateApplication,
  });
  const errors = useServerErrors(form);
  const { values } = form;
  const terms: LoanTerms = { productId: values.productId, amount: values.amount, term: values.term };
  const live = useLiveQuote(terms, true);

  const submit = useMutation({
    mutationFn: (body: ApplicationBody) => call(api.submitApplication, { body }),
    onSuccess: (application) => {
      queryClient.setQueryData(queryKeys.application(application.id), application);
      // Leave first: the refreshed list would show this very application as «already in progress».
      void navigate(`/account/applications/${application.id}`, { replace: true });
      void queryClient.invalidateQueries({ queryKey: queryKeys.applications, exact: true });
      void queryClient.invalidateQueries({ queryKey: queryKeys.eligibility, exact: true });
    },
    onError: (error) => {
      // Filed from another tab meanwhile: the page shows that application instead of the form.
      if (isApiError(error, 'APPLICATION_IN_PROGRESS'))
        void queryClient.invalidateQueries({ queryKey: queryKeys.applications, exact: true });
      // Refused before anything was stored (a loan taken meanwhile…): the page says why instead of the form.
      if (
        isApiError(
          error,
          'LOAN_ALREADY_ACTIVE',
          'LOANS_PER_YEAR_LIMIT',
          'PASSPORT_EXPIRED',
          'WAIT_AFTER_HIGH_PSK_LOAN',
        )
      )
        void queryClient.invalidateQueries({ queryKey: queryKeys.eligibility, exact: true });
      errors.show(error);
    },
  });

  const onSubmit = form.onSubmit((submitted) => {
    errors.clear();
    const result = validateWith(ZApplicationRequest, toBody(submitted));
    if (result.ok) submit.mutate(result.data);
  }, focusFirstError);

  const setTerms = (next: LoanTerms) => {
    form.setValues(next);
    form.clearFieldError('productId');
    form.clearFieldError('amount');
    form.clearFieldError('term');
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="lg">
        <Section title="Сумма и срок">
          <LoanTermsFields
            products={products}
            value={terms}
            onChange={setTerms}
            errors={{ productId: form.errors.productId, amount: form.errors.amount, term: form.errors.term }}
          />
        </Section>

        <Section title="Занятость и доход">
          {employment && (
            <Text size="sm" c="dimmed">
              {employment.source === 'profile'
                ? 'Заполнено по данным из профиля'
                : 'Заполнено по вашей прошлой заявке'}{' '}
              — проверьте и при необходимости исправьте.
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label="Занятость"
              placeholder="Выберите"
              data={EMPLOYMENT_OPTIONS}
              allowDeselect={false}
              {...form.getInputProps('employment')}
            />
            <NumberInput
              label="Доход в месяц после налогов, ₽"
              placeholder="Например, 60 000"
              thousandSeparator=" "
              allowDecimal={false}
              allowNegative={false}
              hideControls
              inputMode="numeric"
              isAllowed={({ value }) => value.length <= 9}
              rightSection={<Text c="dimmed">₽</Text>}
              {...form.getInputProps('monthlyIncome')}
            />
          </SimpleGrid>
        </Section>

        <PayoutMethodFields form={form} />

        <Section title="Условия займа">
          <LiveQuote live={live} />
          <Text size="sm" c="dimmed">
            Это расчёт по выбранным сумме и сроку. Окончательные условия будут в договоре — вы увидите их до
            подписания. Заявка ни к чему не обязывает.
          </Text>
        </Section>

        <ApiErrorAlert error={errors.alert} />
        <Button type="submit" size="md" fullWidth loading={submit.isPending}>
          Отправить заявку
        </Button>
      </Stack>
    </form>
  );
}
