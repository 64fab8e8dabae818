import { Anchor, Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { ApiErrorAlert } from './ApiErrorAlert';

/** «← В личный кабинет»: the way back from a page of the account. */
export function BackToAccount() {
  return (
    <Anchor component={Link} to="/account" size="sm" underline="hover">
      ← В личный кабинет
    </Anchor>
  );
}

/** A page of the account whose subject does not exist (or is not the borrower's): what to do instead. */
export function PageMissing({ title, text }: { title: string; text: string }) {
  return (
    <Stack gap="md" maw={560}>
      <BackToAccount />
      <Title order={1} size="h2">
        {title}
      </Title>
      <Text c="dimmed">{text}</Text>
      <Button component={Link} to="/account" style={{ alignSelf: 'flex-start' }}>
        В личный кабинет
      </Button>
    </Stack>
  );
}

/** A page of the account that could not be loaded: the way back, what went wrong and «Попробовать ещё раз». */
export function LoadFailed({
  query,
}: {
  query: { error: unknown; isFetching: boolean; refetch: () => unknown };
}) {
  return (
    <Stack gap="md" maw={560}>
      <BackToAccount />
      <ApiErrorAlert error={query.error} />
      <Button
        variant="light"
        onClick={() => void query.refetch()}
        loading={query.isFetching}
        style={{ alignSelf: 'flex-start' }}
      >
        Попробовать ещё раз
      </Button>
    </Stack>
  );
}
