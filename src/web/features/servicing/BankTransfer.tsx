import { Button, CopyButton, Text } from '@mantine/core';
import type { LoanView } from '../../../contracts';
import { InfoList, Section } from '../../components/layout';

/** «Оплатить переводом по реквизитам»: the lender's account and the purpose that finds the contract. */
export function BankTransfer({ details }: { details: LoanView['bankTransfer'] }) {
  return (
    <Section title="Оплатить переводом по реквизитам">
      <Text size="sm">
        Можно заплатить переводом из любого банка. Обязательно укажите назначение платежа: по нему мы найдём
        ваш договор. Перевод идёт дольше, чем оплата картой или по СБП.
      </Text>
      <InfoList
        items={[
          ['Получатель', details.recipient],
          ['ИНН', details.inn],
          ['КПП', details.kpp],
          ['Банк', details.bank],
          ['БИК', details.bik],
          ['Счёт', details.account],
          ['Корр. счёт', details.correspondentAccount],
          ['Назначение платежа', details.purpose],
        ]}
      />
      <CopyButton value={details.purpose} timeout={2000}>
        {({ copied, copy }) => (
          <Button variant="light" color={copied ? 'teal' : undefined} onClick={copy} size="sm" fullWidth>
            <span aria-live="polite">{copied ? 'Назначение скопировано' : 'Скопировать назначение'}</span>
          </Button>
        )}
      </CopyButton>
    </Section>
  );
}
