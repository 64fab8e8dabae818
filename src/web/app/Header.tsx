import { Anchor, Box, Burger, Button, Container, Group, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Fragment, Suspense, lazy, useEffect } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { call, forgetCsrfToken, prefetchCsrfToken } from '../api/client';
import { useMe, useSiteStatus } from '../api/queries';
import { routes } from '../api/routes';
import { ACCOUNT_PAGES } from './account-pages';
import { NAV_SPACING } from './nav-spacing';
import { signedOut } from './query-client';

/** A menu item; it is marked current on its own page and on the pages listed in `also` (prefixes). */
function NavButton({ to, label, also }: { to: string; label: string; also: readonly string[] }) {
  const { pathname } = useLocation();
  const current = pathname === to;
  const active = current || also.some((prefix) => pathname.startsWith(prefix));
  return (
    <Button
      component={Link}
      to={to}
      variant={active ? 'light' : 'subtle'}
      size="sm"
      {...NAV_SPACING}
      aria-current={current ? 'page' : undefined}
    >
      {label}
    </Button>
  );
}

/**
 * «Меню» on a phone, in its own chunk: Mantine's Menu (popover, floating-ui, focus trap) is not needed by a guest,
 * so the first page's script goes without it. Until it arrives, a disabled burger of the same size holds its place.
 */
const MessagesButton = lazy(() =>
  import('./MessagesButton').then((module) => ({ default: module.MessagesButton })),
);
const PhoneMenu = lazy(() => import('./PhoneMenu').then((module) => ({ default: module.PhoneMenu })));

export function Header() {
  const { data: status } = useSiteStatus();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const signedIn = Boolean(me);
  // The sign-out's token is fetched ahead, so «Выйти» is a single request that survives a closed tab (keepalive).
  useEffect(() => {
    if (signedIn) prefetchCsrfToken();
  }, [signedIn]);
  const logout = useMutation({
    // Signed out on this page at once, before the server ends the session: the account's requests stop (in-flight
    // ones are aborted, pollers unmount), so none of them comes back 401; the sign-out itself is kept alive through
    // a closed or left page.
    onMutate: () => signedOut(),
    mutationFn: () => call(routes.logout, { keepalive: true }),
    onSettled: () => {
      forgetCsrfToken();
      void navigate('/');
    },
  });

  return (
    <Box component="header" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
      <Container size="lg">
        <Group justify="space-between" gap="xs">
          <Anchor component={Link} to="/" underline="never" c="inherit" miw={0}>
            <Text fw={800} fz={{ base: 'md', sm: 'xl' }} c="teal.8" truncate>
              {status?.companyName ?? 'Личный кабинет'}
            </Text>
          </Anchor>
          {status?.telegramUrl && (
            // The company's channel for news, on every page (debt questions go to «Вопросы специалисту»).
            <Anchor
              href={status.telegramUrl}
              target="_blank"
              rel="noopener noreferrer"
              size="sm"
              visibleFrom="md"
              ml="auto"
              mr="sm"
            >
              Наш Telegram
            </Anchor>
          )}
          <Group gap={4} component="nav" aria-label="Основное меню" wrap="nowrap">
            {me ? (
              <>
                {ACCOUNT_PAGES.map((page, index) => (
                  <Fragment key={page.to}>
                    <Box visibleFrom="xs">
                      <NavButton to={page.to} label={page.label} also={page.also} />
                    </Box>
                    {index === 0 && (
                      <Suspense fallback={null}>
                        <MessagesButton />
                      </Suspense>
                    )}
                  </Fragment>
                ))}
                <Box hiddenFrom="xs" display="flex">
                  <Suspense fallback={<Burger opened={false} size="sm" aria-label="Меню" disabled />}>
                    <PhoneMenu />
                  </Suspense>
                </Box>
                <Button
                  variant="subtle"
                  color="gray"
                  size="sm"
                  {...NAV_SPACING}
                  onClick={() => logout.mutate()}
                  loading={logout.isPending}
                >
                  Выйти
                </Button>
              </>
            ) : (
              <>
                <Button component={Link} to="/register" variant="subtle" size="sm" {...NAV_SPACING}>
                  Регистрация
                </Button>
                <Button component={Link} to="/login" size="sm" {...NAV_SPACING}>
                  Войти
                </Button>
              </>
            )}
          </Group>
        </Group>
      </Container>
    </Box>
  );
}
