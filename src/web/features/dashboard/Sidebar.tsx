import { Alert, Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Me, ProductView } from '../../../contracts';
import { termText } from '../../../domain/russian';
import { useProducts, useSiteStatus } from '../../api/queries';
import { InfoList, Section } from '../../components/layout';
import { OfferNote } from '../engagement/OfferNote';
import { formatFullName, formatPhone } from '../../i18n/format';
import { boundsOf, formatRubles } from '../loans/terms';

/** The dashboard's side column: the profile in short, bonuses and promotions. */

export function ProfileSummary({ me }: { me: Me }) {
  return (
    <Section title="Профиль">
      <InfoList
        items={[
          ['ФИО', formatFullName(me)],
          ['Телефон', formatPhone(me.phone)],
        ]}
      />
      <Anchor component={Link} to="/account/profile" size="sm">
        Паспорт и личные данные
      </Anchor>
    </Section>
  );
}

/** The first-loan promo as the products define it: no rate of 0 %, no promo text. */
function promoText(products: ProductView[]): string | null {
  const promo = products.find((p) => p.firstLoanDailyRateBp === 0);
  if (!promo) return null;
  const b = boundsOf(promo);
  return (
    `Первый заём «${promo.name}» — под 0\u00a0%: до ${formatRubles(b.maxAmount)} на срок до ` +
    `${termText(b.maxTerm, promo.termUnit)}. Вернёте ровно столько, сколько взяли, если вернёте вовремя.`
  );
}

/** «Бонусы и акции»: the first-loan promo only for a borrower who has never had a loan. */
export function Promotions({ firstLoan }: { firstLoan: boolean }) {
  const { data: status } = useSiteStatus();
  const { data: products } = useProducts();
  const promo = products && firstLoan ? promoText(products) : null;
  return (
    <Section title="Бонусы и акции">
      <OfferNote />
      {promo ? (
        <Alert color="orange" variant="light" p="sm">
          <Text size="sm">{promo}</Text>
        </Alert>
      ) : (
        products && <Text size="sm">Сейчас акций нет.</Text>
      )}
      <Anchor component={Link} to="/account/bonuses" size="sm">
        Мои бонусы и уровень
      </Anchor>
      {status && (
        <Text size="sm">
          Новости и акции —{' '}
          <Anchor href={status.telegramUrl} target="_blank" rel="noopener noreferrer" fw={600}>
            в нашем Телеграм-канале
          </Anchor>
        </Text>
      )}
    </Section>
  );
}
