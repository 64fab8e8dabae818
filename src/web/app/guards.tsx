import { Button, Center, Loader, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../api/queries';
import { ApiErrorAlert } from '../components/ApiErrorAlert';

export function PageLoader() {
  return (
    <Center py="xl">
      <Loader aria-label="Загрузка" />
    </Center>
  );
}

/** Where to go after signing in: back to the page that asked for it, or the profile. */
export function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/account') ? from : '/account';
}

/** The signed-in pages: a guest goes to /login and comes back after signing in. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return <PageLoader />;
  if (me.isError && me.data === undefined)
    return (
      <Stack maw={520} mx="auto">
        <ApiErrorAlert error={me.error} />
        <Button variant="light" onClick={() => void me.refetch()} loading={me.isFetching}>
          Попробовать ещё раз
        </Button>
      </Stack>
    );
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

/** Sign-in and registration: a signed-in user goes straight to the account. */
export function GuestOnly({ children }: { children: ReactNode }) {
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return <PageLoader />;
  if (me.data) return <Navigate to={returnPath(location.state)} replace />;
  return children;
}
