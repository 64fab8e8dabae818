import { Alert, Anchor, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PERSON_REGISTERED, PHONE_TAKEN } from '../../i18n/texts';

/** PHONE_ALREADY_REGISTERED: the number has an account; offer recovery with the phone filled in. */
export function PhoneTakenAlert({ phone }: { phone?: string | undefined }) {
  return (
    <Alert color="red" variant="light">
      <Text size="sm">{PHONE_TAKEN}</Text>
      <Anchor component={Link} to="/recover" state={{ phone }} size="sm" fw={600}>
        Восстановить пароль
      </Anchor>
    </Alert>
  );
}

/** PERSON_ALREADY_REGISTERED: this person already has an account. */
export function PersonRegisteredAlert() {
  return (
    <Alert color="red" variant="light">
      <Text size="sm">{PERSON_REGISTERED}</Text>
      <Group gap="md" mt={4}>
        <Anchor component={Link} to="/login" size="sm" fw={600}>
          Войдите в личный кабинет
        </Anchor>
        <Anchor component={Link} to="/recover" size="sm" fw={600}>
          Восстановить пароль
        </Anchor>
      </Group>
    </Alert>
  );
}
