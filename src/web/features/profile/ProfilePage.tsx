import { Anchor, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMe, useSiteStatus } from '../../api/queries';
import { PageLoader } from '../../app/guards';
import { InfoList, Section } from '../../components/layout';
import { usePageTitle } from '../../hooks/usePageTitle';
import { formatDate, formatFullName, formatPhone, formatSex } from '../../i18n/format';
import { AddressSection } from './AddressSection';
import { OptionalDataSection } from './OptionalDataSection';
import { LinkedProviders } from '../federation/LinkedProviders';
import { PassportChangeForm } from './PassportChangeForm';
import { PassportHistory } from './PassportHistory';
import { PhoneChangeSection, RelationshipEndSection } from './SupportCasesSections';

const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

export function ProfilePage() {
  usePageTitle('Профиль');
  const { data: me } = useMe();
  const { data: status } = useSiteStatus();
  if (!me) return <PageLoader />;
  const { passport } = me;

  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        Профиль
      </Title>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Section title="Личные данные">
          <InfoList
            items={[
              ['ФИО', formatFullName(me)],
              ['Дата рождения', formatDate(me.birthDate)],
              ['Пол', formatSex(me.sex)],
              ['Телефон', formatPhone(me.phone)],
            ]}
          />
        </Section>
        <Section title="Паспорт">
          <InfoList
            items={[
              [
                'Серия и номер',
                `${passport.series.slice(0, 2)} ${passport.series.slice(2)} ${passport.number}`,
              ],
              ['Дата выдачи', formatDate(passport.issueDate)],
              ['Кем выдан', passport.issuedBy],
              ['Код подразделения', passport.divisionCode],
            ]}
          />
        </Section>
      </SimpleGrid>

      <Section title="Место рождения и адреса">
        <AddressSection />
      </Section>

      <Section title="Занятость, СНИЛС, ИНН и почта">
        <OptionalDataSection />
      </Section>

      <Section title="Смена паспорта">
        <PassportChangeForm me={me} />
      </Section>

      <Section title="Прежние паспорта">
        <PassportHistory />
      </Section>

      <LinkedProviders />

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Section title="Смена номера телефона">
          <PhoneChangeSection />
          <Text size="sm">
            Дату рождения, если в ней ошибка, исправляет только специалист. Позвоните нам
            {status && (
              <>
                {' '}
                по номеру{' '}
                <Anchor href={telHref(status.supportPhone)} fw={600}>
                  {status.supportPhone}
                </Anchor>
              </>
            )}
            .
          </Text>
        </Section>
        <Section title="Прекращение отношений">
          <RelationshipEndSection />
        </Section>
      </SimpleGrid>

      {status && (
        <Text>
          <Anchor href={status.telegramUrl} target="_blank" rel="noopener noreferrer" fw={600}>
            Вопросы по долгу — в нашем Телеграм-канале
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}
