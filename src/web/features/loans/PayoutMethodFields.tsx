import { Radio, Select, SimpleGrid, Stack } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { paymentSystemOf } from '../../../domain/card';
import { PhoneInput } from '../../components/fields';
import { Section } from '../../components/layout';
import { MaskedInput } from '../../components/MaskedInput';
import type { ApplyValues } from './apply-values';
import { PAYOUT_LABELS, SBP_BANKS, type PayoutKind } from './labels';

const PAYOUT_KINDS: PayoutKind[] = ['card', 'sbp', 'bank_account'];
const SYSTEM_NAMES = { mir: 'МИР', visa: 'Visa', mastercard: 'Mastercard', unionpay: 'UnionPay' } as const;

/** The two fields of a bank account, as masked inputs. */
const ACCOUNT_FIELDS = [
  {
    path: 'payoutMethod.accountNumber',
    label: 'Номер счёта',
    description: '20 цифр, начинается с 40817',
    mask: '00000 000 0 0000 0000000',
    placeholder: '40817 810 0 0000 0000000',
  },
  {
    path: 'payoutMethod.bik',
    label: 'БИК банка',
    description: '9 цифр, начинается с 04',
    mask: '000000000',
    placeholder: '04XXXXXXX',
  },
] as const;

/** «Куда перечислить деньги»: a card, СБП by phone and bank, or a bank account — all in the borrower's name. */
export function PayoutMethodFields({ form }: { form: UseFormReturnType<ApplyValues> }) {
  const { kind, cardNumber } = form.values.payoutMethod;
  const system = paymentSystemOf(cardNumber);
  return (
    <Section title="Куда перечислить деньги">
      <Radio.Group
        label="Способ получения"
        description="Только на карту, номер телефона или счёт на ваше имя"
        {...form.getInputProps('payoutMethod.kind')}
      >
        <Stack gap="xs" mt="xs">
          {PAYOUT_KINDS.map((k) => (
            <Radio key={k} value={k} label={PAYOUT_LABELS[k]} />
          ))}
        </Stack>
      </Radio.Group>

      {kind === 'card' && (
        <MaskedInput
          label="Номер карты"
          description={system === 'other' ? undefined : `Карта ${SYSTEM_NAMES[system]}`}
          mask="0000 0000 0000 0000[ 000]"
          placeholder="0000 0000 0000 0000"
          inputMode="numeric"
          autoComplete="cc-number"
          {...form.getInputProps('payoutMethod.cardNumber')}
        />
      )}
      {kind === 'sbp' && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <PhoneInput label="Номер телефона для СБП" {...form.getInputProps('payoutMethod.phone')} />
          <Select
            label="Банк"
            placeholder="Выберите банк"
            data={SBP_BANKS.map((b) => ({ ...b }))}
            allowDeselect={false}
            {...form.getInputProps('payoutMethod.bankId')}
          />
        </SimpleGrid>
      )}
      {kind === 'bank_account' && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {ACCOUNT_FIELDS.map(({ path, ...field }) => (
            <MaskedInput key={path} {...field} inputMode="numeric" {...form.getInputProps(path)} />
          ))}
        </SimpleGrid>
      )}
    </Section>
  );
}
