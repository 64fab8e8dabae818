import { Anchor, Badge, Box, Button, Container, Group, Indicator, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link, useLocation, useNavigate } from 'react-router';
import { api } from '../../contracts';
import { call, forgetCsrfToken } from '../api/client';
import { useMe, useNotifications, useSiteStatus } from '../api/queries';
import { signedOut } from './query-client';

/** Four items must fit a 360 px phone: tighter there, as before from 576 px up. */
const NAV_SPACING = { px: { base: 6, xs: 'xs' }, fz: { base: 13, xs: 'sm' } } as const;

/** A menu item; it is marked current on its own page and on the pages listed in `also` (prefixes). */
function NavButton({ to, label, also = [] }: { to: string; label: string; also?: string[] }) {
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

/** An envelope, for «Сообщения» on a phone where the word does not fit. */
function EnvelopeIcon() {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden
    >
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <path d="m3 7 9 6 9-6" />
    </svg>
  );
}

/** «Сообщения» with the number of unread ones; an envelope with a dot-count instead of the word below 576 px. */
function MessagesButton() {
  const { pathname } = useLocation();
  const { data } = useNotifications();
  const unread = data?.unread ?? 0;
  const current = pathname === '/account/notifications';
  const count = unread > 99 ? '99+' : String(unread);
  return (
    <Button
      component={Link}
      to="/account/notifications"
      variant={current ? 'light' : 'subtle'}
      size="sm"
      {...NAV_SPACING}
      aria-current={current ? 'page' : undefined}
      aria-label={unread > 0 ? `Сообщения, непрочитанных: ${unread}` : 'Сообщения'}
      // The count sits on the envelope's corner, partly outside the button.
      styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}
    >
      <Box component="span" visibleFrom="xs" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
        Сообщения
        {unread > 0 && (
          <Badge size="sm" circle color="red" aria-hidden>
            {count}
          </Badge>
        )}
      </Box>
      <Box component="span" hiddenFrom="xs" display="flex">
        <Indicator label={count} size={16} color="red" disabled={unread === 0} offset={2} aria-hidden>
          <EnvelopeIcon />
        </Indicator>
      </Box>
    </Button>
  );
}

export function Header() {
  const { data: status } = useSiteStatus();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const logout = useMutation({
    mutationFn: () => call(api.logout),
    onSettled: () => {
      // Signed out on this page whatever the answer: at worst the session ends by its own timeout.
      forgetCsrfToken();
      signedOut();
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
          <Group gap={4} component="nav" aria-label="Основное меню" wrap="nowrap">
            {me ? (
              <>
                <NavButton
                  to="/account"
                  label="Главная"
                  also={['/account/apply', '/account/applications/', '/account/loans/']}
                />
                <MessagesButton />
                <NavButton to="/account/profile" label="Профиль" />
                <NavButton to="/account/sessions" label="Сеансы" />
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
                <Button component={Link} to="/register" variant="subtle" size="sm" px="xs">
                  Регистрация
                </Button>
                <Button component={Link} to="/login" size="sm">
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
